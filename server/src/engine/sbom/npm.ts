// package-lock.json and npm-shrinkwrap.json: lockfileVersion 2 and 3 (`packages`, keyed by install
// path) and 1 (nested `dependencies`, turned into the same paths). A dependency is found the way Node
// resolves it: `<dir>/node_modules/<name>` from the dependent's own folder, then each folder above.
import { sriHashes } from './hashes';
import type { LockedPackage, LockedProject, LockGraph, PackageEdge, ProjectEdge, ProjectEdgeKind, Scope, Target } from './model';
import { entriesOf, gitSource, joinDir, licenseText, obj, own, str, type Obj, type ReaderContext } from './util';

export function readNpmLock(ctx: ReaderContext, data: unknown): LockGraph {
  const root = obj(data);
  const packages = obj(own(root, 'packages'));
  if (packages && Object.keys(packages).length > 0) return readPackages(ctx, packages);
  return readV1(ctx, root);
}

// ---- lockfileVersion 2 and 3 ------------------------------------------------------------------

function readPackages(ctx: ReaderContext, packages: Obj): LockGraph {
  const entries = new Map<string, Obj>();
  for (const k in packages) {
    if (!Object.prototype.hasOwnProperty.call(packages, k)) continue;
    const e = obj(packages[k]);
    if (e) entries.set(k, e);
  }
  const installed = new NodeModules(entries.keys());
  const targets = new Map<string, Target | undefined>();
  const targetOf = (key: string): Target | undefined => {
    if (targets.has(key)) return targets.get(key);
    const e = entries.get(key)!;
    let t: Target | undefined;
    if (e.link === true) {
      // A workspace or `file:` folder: `resolved` is its path from the lockfile's folder.
      const to = str(e.resolved);
      const dir = to === undefined ? undefined : joinDir(ctx.dir, to);
      t = to !== undefined && isInstalled(to) && entries.has(to) ? { id: to } : dir === undefined ? undefined : { project: dir };
    } else if (isInstalled(key)) t = { id: key };
    else {
      const dir = joinDir(ctx.dir, key);
      t = dir === undefined ? undefined : { project: dir };
    }
    targets.set(key, t);
    return t;
  };
  const resolve = (from: string, name: string): Target | undefined => {
    const key = installed.find(from, name);
    return key === undefined ? undefined : targetOf(key);
  };

  const pkgs = new Map<string, LockedPackage>();
  const projects: LockedProject[] = [];
  for (const [key, e] of entries) {
    if (e.link === true) continue;
    if (!isInstalled(key)) {
      const dir = joinDir(ctx.dir, key);
      if (dir === undefined) continue;
      projects.push({ dir, member: key !== '', deps: projectDeps(e, (n) => resolve(key, n)) });
      continue;
    }
    const deps: PackageEdge[] = [];
    addEdges(deps, e.dependencies, key, resolve, undefined);
    addEdges(deps, e.optionalDependencies, key, resolve, true);
    if (e.peerDependencies !== undefined) addEdges(deps, e.peerDependencies, key, resolve, obj(e.peerDependenciesMeta) ?? false);
    const id = npmIdentity(str(e.name) ?? key.slice(key.lastIndexOf('node_modules/') + 13), str(e.version), str(e.resolved));
    pkgs.set(key, {
      id: key,
      ecosystem: 'npm',
      name: id.name,
      version: id.version,
      qualifiers: id.qualifiers,
      hashes: sriHashes(str(e.integrity)),
      license: e.license === undefined ? undefined : licenseText(e.license),
      scope: flagScope(e),
      deps,
      depsKnown: true,
    });
  }
  return { path: ctx.path, packages: pkgs, projects, notes: [] };
}

/** Edges to the packages a dependency map names, as found from `from`; `optional` true, or per peerDependenciesMeta. */
function addEdges(out: PackageEdge[], map: unknown, from: string, resolve: (from: string, name: string) => Target | undefined, optional: true | Obj | false | undefined): void {
  const m = obj(map);
  if (!m) return;
  for (const name in m) {
    if (!Object.prototype.hasOwnProperty.call(m, name)) continue;
    const target = resolve(from, name);
    if (target) out.push({ target, optional: optional === true || (typeof optional === 'object' && obj(own(optional, name))?.optional === true) });
  }
}

/** Whether a lockfile key is an installed package (under some node_modules), not a project folder. */
function isInstalled(key: string): boolean {
  return key.startsWith('node_modules/') || key.includes('/node_modules/');
}

/**
 * Installed packages by name, for Node's lookup: from folder `from`, the nearest `<dir>/node_modules/<name>`
 * where `<dir>` is `from` or a folder above it. Each name is installed in few places, so checking
 * them all is cheaper than building every candidate path.
 */
export class NodeModules {
  private readonly byName = new Map<string, { parent: string; prefix: string; key: string }[]>();
  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      const i = key.lastIndexOf('node_modules/');
      if (i < 0 || (i > 0 && key[i - 1] !== '/')) continue;
      const name = key.slice(i + 13);
      const parent = i === 0 ? '' : key.slice(0, i - 1);
      const list = this.byName.get(name);
      const item = { parent, prefix: `${parent}/`, key };
      if (list) list.push(item);
      else this.byName.set(name, [item]);
    }
  }
  /** The key of the copy of `name` that code in folder `from` loads, or undefined. */
  find(from: string, name: string): string | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    let best: { parent: string; key: string } | undefined;
    for (const c of list) {
      if (c.parent !== '' && c.parent !== from && !from.startsWith(c.prefix)) continue;
      if (!best || c.parent.length > best.parent.length) best = c;
    }
    return best?.key;
  }
}

function flagScope(e: Obj): Scope {
  if (e.dev === true) return 'excluded';
  if (e.optional === true || e.devOptional === true) return 'optional';
  return 'required';
}

/** A project's direct dependencies from its manifest-shaped entry (the lockfile root, a workspace, package.json). */
export function projectDeps(manifest: Obj | undefined, resolve: (name: string) => Target | undefined): ProjectEdge[] {
  const out: ProjectEdge[] = [];
  const seen = new Set<string>();
  const add = (map: unknown, kind: ProjectEdgeKind) => {
    for (const [name] of entriesOf(map)) {
      if (seen.has(name)) continue;
      const target = resolve(name);
      if (!target) continue;
      seen.add(name);
      out.push({ target, kind });
    }
  };
  // npm lists an optional dependency under dependencies too; the optional list is read first to mark it so.
  add(manifest?.optionalDependencies, 'optional');
  add(manifest?.dependencies, 'prod');
  add(manifest?.peerDependencies, 'prod');
  add(manifest?.devDependencies, 'dev');
  return out;
}

/**
 * The real name, version and purl qualifiers of an npm package. v1 lockfiles put aliases
 * (`npm:real@1.0.0`) and git sources into `version`; a git dependency's version is its commit.
 */
export function npmIdentity(name: string, version: string | undefined, resolved: string | undefined): { name: string; version: string | undefined; qualifiers: Record<string, string> | undefined } {
  let n = name;
  let v = version;
  if (v?.startsWith('npm:')) {
    const spec = v.slice(4);
    const at = spec.lastIndexOf('@');
    if (at > 0) {
      n = spec.slice(0, at);
      v = spec.slice(at + 1);
    }
  }
  const fromVersion = gitSource(v);
  const git = fromVersion ?? gitSource(resolved);
  if (fromVersion || (git && v === undefined)) v = git!.revision;
  return { name: n, version: v || undefined, qualifiers: git ? { vcs_url: git.vcsUrl } : undefined };
}

// ---- lockfileVersion 1 ------------------------------------------------------------------------

function readV1(ctx: ReaderContext, root: Obj | undefined): LockGraph {
  const entries = new Map<string, Obj>();
  const walk = (deps: unknown, prefix: string, depth: number) => {
    if (depth > 64) return;
    for (const [name, v] of entriesOf(deps)) {
      const e = obj(v);
      if (!e) continue;
      const key = `${prefix}node_modules/${name}`;
      entries.set(key, e);
      walk(e.dependencies, `${key}/`, depth + 1);
    }
  };
  walk(own(root, 'dependencies'), '', 0);

  const installed = new NodeModules(entries.keys());
  const resolve = (from: string, name: string): Target | undefined => {
    const key = installed.find(from, name);
    if (key === undefined) return undefined;
    const v = str(entries.get(key)!.version);
    if (v?.startsWith('file:')) {
      const dir = joinDir(ctx.dir, v.slice(5));
      return dir === undefined ? undefined : { project: dir };
    }
    return { id: key };
  };

  const pkgs = new Map<string, LockedPackage>();
  const required = new Set<string>();
  for (const [key, e] of entries) {
    const version = str(e.version);
    if (version?.startsWith('file:')) continue;
    const deps: PackageEdge[] = [];
    for (const [name] of entriesOf(e.requires)) {
      const target = resolve(key, name);
      if (!target) continue;
      deps.push({ target, optional: false });
      if ('id' in target) required.add(target.id);
    }
    const id = npmIdentity(key.slice(key.lastIndexOf('node_modules/') + 13), version, str(e.resolved));
    pkgs.set(key, { id: key, ecosystem: 'npm', name: id.name, version: id.version, qualifiers: id.qualifiers, hashes: sriHashes(str(e.integrity)), scope: flagScope(e), deps, depsKnown: true });
  }
  // The root's direct dependencies come from package.json; without one, every top-level entry
  // nothing else requires is taken as direct.
  const manifest = ctx.manifest(ctx.dir);
  let deps: ProjectEdge[];
  if (manifest) deps = projectDeps(manifest, (n) => resolve('', n));
  else {
    deps = [];
    for (const [key, p] of pkgs) {
      if (key.indexOf('/node_modules/') >= 0 || required.has(key)) continue;
      deps.push({ target: { id: key }, kind: p.scope === 'excluded' ? 'dev' : p.scope === 'optional' ? 'optional' : 'prod' });
    }
  }
  return { path: ctx.path, packages: pkgs, projects: [{ dir: ctx.dir, member: false, deps }], notes: [] };
}
