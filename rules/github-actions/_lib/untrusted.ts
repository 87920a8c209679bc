// Where a privileged job brings the pull request's content in: checking out its head, fetching its
// refs, or downloading artifacts a triggering (possibly fork) run produced.
import { allContexts, fences, parseExpr } from './expr';
import { actionRepo, stepInput, type WfStep } from './workflow';

/** Contexts that name the pull request's head (its branch, commit or fork). */
const HEAD = [
  /^github\.head_ref$/,
  /^github\.event\.pull_request\.head\.(sha|ref|repo\.full_name|repo\.clone_url|repo\.ssh_url|label)$/,
  /^github\.event\.pull_request\.merge_commit_sha$/,
  /^github\.event\.workflow_run\.(head_sha|head_branch|head_commit\.id|head_repository\.full_name|pull_requests\.\*\.head\.(sha|ref))$/,
];

/** The head-of-PR reference in a value (`${{ github.event.pull_request.head.sha }}`, `refs/pull/N/merge`), or undefined. */
export function headReference(value: string, trigger: string): string | undefined {
  if (/refs\/pull\//.test(value)) return value.trim();
  for (const f of fences(value)) {
    const parsed = parseExpr(f.inner);
    const paths = parsed ? allContexts(parsed).map((c) => c.path) : [];
    for (const p of paths) {
      if (HEAD.some((re) => re.test(p))) return p;
      // issue_comment workflows look the pull request up first and check out what a step found.
      if (trigger === 'issue_comment' && /^steps\.[^.]+\.outputs\./.test(p)) return p;
    }
  }
  return undefined;
}

/** Whether a step brings pull-request content into the job (head checkout or a triggering run's artifacts). */
export function importsUntrusted(step: WfStep, trigger: string): boolean {
  const repo = actionRepo(step.uses);
  if (repo === 'actions/checkout') return ['ref', 'repository'].some((k) => headReference(stepInput(step, k)?.value ?? '', trigger) !== undefined);
  if (repo === 'actions/download-artifact') return /workflow_run/.test(stepInput(step, 'run-id')?.value ?? '');
  if (repo === 'dawidd6/action-download-artifact') return true;
  if (step.run) return /\bgh\s+(run\s+download|pr\s+checkout)\b|pull\/[^/]+\/(head|merge)|refs\/pull\//.test(step.run.value);
  return false;
}
