// Flags workflows started by pull_request_target, workflow_run or issue_comment (which run with the
// base repository's secrets and a write-capable token) that check out the pull request's code.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { allContexts, fences, parseExpr } from '../_lib/expr';
import { mapScalar } from '../_lib/scalar';
import { allCommands, argsOf, commandHead } from '../_lib/shell';
import { actionRepo, mapEntries, neverRuns, readWorkflow, stepInput, triggerNames, type WfStep } from '../_lib/workflow';

const TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'] as const;

/** Contexts that name the pull request's head (its branch, commit or fork). */
const HEAD = [
  /^github\.head_ref$/,
  /^github\.event\.pull_request\.head\.(sha|ref|repo\.full_name|repo\.clone_url|repo\.ssh_url|label)$/,
  /^github\.event\.pull_request\.merge_commit_sha$/,
  /^github\.event\.workflow_run\.(head_sha|head_branch|head_commit\.id|head_repository\.full_name|pull_requests\.\*\.head\.(sha|ref))$/,
  /^github\.event\.(number|pull_request\.number|issue\.number)$/,
];

export default fileCheck<'github-workflow'>((ctx) => {
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const triggers = triggerNames(wf);
  const trigger = TRIGGERS.find((t) => triggers.has(t));
  if (!trigger) return;
  const text = ctx.file.text;
  for (const job of wf.jobs) {
    job.steps.forEach((step, index) => {
      if (neverRuns(step.if)) return;
      const later = job.steps.slice(index + 1);
      const runsLater = later.some(executesCheckout);
      if (actionRepo(step.uses) === 'actions/checkout') {
        for (const input of ['ref', 'repository']) {
          const v = stepInput(step, input);
          if (!v) continue;
          const head = headReference(v.value, trigger);
          if (!head) continue;
          ctx.report({ messageId: runsLater ? 'checkoutRuns' : 'checkout', at: v.span, data: { ref: head, trigger } });
          break;
        }
        return;
      }
      if (!step.run) return;
      const mapped = mapScalar(step.run.node, text);
      if (!mapped) return;
      const cmds = allCommands(mapped.value);
      cmds.forEach((cmd, k) => {
        const what = fetchesHead(cmd, step, trigger);
        if (!what) return;
        const runsAfter = runsLater || k < cmds.length - 1;
        ctx.report({ messageId: runsAfter ? 'commandRuns' : 'command', at: mapped.span(cmd.start, cmd.end), data: { command: what, trigger } });
      });
    });
  }
});

/** The head-of-PR reference in an input value, or undefined. */
function headReference(value: string, trigger: string): string | undefined {
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

function fetchesHead(cmd: ReturnType<typeof allCommands>[number], step: WfStep, trigger: string): string | undefined {
  const head = commandHead(cmd);
  if (!head) return undefined;
  const args = argsOf(cmd).map((a) => a.raw);
  const line = [head.name, ...args].join(' ');
  if (head.name === 'gh' && args[0] === 'pr' && args[1] === 'checkout') return line;
  if (head.name !== 'git') return undefined;
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub !== 'fetch' && sub !== 'checkout' && sub !== 'pull' && sub !== 'clone' && sub !== 'switch') return undefined;
  if (args.some((a) => /(^|:|\/)pull\/[^/\s]+\/(head|merge)/.test(a) || a.includes('refs/pull/'))) return line;
  // `git checkout ${{ github.event.pull_request.head.sha }}` or a variable set from it in env.
  for (const a of args) {
    if (headReference(a, trigger)) return line;
    const m = /^"?\$\{?([A-Za-z_]\w*)/.exec(a);
    if (m) {
      const env = mapEntries(step.env).find((e) => e.key === m[1]);
      if (env?.value && headReference(env.value.value, trigger)) return line;
    }
  }
  return undefined;
}

/** A step that plausibly executes code from the checked-out tree. */
function executesCheckout(step: WfStep): boolean {
  if (neverRuns(step.if)) return false;
  if (step.run) return true;
  const uses = step.uses?.value.trim() ?? '';
  if (uses.startsWith('./')) return true;
  const repo = actionRepo(step.uses) ?? '';
  return /^(actions\/setup-|docker\/build-push-action|gradle\/|pnpm\/action-setup|borales\/actions-yarn|bahmutov\/npm-install|cypress-io\/github-action|goreleaser\/)/.test(repo);
}
