// pnpm-lock.yaml, lockfileVersion 5.x, 6.x and 9.x. Importers (the root and each workspace folder)
// list their direct dependencies; `packages` (v5/v6) or `snapshots` + `packages` (v9) hold the
// resolved packages and their own dependencies. Keys by version:
//   v5: /name/1.0.0, /@scope/name/1.0.0_peer@2.0.0
//   v6: /name@1.0.0, /@scope/name@1.0.0(peer@2.0.0)
//   v9: name@1.0.0(peer@2.0.0) in snapshots, name@1.0.0 in packages
import { sriHashes } from './hashes';
import type { LockedPackage, LockedProject, LockGraph, PackageEdge, ProjectEdge, ProjectEdgeKind, Scope, Target } from './model';
import { entriesOf, gitSource, joinDir, obj, own, str, type Obj, type ReaderContext } from './util';

type Flavour = 5 | 6 | 9;

export function readPnpmLock(ctx: ReaderContext, data: unknown): LockGraph {
  const root = obj(data) ?? {};
  const lv = root.lockfileVersion;
  const v = typeof lv === 'number' ? lv : typeof lv === 'string' ? parseFloat(lv) : NaN;
  const flavour: Flavour = v >= 9 ? 9 : v >= 6 ? 6 : 5;
  const packages = obj(root.packages) ?? {};
  const snapshots = flavour === 9 ? (obj(root.snapshots) ?? {}) : packages;
  const nodes = new Map<string, Obj>();
  for (const [k, val] of Object.entries(snapshots)) nodes.set(k, obj(val) ?? {});
  const meta = (key: string): Obj => obj(own(packages, flavour === 9 ? stripPeers(key) : key)) ?? nodes.get(key) ?? {};

  /** The node a dependency value names, from a package or an importer in folder `from`. */
  const resolve = (name: string, value: string, from: string): Target | undefined => {
    if (value.startsWith('link:')) {
      const dir = joinDir(from, value.slice(5));
      return dir === undefined ? undefined : { project: dir };
    }
    for (const key of keysFor(flavour, name, value)) if (nodes.has(key)) return { id: key };
    return undefined;
  };

  const pkgs = new Map<string, LockedPackage>();
  for (const [key, node] of nodes) {
    const m = meta(key);
    const parsed = parseKey(flavour, key);
    const name = str(m.name) ?? str(node.name) ?? parsed.name;
    if (!name) continue;
    const resolution = obj(m.resolution) ?? {};
    if (str(resolution.directory) !== undefined || str(resolution.type) === 'directory') continue; // a local folder, read as a project
    const repo = str(resolution.repo);
    const git = repo !== undefined ? gitSource(`${repo}#${str(resolution.commit) ?? ''}`) : gitSource(str(resolution.tarball));
    let version = str(m.version) ?? str(node.version) ?? parsed.version;
    if (version !== undefined && /[:/]/.test(version)) version = git?.revision;
    const deps: PackageEdge[] = [];
    for (const [dep, val] of entriesOf(node.dependencies)) {
      const t = typeof val === 'string' || typeof val === 'number' ? resolve(dep, String(val), ctx.dir) : undefined;
      if (t) deps.push({ target: t, optional: false });
    }
    for (const [dep, val] of entriesOf(node.optionalDependencies)) {
      const t = typeof val === 'string' || typeof val === 'number' ? resolve(dep, String(val), ctx.dir) : undefined;
      if (t) deps.push({ target: t, optional: true });
    }
    pkgs.set(key, {
      id: key,
      ecosystem: 'npm',
      name,
      ...(version ? { version } : {}),
      ...(git ? { qualifiers: { vcs_url: git.vcsUrl } } : {}),
      hashes: sriHashes(str(resolution.integrity)),
      ...flagScope(flavour, m, node),
      deps,
      depsKnown: true,
    });
  }

  const projects: LockedProject[] = [];
  const importers = obj(root.importers);
  const importerList: [string, Obj][] = importers ? entriesOf(importers).map(([k, v]) => [k, obj(v) ?? {}]) : [['.', root]];
  for (const [rel, imp] of importerList) {
    const dir = joinDir(ctx.dir, rel === '.' ? '' : rel);
    if (dir === undefined) continue;
    const deps: ProjectEdge[] = [];
    const seen = new Set<string>();
    const add = (map: unknown, kind: ProjectEdgeKind) => {
      for (const [name, val] of entriesOf(map)) {
        // v5 writes the version; v6 and v9 write { specifier, version }.
        const value = typeof val === 'string' || typeof val === 'number' ? String(val) : str(obj(val)?.version);
        if (value === undefined || seen.has(name)) continue;
        const t = resolve(name, value, dir);
        if (!t) continue;
        seen.add(name);
        deps.push({ target: t, kind });
      }
    };
    add(imp.optionalDependencies, 'optional');
    add(imp.dependencies, 'prod');
    add(imp.devDependencies, 'dev');
    projects.push({ dir, member: dir !== ctx.dir, deps });
  }
  return { path: ctx.path, packages: pkgs, projects, notes: [] };
}

/** v5 and v6 record `dev: true|false` and `optional: true`; a package both trees use has no `dev`. */
function flagScope(flavour: Flavour, m: Obj, node: Obj): { scope?: Scope } {
  if (flavour === 9) return {};
  const dev = m.dev ?? node.dev;
  const optional = (m.optional ?? node.optional) === true;
  if (dev === true) return { scope: 'excluded' };
  if (optional) return { scope: 'optional' };
  return { scope: 'required' };
}

/** Candidate keys for a dependency `name` whose lockfile value is `value`, most likely first. */
function keysFor(flavour: Flavour, name: string, value: string): string[] {
  if (flavour === 9) {
    // An alias is written as the real package: `string-width@4.2.3`; otherwise the version alone.
    const paren = value.indexOf('(');
    const head = paren < 0 ? value : value.slice(0, paren);
    return head.lastIndexOf('@') > 0 ? [value, `${name}@${value}`] : [`${name}@${value}`, value];
  }
  if (value.startsWith('/')) return [value];
  const out = flavour === 6 ? [`/${name}@${value}`] : [`/${name}/${value}`];
  // Tarball and git dependencies are keyed by their source (`github.com/u/r/sha`, `file:...`).
  if (value.includes('/') || value.includes(':')) out.push(value, `/${value}`);
  return out;
}

/** v9 snapshot key -> packages key: the peer suffix `(...)` is dropped. */
function stripPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren < 0 ? key : key.slice(0, paren);
}

/** Name and version from a packages/snapshots key, when the key has the usual shape. */
export function parseKey(flavour: Flavour, key: string): { name?: string; version?: string } {
  let k = key.startsWith('/') ? key.slice(1) : key;
  if (flavour === 5) {
    // name/version_peers or @scope/name/version_peers
    const parts = k.split('/');
    const n = k.startsWith('@') ? 3 : 2;
    if (parts.length !== n) return {};
    const version = parts[n - 1]!.split('_')[0]!;
    return { name: parts.slice(0, n - 1).join('/'), version };
  }
  k = stripPeers(k);
  const at = k.lastIndexOf('@');
  if (at <= 0) return {};
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}
