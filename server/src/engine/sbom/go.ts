// Go modules: go.mod's `require` directives (after `replace`) are the build list; go.sum gives each
// module's `h1:` hash, the SHA-256 dirhash that `go mod verify` checks. go.mod does not say which
// module needs which, so modules hang off the main module: direct requirements as its dependencies,
// `// indirect` ones as components with unknown dependants.
import type { GoModModel, GoModule } from '../parsers/gomod';
import { goSumHash } from './hashes';
import type { Hash, LockedPackage, LockGraph, ProjectEdge } from './model';
import { joinDir, type ReaderContext } from './util';

/** go.sum lines `<module> <version> h1:<hash>` (the `/go.mod` lines are left out), by `module version`. */
export function parseGoSum(text: string): Map<string, Hash> {
  const out = new Map<string, Hash>();
  for (const line of text.split('\n')) {
    const [mod, version, hash] = line.trim().split(/\s+/);
    if (!mod || !version || !hash || version.endsWith('/go.mod')) continue;
    const h = goSumHash(hash);
    if (h) out.set(`${mod} ${version}`, h);
  }
  return out;
}

export function readGoModule(ctx: ReaderContext, mod: GoModModel, sum: ReadonlyMap<string, Hash> | undefined): LockGraph {
  const packages = new Map<string, LockedPackage>();
  const deps: ProjectEdge[] = [];
  for (const r of mod.requires) {
    const rep = mod.replaces.find((x) => x.from.path === r.path && (x.from.version === undefined || x.from.version === r.version));
    if (rep?.local) {
      const dir = joinDir(ctx.dir, rep.to.path);
      if (dir !== undefined && !r.indirect) deps.push({ target: { project: dir }, kind: 'prod' });
      continue;
    }
    const m: GoModule = rep ? { path: rep.to.path, version: rep.to.version ?? r.version } : r;
    const id = `${m.path}@${m.version ?? ''}`;
    const hash = m.version !== undefined ? sum?.get(`${m.path} ${m.version}`) : undefined;
    packages.set(id, { id, ecosystem: 'golang', name: m.path, ...(m.version ? { version: m.version } : {}), hashes: hash ? [hash] : [], scope: 'required', deps: [], depsKnown: false });
    if (!r.indirect) deps.push({ target: { id }, kind: 'prod' });
  }
  return { path: ctx.path, packages, projects: [{ dir: ctx.dir, member: false, deps }], notes: [] };
}
