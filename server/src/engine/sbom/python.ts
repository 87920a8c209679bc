// Python lockfiles: poetry.lock and uv.lock (TOML), Pipfile.lock (JSON), and requirements files
// pinned with `==`. Names are compared after PEP 503 normalisation. A package's files and their
// hashes become distributions (one hash per wheel or sdist); when a package has exactly one hash it is
// also the component's own hash. Pipfile.lock and requirements files do not record which package
// needs which, so their packages hang off the project with unknown dependencies of their own.
import type { RequirementsModel } from '../parsers/requirements';
import { prefixedHexHash } from './hashes';
import type { Distribution, Hash, LockedPackage, LockedProject, LockGraph, PackageEdge, ProjectEdge, ProjectEdgeKind, Scope, Target } from './model';
import { normalisePypiName } from './purl';
import { arr, entriesOf, gitSource, joinDir, obj, str, type Obj, type ReaderContext } from './util';
import type { Text } from '../model';

const PYPI_SIMPLE = 'https://pypi.org/simple';

/** The name at the start of a PEP 508 requirement string (`requests[socks]>=2; python_version>"3"`). */
export function pep508Name(spec: string): string | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return m ? m[1] : undefined;
}

// ---- shared -----------------------------------------------------------------------------------

interface Draft {
  id: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string>;
  distributions: Distribution[];
  scope?: Scope;
  deps: PackageEdge[];
  depsKnown: boolean;
  license?: string;
}

function finish(d: Draft): LockedPackage {
  const distinct = new Map<string, Hash>();
  for (const x of d.distributions) distinct.set(`${x.hash.alg}:${x.hash.content}`, x.hash);
  const hashes = distinct.size === 1 ? [...distinct.values()] : [];
  return {
    id: d.id,
    ecosystem: 'pypi',
    name: d.name,
    ...(d.version ? { version: d.version } : {}),
    ...(d.qualifiers && Object.keys(d.qualifiers).length > 0 ? { qualifiers: d.qualifiers } : {}),
    hashes,
    distributions: d.distributions,
    ...(d.license ? { license: d.license } : {}),
    ...(d.scope ? { scope: d.scope } : {}),
    deps: d.deps,
    depsKnown: d.depsKnown,
  };
}

/** Packages by normalised name, for dependency look-ups. */
function index(drafts: readonly Draft[]): Map<string, Draft[]> {
  const out = new Map<string, Draft[]>();
  for (const d of drafts) {
    const k = normalisePypiName(d.name);
    out.set(k, [...(out.get(k) ?? []), d]);
  }
  return out;
}

/**
 * A project's direct dependencies from pyproject.toml: PEP 621 `[project]` and PEP 735
 * `[dependency-groups]`, and Poetry's `[tool.poetry]` tables. Names, normalised, with their kind.
 */
export function pyprojectDeps(pyproject: Obj | undefined): Map<string, ProjectEdgeKind> {
  const out = new Map<string, ProjectEdgeKind>();
  const rank: Record<ProjectEdgeKind, number> = { prod: 0, optional: 1, dev: 2 };
  const add = (name: string | undefined, kind: ProjectEdgeKind) => {
    if (!name) return;
    const k = normalisePypiName(name);
    if (k === 'python') return;
    const prev = out.get(k);
    if (prev === undefined || rank[kind] < rank[prev]) out.set(k, kind);
  };
  const project = obj(pyproject?.project);
  for (const s of arr(project?.dependencies)) add(pep508Name(str(s) ?? ''), 'prod');
  for (const [, list] of entriesOf(project?.['optional-dependencies'])) for (const s of arr(list)) add(pep508Name(str(s) ?? ''), 'optional');
  for (const [, list] of entriesOf(pyproject?.['dependency-groups'])) for (const s of arr(list)) add(pep508Name(str(s) ?? ''), 'dev');
  const poetry = obj(obj(pyproject?.tool)?.poetry);
  for (const [name, spec] of entriesOf(poetry?.dependencies)) add(name, obj(spec)?.optional === true ? 'optional' : 'prod');
  for (const [name] of entriesOf(poetry?.['dev-dependencies'])) add(name, 'dev');
  for (const [group, table] of entriesOf(poetry?.group)) for (const [name] of entriesOf(obj(table)?.dependencies)) add(name, group === 'main' ? 'prod' : 'dev');
  return out;
}

/** Project edges for named direct dependencies; without any, every package nothing else needs, by its scope. */
function rootEdges(direct: Map<string, ProjectEdgeKind>, byName: Map<string, Draft[]>, drafts: readonly Draft[]): ProjectEdge[] {
  const out: ProjectEdge[] = [];
  for (const [name, kind] of direct) for (const d of byName.get(name) ?? []) out.push({ target: { id: d.id }, kind });
  if (out.length > 0) return out;
  const needed = new Set<string>();
  for (const d of drafts) for (const e of d.deps) if ('id' in e.target) needed.add(e.target.id);
  for (const d of drafts) if (!needed.has(d.id)) out.push({ target: { id: d.id }, kind: d.scope === 'excluded' ? 'dev' : d.scope === 'optional' ? 'optional' : 'prod' });
  return out;
}

function indexUrlQualifier(url: string | undefined): Record<string, string> {
  if (!url) return {};
  const u = url.replace(/\/+$/, '');
  return u === PYPI_SIMPLE || u === 'https://pypi.org' || u === 'https://pypi.python.org/simple' ? {} : { repository_url: u };
}

// ---- poetry.lock ------------------------------------------------------------------------------

export function readPoetryLock(ctx: ReaderContext, data: Obj, pyproject: Obj | undefined): LockGraph {
  const legacyFiles = obj(obj(data.metadata)?.files);
  const drafts: Draft[] = [];
  const rawDeps = new Map<string, [string, unknown][]>();
  const projectTargets = new Map<string, string>(); // normalised name -> folder, for directory sources
  for (const raw of arr(data.package)) {
    const p = obj(raw);
    const name = str(p?.name);
    const version = str(p?.version);
    if (!p || !name) continue;
    const source = obj(p.source);
    const type = str(source?.type);
    const url = str(source?.url);
    if (type === 'directory') {
      const dir = url !== undefined ? joinDir(ctx.dir, url) : undefined;
      if (dir !== undefined) projectTargets.set(normalisePypiName(name), dir);
      continue;
    }
    const id = `${normalisePypiName(name)}@${version ?? ''}`;
    let qualifiers: Record<string, string> = {};
    if (type === 'git' && url) {
      const ref = str(source?.resolved_reference) ?? str(source?.reference);
      qualifiers = { vcs_url: `git+${url.replace(/^git\+/, '')}${ref ? `@${ref}` : ''}` };
    } else if (type === 'url' && url && !url.includes('://files.pythonhosted.org/')) qualifiers = { download_url: url };
    else if (type === 'legacy') qualifiers = indexUrlQualifier(url);
    const index = type === 'legacy' && url ? url.replace(/\/+$/, '') : PYPI_SIMPLE;
    const files = p.files !== undefined ? arr(p.files) : arr(legacyFiles?.[name]);
    const distributions: Distribution[] = [];
    for (const f of files) {
      const file = str(obj(f)?.file);
      const hash = prefixedHexHash(str(obj(f)?.hash));
      if (!hash) continue;
      const distUrl = type === 'url' || type === 'file' ? (url ?? file ?? '') : `${index}/${normalisePypiName(name)}/#${file ?? ''}`;
      if (distUrl) distributions.push({ url: distUrl, hash });
    }
    // Neither poetry.lock nor uv.lock records licences today; one is read if a future version adds it.
    const license = str(p.license)?.trim();
    drafts.push({ id, name, ...(version ? { version } : {}), qualifiers, distributions, ...poetryScope(p), ...(license ? { license } : {}), deps: [], depsKnown: true });
    rawDeps.set(id, entriesOf(p.dependencies));
  }
  const byName = index(drafts);
  const target = (name: string): Target[] => {
    const k = normalisePypiName(name);
    const dir = projectTargets.get(k);
    return dir !== undefined ? [{ project: dir }] : (byName.get(k) ?? []).map((d) => ({ id: d.id }));
  };
  for (const d of drafts) {
    for (const [name, spec] of rawDeps.get(d.id) ?? []) {
      // A dependency spec is a version string, a table, or a list of tables (one per marker set).
      const specs = Array.isArray(spec) ? spec : [spec];
      const optional = specs.every((s) => obj(s)?.optional === true);
      for (const t of target(name)) d.deps.push({ target: t, optional });
    }
  }
  const direct = pyprojectDeps(pyproject);
  const edges = rootEdges(direct, byName, drafts);
  for (const [name, kind] of direct) {
    const dir = projectTargets.get(name);
    if (dir !== undefined) edges.push({ target: { project: dir }, kind });
  }
  return graph(ctx, drafts, [{ dir: ctx.dir, member: false, deps: edges }], []);
}

/** Poetry 2 lists `groups`; older lockfiles a `category`. Extras-only packages are `optional`. */
function poetryScope(p: Obj): { scope?: Scope } {
  const groups = arr(p.groups).map(str);
  const category = str(p.category);
  if (groups.length === 0 && category === undefined) return p.optional === true ? { scope: 'optional' } : {};
  const main = groups.includes('main') || category === 'main';
  if (!main) return { scope: 'excluded' };
  return { scope: p.optional === true ? 'optional' : 'required' };
}

// ---- uv.lock ----------------------------------------------------------------------------------

export function readUvLock(ctx: ReaderContext, data: Obj): LockGraph {
  const drafts: Draft[] = [];
  const projects: { dir: string; p: Obj }[] = [];
  const projectDirs = new Map<string, string>(); // normalised name -> folder
  const raws = new Map<string, Obj>();
  for (const raw of arr(data.package)) {
    const p = obj(raw);
    const name = str(p?.name);
    if (!p || !name) continue;
    const version = str(p.version);
    const source = obj(p.source) ?? {};
    const localDir = str(source.editable) ?? str(source.virtual) ?? str(source.directory);
    if (localDir !== undefined) {
      const dir = joinDir(ctx.dir, localDir === '.' ? '' : localDir);
      if (dir !== undefined) {
        projects.push({ dir, p });
        projectDirs.set(normalisePypiName(name), dir);
      }
      continue;
    }
    const id = `${normalisePypiName(name)}@${version ?? ''}`;
    let qualifiers: Record<string, string>;
    const git = str(source.git);
    const url = str(source.url);
    if (git) {
      // uv writes `https://host/repo?rev=main#<commit>`.
      const hash = git.indexOf('#');
      const base = (hash < 0 ? git : git.slice(0, hash)).replace(/\?.*$/, '');
      const commit = hash < 0 ? undefined : git.slice(hash + 1);
      qualifiers = { vcs_url: `git+${base.replace(/^git\+/, '')}${commit ? `@${commit}` : ''}` };
    } else if (url && !url.includes('://files.pythonhosted.org/')) qualifiers = { download_url: url };
    else qualifiers = indexUrlQualifier(str(source.registry));
    const distributions: Distribution[] = [];
    const addDist = (d: unknown) => {
      const dd = obj(d);
      const hash = prefixedHexHash(str(dd?.hash));
      const u = str(dd?.url) ?? str(dd?.path) ?? str(dd?.filename);
      if (hash && u) distributions.push({ url: u, hash });
    };
    if (source.path === undefined) addDist(p.sdist);
    else addDist(p.sdist ?? { path: source.path, hash: obj(p.sdist)?.hash });
    for (const w of arr(p.wheels)) addDist(w);
    const license = str(p.license)?.trim();
    drafts.push({ id, name, ...(version ? { version } : {}), qualifiers, distributions, ...(license ? { license } : {}), deps: [], depsKnown: true });
    raws.set(id, p);
  }
  const byName = index(drafts);
  const targets = (dep: unknown): Target[] => {
    const d = obj(dep);
    const name = str(d?.name);
    if (!name) return [];
    const k = normalisePypiName(name);
    const dir = projectDirs.get(k);
    if (dir !== undefined) return [{ project: dir }];
    const version = str(d?.version);
    const all = byName.get(k) ?? [];
    const matching = version !== undefined ? all.filter((x) => x.version === version) : all;
    return (matching.length > 0 ? matching : all).map((x) => ({ id: x.id }));
  };
  for (const d of drafts) {
    const p = raws.get(d.id)!;
    for (const dep of arr(p.dependencies)) for (const t of targets(dep)) d.deps.push({ target: t, optional: false });
    for (const [, list] of entriesOf(p['optional-dependencies'])) for (const dep of arr(list)) for (const t of targets(dep)) d.deps.push({ target: t, optional: true });
  }
  const members = new Set(arr(obj(data.manifest)?.members).map((m) => normalisePypiName(str(m) ?? '')));
  const lockedProjects: LockedProject[] = projects.map(({ dir, p }) => {
    const deps: ProjectEdge[] = [];
    for (const dep of arr(p.dependencies)) for (const t of targets(dep)) deps.push({ target: t, kind: 'prod' });
    for (const [, list] of entriesOf(p['optional-dependencies'])) for (const dep of arr(list)) for (const t of targets(dep)) deps.push({ target: t, kind: 'optional' });
    for (const [, list] of entriesOf(p['dev-dependencies'])) for (const dep of arr(list)) for (const t of targets(dep)) deps.push({ target: t, kind: 'dev' });
    return { dir, member: dir !== ctx.dir && (members.size === 0 || members.has(normalisePypiName(str(p.name) ?? ''))), deps };
  });
  if (!lockedProjects.some((p) => p.dir === ctx.dir)) lockedProjects.push({ dir: ctx.dir, member: false, deps: rootEdges(new Map(), byName, drafts) });
  return graph(ctx, drafts, lockedProjects, []);
}

// ---- Pipfile.lock -----------------------------------------------------------------------------

export function readPipfileLock(ctx: ReaderContext, data: Obj, pipfile: Obj | undefined): LockGraph {
  const sources = new Map<string, string>();
  for (const s of arr(obj(data._meta)?.sources)) {
    const name = str(obj(s)?.name);
    const url = str(obj(s)?.url);
    if (name && url) sources.set(name, url.replace(/\/+$/, ''));
  }
  const drafts = new Map<string, Draft>();
  const sectionOf = new Map<string, Set<'default' | 'develop'>>();
  for (const section of ['default', 'develop'] as const) {
    for (const [name, raw] of entriesOf(data[section])) {
      const e = obj(raw);
      if (!e || e.editable === true || str(e.path) !== undefined) continue; // the project itself, or a local folder
      const pinned = str(e.version);
      const version = pinned?.startsWith('==') ? pinned.replace(/^=+/, '') : undefined;
      const key = normalisePypiName(name);
      const id = `${key}@${version ?? ''}`;
      sectionOf.set(id, new Set([...(sectionOf.get(id) ?? []), section]));
      if (drafts.has(id)) continue;
      const index = sources.get(str(e.index) ?? '') ?? PYPI_SIMPLE;
      let qualifiers: Record<string, string> = indexUrlQualifier(index);
      const git = str(e.git);
      if (git) {
        const src = gitSource(`${git.startsWith('git+') ? git : `git+${git}`}#${str(e.ref) ?? ''}`);
        qualifiers = src ? { vcs_url: src.vcsUrl } : {};
      } else if (str(e.file) && !str(e.file)!.includes('://files.pythonhosted.org/')) qualifiers = { download_url: str(e.file)! };
      const distributions: Distribution[] = [];
      for (const h of arr(e.hashes)) {
        const hash = prefixedHexHash(str(h));
        if (hash) distributions.push({ url: `${index}/${key}/#${hash.alg.toLowerCase().replace('-', '')}=${hash.content}`, hash });
      }
      drafts.set(id, { id, name, ...(version ? { version } : {}), qualifiers, distributions, deps: [], depsKnown: false });
    }
  }
  for (const [id, d] of drafts) d.scope = sectionOf.get(id)?.has('default') ? 'required' : 'excluded';
  const list = [...drafts.values()];
  const byName = index(list);
  const direct = new Map<string, ProjectEdgeKind>();
  for (const [name] of entriesOf(pipfile?.packages)) direct.set(normalisePypiName(name), 'prod');
  for (const [name] of entriesOf(pipfile?.['dev-packages'])) if (!direct.has(normalisePypiName(name))) direct.set(normalisePypiName(name), 'dev');
  // Without a Pipfile every locked package is taken as direct: the lockfile has no graph.
  const deps: ProjectEdge[] =
    direct.size > 0 ? rootEdges(direct, byName, list) : list.map((d) => ({ target: { id: d.id }, kind: d.scope === 'excluded' ? 'dev' : 'prod' }));
  return graph(ctx, list, [{ dir: ctx.dir, member: false, deps }], []);
}

// ---- requirements files -----------------------------------------------------------------------

/** requirements-dev.txt, dev-requirements.txt, requirements/test.txt...: development-only. */
export function isDevRequirements(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.txt$/i, '');
  const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const words = (parent.endsWith('requirements') ? name : name.replace(/requirements?/i, ' ')).toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => /^(dev|develop|development|test|tests|testing|lint|linting|docs?|ci|typing|mypy)$/.test(w));
}

export function readRequirements(ctx: ReaderContext, model: RequirementsModel, projectDir: string): LockGraph {
  const drafts = new Map<string, Draft>();
  const dev = isDevRequirements(ctx.path);
  let index = PYPI_SIMPLE;
  let unpinned = 0;
  for (const line of model.lines) {
    for (const o of line.options) if ((o.name === '-i' || o.name === '--index-url') && o.value) index = o.value.replace(/\/+$/, '');
    const req = line.requirement;
    if (!req?.name || req.editable) continue;
    let version: string | undefined;
    let qualifiers: Record<string, string> = indexUrlQualifier(index);
    if (req.url !== undefined) {
      const git = /^(git\+|git:)/i.test(req.url) ? gitSource(req.url) : undefined;
      if (git) {
        qualifiers = { vcs_url: git.vcsUrl };
        version = undefined;
      } else if (/^https?:\/\//i.test(req.url)) qualifiers = req.url.includes('://files.pythonhosted.org/') ? {} : { download_url: req.url };
      else continue; // a local path: the project's own code
    } else {
      const m = /^===?([^,;=<>!~*\s]+)$/.exec(req.specifier);
      if (!m) {
        unpinned++;
        continue;
      }
      version = m[1];
    }
    const key = normalisePypiName(req.name);
    const id = `${key}@${version ?? ''}`;
    const distributions: Distribution[] = [];
    for (const o of line.options) {
      if (o.name !== '--hash') continue;
      const hash = prefixedHexHash(o.value);
      if (hash) distributions.push({ url: `${index}/${key}/#${hash.alg.toLowerCase().replace('-', '')}=${hash.content}`, hash });
    }
    const prev = drafts.get(id);
    if (prev) prev.distributions.push(...distributions);
    else drafts.set(id, { id, name: req.name, ...(version ? { version } : {}), qualifiers, distributions, scope: dev ? 'excluded' : 'required', deps: [], depsKnown: false });
  }
  const notes: Text[] = [];
  if (unpinned > 0) {
    notes.push({
      en: `${ctx.path}: ${unpinned} requirement(s) are not pinned with == and are left out of the SBOM (pin them, e.g. with pip-compile, to list them)`,
      ja: `${ctx.path}: == で固定されていない要件 ${unpinned} 件は SBOM に含めていません (pip-compile などで固定すると一覧に載ります)`,
    });
  }
  const list = [...drafts.values()];
  const deps: ProjectEdge[] = list.map((d) => ({ target: { id: d.id }, kind: dev ? 'dev' : 'prod' }));
  return graph({ ...ctx, dir: projectDir }, list, [{ dir: projectDir, member: false, deps }], notes);
}

function graph(ctx: ReaderContext, drafts: readonly Draft[], projects: LockedProject[], notes: Text[]): LockGraph {
  return { path: ctx.path, packages: new Map(drafts.map((d) => [d.id, finish(d)])), projects, notes };
}
