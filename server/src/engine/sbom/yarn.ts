// yarn.lock, classic (v1) and berry (v2+). Entries are found by descriptor (`name@range`), the way
// yarn itself links them. Berry lists its workspaces (`name@workspace:path`); classic does not, so
// its workspaces come from the root package.json's `workspaces` globs.
//
// Hashes: classic records the tarball's Subresource Integrity (and a SHA-1 in the `resolved` URL's
// fragment). Berry's `checksum` is the hash of the zip archive yarn builds for its cache, not of any
// published file, so it is not reported as a component hash.
import picomatch from 'picomatch';
import type { YarnLockEntry, YarnLockMap, YarnLockModel } from '../parsers/yarnlock';
import { descriptorName } from '../parsers/yarnlock';
import { hexHash, mergeHashes, sriHashes } from './hashes';
import type { Hash, LockedPackage, LockedProject, LockGraph, PackageEdge, ProjectEdge, ProjectEdgeKind, Target } from './model';
import { npmIdentity } from './npm';
import { arr, entriesOf, gitSource, joinDir, obj, own, str, type Obj, type ReaderContext } from './util';

export function readYarnLock(ctx: ReaderContext, model: YarnLockModel): LockGraph {
  const byDescriptor = new Map<string, Target>();
  const workspaces = new Map<string, { dir: string; entry?: YarnLockEntry }>(); // by package name
  const local: { entry: YarnLockEntry; id: string }[] = [];

  for (const entry of model.entries) {
    const id = entry.keys[0];
    if (id === undefined) continue;
    const ref = model.berry ? reference(entry.fields.resolution?.value) : undefined;
    let target: Target = { id };
    if (ref && (ref.protocol === 'workspace:' || ref.protocol === 'link:' || ref.protocol === 'portal:')) {
      const dir = joinDir(ctx.dir, ref.path === '.' ? '' : ref.path);
      if (dir === undefined) continue;
      target = { project: dir };
      if (ref.protocol === 'workspace:') workspaces.set(ref.name, { dir, entry });
    } else local.push({ entry, id });
    for (const k of entry.keys) byDescriptor.set(k, target);
  }
  if (!model.berry) {
    for (const dir of classicWorkspaces(ctx)) {
      const name = str(ctx.manifest(dir)?.name);
      if (name) workspaces.set(name, { dir });
    }
  }
  const resolve = (name: string, range: string): Target | undefined => {
    const t = byDescriptor.get(`${name}@${range}`) ?? (model.berry && !range.includes(':') ? byDescriptor.get(`${name}@npm:${range}`) : undefined);
    if (t) return t;
    const ws = workspaces.get(name);
    return ws && (range.startsWith('workspace:') || !model.berry) ? { project: ws.dir } : undefined;
  };

  const packages = new Map<string, LockedPackage>();
  for (const { entry, id } of local) {
    const f = entry.fields;
    let name = descriptorName(id);
    const range = id.slice(name.length + 1);
    let version = f.version?.value;
    let qualifiers: Record<string, string> | undefined;
    let hashes: Hash[] = [];
    if (model.berry) {
      const ref = reference(f.resolution?.value);
      if (ref) name = ref.name;
      const git = ref && (ref.protocol.startsWith('git') || ref.protocol === 'https:' || ref.protocol === 'http:') ? gitSource(`${ref.protocol}${ref.path}`) : undefined;
      if (git) qualifiers = { vcs_url: git.vcsUrl };
    } else {
      const resolved = f.resolved?.value;
      const identity = npmIdentity(range.startsWith('npm:') ? descriptorName(range.slice(4)) || name : name, version, resolved);
      name = identity.name;
      version = identity.version ?? version;
      qualifiers = identity.qualifiers;
      hashes = sriHashes(f.integrity?.value);
      const sha1 = resolved !== undefined && !qualifiers ? /#([0-9a-f]{40})$/i.exec(resolved)?.[1] : undefined;
      const h = sha1 ? hexHash('SHA-1', sha1) : undefined;
      if (h) hashes = mergeHashes([...hashes, h]);
    }
    packages.set(id, {
      id,
      ecosystem: 'npm',
      name,
      ...(version ? { version } : {}),
      ...(qualifiers ? { qualifiers } : {}),
      hashes,
      deps: packageDeps(entry, resolve),
      depsKnown: true,
    });
  }

  const projects: LockedProject[] = [];
  if (model.berry && workspaces.size > 0) {
    for (const [, ws] of workspaces) {
      if (!ws.entry) continue;
      const manifest = ctx.manifest(ws.dir);
      const deps: ProjectEdge[] = [];
      for (const [name, range] of Object.entries(ws.entry.maps.dependencies?.values ?? {})) {
        const target = resolve(name, range);
        if (target) deps.push({ target, kind: manifestKind(manifest, name) });
      }
      projects.push({ dir: ws.dir, member: ws.dir !== ctx.dir, deps });
    }
  } else {
    const dirs = [ctx.dir, ...[...workspaces.values()].map((w) => w.dir)];
    for (const dir of new Set(dirs)) {
      const manifest = ctx.manifest(dir);
      projects.push({ dir, member: dir !== ctx.dir, deps: manifestDeps(manifest, resolve) });
    }
  }
  return { path: ctx.path, packages, projects, notes: [] };
}

/** A package entry's edges: `dependencies` (optional when berry's dependenciesMeta says so) and classic `optionalDependencies`. */
function packageDeps(entry: YarnLockEntry, resolve: (name: string, range: string) => Target | undefined): PackageEdge[] {
  const out: PackageEdge[] = [];
  const meta = entry.maps.dependenciesMeta;
  const add = (map: YarnLockMap | undefined, optional: (name: string) => boolean) => {
    for (const [name, range] of Object.entries(map?.values ?? {})) {
      const target = resolve(name, range);
      if (target) out.push({ target, optional: optional(name) });
    }
  };
  add(entry.maps.dependencies, (n) => meta?.maps[n]?.values.optional === 'true');
  add(entry.maps.optionalDependencies, () => true);
  return out;
}

/** What kind of dependency `name` is for a workspace, by its package.json. */
function manifestKind(manifest: Obj | undefined, name: string): ProjectEdgeKind {
  if (own(obj(manifest?.optionalDependencies), name) !== undefined) return 'optional';
  if (own(obj(manifest?.dependencies), name) !== undefined || own(obj(manifest?.peerDependencies), name) !== undefined) return 'prod';
  if (own(obj(manifest?.devDependencies), name) !== undefined) return 'dev';
  return 'prod';
}

/** A project's direct dependencies from package.json, each found by its descriptor. */
function manifestDeps(manifest: Obj | undefined, resolve: (name: string, range: string) => Target | undefined): ProjectEdge[] {
  const out: ProjectEdge[] = [];
  const seen = new Set<string>();
  const add = (map: unknown, kind: ProjectEdgeKind) => {
    for (const [name, range] of entriesOf(map)) {
      const r = str(range);
      if (r === undefined || seen.has(name)) continue;
      const target = resolve(name, r);
      if (!target) continue;
      seen.add(name);
      out.push({ target, kind });
    }
  };
  add(manifest?.optionalDependencies, 'optional');
  add(manifest?.dependencies, 'prod');
  add(manifest?.devDependencies, 'dev');
  return out;
}

/** Folders matched by the root package.json's `workspaces` (an array, or `{ packages: [...] }`). */
export function classicWorkspaces(ctx: ReaderContext): string[] {
  const manifest = ctx.manifest(ctx.dir);
  const spec = manifest?.workspaces;
  const globs = [...arr(spec), ...arr(obj(spec)?.packages)].map(str).filter((g): g is string => !!g);
  return workspaceDirs(ctx.dir, globs, ctx.packageDirs);
}

/** The folders among `packageDirs` that workspace globs (relative to `base`) select; `!glob` excludes. */
export function workspaceDirs(base: string, globs: readonly string[], packageDirs: readonly string[]): string[] {
  const include = globs.filter((g) => !g.startsWith('!')).map((g) => picomatch(trimGlob(g), { dot: false }));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => picomatch(trimGlob(g.slice(1)), { dot: false }));
  if (include.length === 0) return [];
  const prefix = base === '' ? '' : `${base}/`;
  const out: string[] = [];
  for (const dir of packageDirs) {
    if (dir === base || (prefix !== '' && !dir.startsWith(prefix))) continue;
    const rel = dir.slice(prefix.length);
    if (include.some((m) => m(rel)) && !exclude.some((m) => m(rel))) out.push(dir);
  }
  return out;
}

function trimGlob(g: string): string {
  return g.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** A berry resolution `name@protocol:path` split up; the `::locator=` suffix is dropped. */
function reference(resolution: string | undefined): { name: string; protocol: string; path: string } | undefined {
  if (!resolution) return undefined;
  const name = descriptorName(resolution);
  const rest = resolution.slice(name.length + 1);
  const colon = rest.indexOf(':');
  if (name === '' || colon < 0) return undefined;
  const locator = rest.indexOf('::');
  return { name, protocol: rest.slice(0, colon + 1), path: rest.slice(colon + 1, locator < 0 ? undefined : locator) };
}
