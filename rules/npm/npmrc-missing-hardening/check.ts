// Advises install-script and release-age hardening for npm, pnpm and yarn (strict profile).
import { jsonAt, repoCheck, scalarText, yamlGet, type ParsedFile } from '../../../server/src/engine/ruleApi';

export default repoCheck((ctx) => {
  const root = ctx.repo.filesOfKind('package-json').find((f) => f.path === 'package.json');
  if (!root || jsonAt(root.model.root, 'name') === undefined && jsonAt(root.model.root, 'dependencies') === undefined && jsonAt(root.model.root, 'devDependencies') === undefined) {
    ctx.notApplicable('no root package.json');
    return;
  }
  const npmrc = ctx.repo.filesOfKind('npmrc').find((f) => f.path === '.npmrc');
  const entry = (key: string) => npmrc?.model.entries.find((e) => e.key.toLowerCase() === key);
  const workspace = ctx.repo.filesOfKind('pnpm-workspace').find((f) => f.path === 'pnpm-workspace.yaml');
  const yarnrc = ctx.repo.filesOfKind('yarnrc').find((f) => f.path === '.yarnrc.yml');
  const pnpm = ctx.repo.has('pnpm-lock.yaml') || workspace !== undefined;
  const berry = yarnrc !== undefined;

  // Install scripts: npm/pnpm `ignore-scripts=true`, pnpm build allow-lists, yarn `enableScripts: false`.
  const scriptsOff =
    /^true$/i.test(entry('ignore-scripts')?.value ?? '') ||
    (workspace !== undefined && (yamlGet(docOf(workspace), 'onlyBuiltDependencies') !== undefined || yamlGet(docOf(workspace), 'ignoredBuiltDependencies') !== undefined || yamlGet(docOf(workspace), 'allowBuilds') !== undefined)) ||
    jsonAt(root.model.root, 'pnpm', 'onlyBuiltDependencies') !== undefined ||
    (yarnrc !== undefined && scalarText(yamlGet(docOf(yarnrc), 'enableScripts')) === 'false');
  // Release-age cooldown: npm `min-release-age`, pnpm `minimumReleaseAge`, yarn `npmMinimalAgeGate`.
  const cooldown =
    entry('min-release-age') !== undefined ||
    entry('minimum-release-age') !== undefined ||
    (workspace !== undefined && yamlGet(docOf(workspace), 'minimumReleaseAge') !== undefined) ||
    (yarnrc !== undefined && yamlGet(docOf(yarnrc), 'npmMinimalAgeGate') !== undefined);

  const lines: string[] = [];
  if (!scriptsOff) lines.push('ignore-scripts=true');
  if (!cooldown && !pnpm && !berry) lines.push('min-release-age=7');
  const fixes = lines.length > 0 && !pnpm && !berry ? [npmrcFix(npmrc, lines)] : [];
  if (!scriptsOff) ctx.report({ messageId: 'noIgnoreScripts', ...(npmrc ? { path: npmrc.path } : {}), fixes });
  if (!cooldown) ctx.report({ messageId: 'noReleaseAge', ...(npmrc ? { path: npmrc.path } : {}), data: { setting: pnpm ? 'minimumReleaseAge: 10080 (pnpm-workspace.yaml)' : berry ? 'npmMinimalAgeGate (.yarnrc.yml)' : 'min-release-age=7 (.npmrc)' }, fixes: scriptsOff ? fixes : [] });
});

function docOf(f: ParsedFile<'pnpm-workspace' | 'yarnrc'>): unknown {
  return f.model.docs[0]?.contents;
}

function npmrcFix(npmrc: ParsedFile<'npmrc'> | undefined, lines: readonly string[]) {
  if (!npmrc) return { fixId: 'hardenNpmrc', safety: 'needs-review' as const, edits: [{ path: '.npmrc', create: `${lines.join('\n')}\n` }] };
  const text = npmrc.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  return { fixId: 'hardenNpmrc', safety: 'needs-review' as const, edits: [{ path: npmrc.path, span: { start: text.length, end: text.length }, newText: `${lead}${lines.join(eol)}${eol}` }] };
}
