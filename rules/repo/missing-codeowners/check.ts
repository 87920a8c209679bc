// Checks that CODEOWNERS exists and assigns owners to the files that decide what gets built and shipped.
import { repoCheck, type FileKind } from '../../../server/src/engine/ruleApi';
import { ownersOf, parseCodeowners } from '../_lib/codeowners';

/** Files whose changes should always reach a named reviewer, by kind. */
const SENSITIVE_KINDS: readonly FileKind[] = ['github-workflow', 'github-action', 'dockerfile', 'npm-lockfile', 'yarn-lock', 'pnpm-lock', 'python-lock', 'go-sum', 'cargo-lock', 'security-policy', 'dependabot', 'renovate'];

export default repoCheck((ctx) => {
  const sensitive = SENSITIVE_KINDS.flatMap((k) => ctx.repo.pathsOfKind(k));
  if (sensitive.length === 0) {
    ctx.notApplicable('no workflows, Dockerfiles, lockfiles or security policy to protect');
    return;
  }
  const paths = ctx.repo.pathsOfKind('codeowners');
  if (paths.length === 0) {
    ctx.report({ messageId: 'missing', fixes: [{ fixId: 'createCodeowners', safety: 'needs-review', edits: [{ path: '.github/CODEOWNERS', create: template(sensitive) }] }] });
    return;
  }
  // GitHub reads the first of .github/, the root, docs/.
  const order = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
  const file = [...ctx.repo.filesOfKind('codeowners')].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path))[0];
  if (!file) return; // listed but unreadable: reported as not evaluated
  const rules = parseCodeowners(file.text);
  const uncovered = sensitive.filter((p) => (ownersOf(rules, p) ?? []).length === 0).sort();
  if (uncovered.length === 0) return;
  const owners = rules.find((r) => r.owners.length > 0)?.owners;
  const shown = uncovered.slice(0, 5).join(', ') + (uncovered.length > 5 ? `, … (${uncovered.length} files)` : '');
  const fixes = owners
    ? [{ fixId: 'addOwners', safety: 'needs-review' as const, data: { owners: owners.join(' ') }, edits: [appendLines(file.text, uncovered, owners)] }]
    : [];
  ctx.report({ messageId: 'uncovered', path: file.path, data: { path: file.path, files: shown }, fixes });
});

/** One pattern per uncovered file, folded into folder patterns for workflows. */
function patternsFor(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) out.add(p.startsWith('.github/workflows/') ? '/.github/workflows/' : `/${p}`);
  return [...out];
}

function appendLines(text: string, paths: readonly string[], owners: readonly string[]): { span: { start: number; end: number }; newText: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  const body = ['# Build, release and dependency files need a named reviewer', ...patternsFor(paths).map((p) => `${p} ${owners.join(' ')}`)].join(eol);
  return { span: { start: text.length, end: text.length }, newText: `${lead}${eol}${body}${eol}` };
}

function template(paths: readonly string[]): string {
  return [
    '# Code owners: every change to these paths needs a review from the owners named here.',
    '# Replace @your-org/maintainers with a real user or team that has write access.',
    '# コードオーナー: 以下のパスへの変更には、ここに記載した担当者のレビューが必要です。',
    '# @your-org/maintainers を書き込み権限を持つ実在のユーザーまたはチームに置き換えてください。',
    '',
    '*  @your-org/maintainers',
    ...patternsFor(paths).map((p) => `${p}  @your-org/maintainers`),
    '',
  ].join('\n');
}
