// Flags package.json dependency specs that float without bound (`*`, `latest`, empty), git/URL
// sources without a commit, and file: paths that leave the repository.
import { dirname, fileCheck, jsonAt, jsonString, type ParsedFile, type RepoView } from '../../../server/src/engine/ruleApi';
import { dependencySpecs, isNonProjectPath, localPackageNames } from '../_lib/manifest';

const FLOATING = /^(\*|x|X|latest|x\.x|x\.x\.x|\*\.\*|\*\.\*\.\*|>=?\s*0(\.0){0,2})$/;
const COMMIT = /#[0-9a-f]{40}$/i;

export default fileCheck<'package-json' | 'npm-lockfile'>((ctx) => {
  // Lockfiles are named in rule.yaml only so that they are parsed for the fix's version.
  if (ctx.file.kind !== 'package-json') return;
  const file = ctx.file as ParsedFile<'package-json'>;
  if (isNonProjectPath(file.path)) return;
  let local: Set<string> | undefined;
  for (const d of dependencySpecs(file)) {
    let spec = d.spec.trim();
    // `npm:real@range` aliases float or pin like their range.
    if (spec.startsWith('npm:')) {
      const at = spec.indexOf('@', spec.startsWith('npm:@') ? 5 : 4);
      spec = at < 0 ? '' : spec.slice(at + 1);
    }
    if (spec === '' || FLOATING.test(spec)) {
      // npm/yarn workspaces link their own packages with `*`: that is a local reference, not a float.
      local ??= localPackageNames(ctx.repo);
      if (local.has(d.name)) continue;
      const version = lockedVersion(ctx.repo, file, d.name);
      const fixes = version ? [{ fixId: 'pinLocked', safety: 'needs-review' as const, data: { version: `^${version}` }, edits: [{ span: d.span, newText: JSON.stringify(`^${version}`) }] }] : [];
      ctx.report({ messageId: 'floating', at: d.span, data: { name: d.name, spec: spec === '' ? '""' : spec }, fixes });
      continue;
    }
    if (isGitSpec(spec)) {
      if (!COMMIT.test(spec)) ctx.report({ messageId: 'gitNoCommit', at: d.span, data: { name: d.name, spec } });
      continue;
    }
    if (/^https?:\/\//i.test(spec)) {
      ctx.report({ messageId: 'url', at: d.span, data: { name: d.name, spec } });
      continue;
    }
    const path = /^(file|link):(.*)$/.exec(spec)?.[2];
    if (path !== undefined && leavesRepository(dirname(file.path), path)) ctx.report({ messageId: 'outside', at: d.span, data: { name: d.name, spec } });
  }
});

function isGitSpec(spec: string): boolean {
  if (/^(git(\+[a-z]+)?:\/\/|git@|github:|gitlab:|bitbucket:|gist:)/i.test(spec)) return true;
  if (/^https?:\/\/[^#]+\.git(#.*)?$/i.test(spec)) return true;
  // GitHub shorthand `owner/repo` or `owner/repo#ref` (not a scoped name, not a path).
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+(#.*)?$/.test(spec) && !spec.startsWith('.');
}

/** Whether a relative path from `dir` climbs above the repository root (absolute paths always do). */
function leavesRepository(dir: string, path: string): boolean {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('~')) return true;
  let depth = dir === '' ? 0 : dir.split('/').length;
  for (const seg of path.split(/[\\/]/)) {
    if (seg === '..') depth--;
    else if (seg !== '.' && seg !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** The version package-lock.json next to (or above) the manifest records for a direct dependency. */
function lockedVersion(repo: RepoView, manifest: ParsedFile<'package-json'>, name: string): string | undefined {
  let dir = dirname(manifest.path);
  for (;;) {
    const p = dir === '' ? 'package-lock.json' : `${dir}/package-lock.json`;
    const lock = repo.filesOfKind('npm-lockfile').find((f) => f.path === p);
    if (lock) {
      const v = jsonString(jsonAt(lock.model.root, 'packages', `node_modules/${name}`, 'version')) ?? jsonString(jsonAt(lock.model.root, 'dependencies', name, 'version'));
      return v && /^\d+\.\d+\.\d+/.test(v) ? v : undefined;
    }
    if (dir === '') return undefined;
    dir = dirname(dir);
  }
}
