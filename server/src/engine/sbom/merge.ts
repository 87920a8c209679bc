// LockGraphs -> one Inventory. Packages are identified by purl, so the same package locked in several
// lockfiles is one component with the union of its relationships; its scope is the strongest any
// lockfile gives it (required > optional > excluded). Each folder of the repository that a lockfile
// describes is a project component (`project:<folder>`); the root contains the others.
import type { Text } from '../model';
import { mergeHashes } from './hashes';
import type { Distribution, Ecosystem, Hash, Inventory, InventoryComponent, InventoryFile, LockGraph, Scope, Target } from './model';
import { purl } from './purl';
import { cmp } from './util';

/** What the repository says about one of its folders (its package.json, pyproject.toml or go.mod). */
export interface ProjectInfo {
  readonly name?: string;
  readonly version?: string;
  readonly ecosystem?: Ecosystem;
  /** A package that is not meant to be published (npm `private: true`). */
  readonly private?: boolean;
  /** The licence its manifest declares. */
  readonly license?: string;
}

export interface MergeOptions {
  /** The name of the root when its manifest gives none (the adapter passes the folder name). */
  readonly rootName: string;
  readonly projectInfo: (dir: string) => ProjectInfo | undefined;
  readonly author?: string;
  readonly supplier?: string;
}

const SCOPE_RANK: Record<Scope, number> = { required: 0, optional: 1, excluded: 2 };
const SCOPES: readonly Scope[] = ['required', 'optional', 'excluded'];

export function projectRef(dir: string): string {
  return `project:${dir === '' ? '.' : dir}`;
}

interface Draft {
  readonly ref: string;
  readonly kind: 'package' | 'project';
  readonly ecosystem: Ecosystem | undefined;
  readonly name: string;
  readonly version: string | undefined;
  hashes: readonly Hash[];
  distributions: Map<string, Distribution> | undefined;
  license: string | undefined;
  scope: Scope | undefined;
  readonly dir: string | undefined;
  /** Refs, possibly repeated (deduplicated at the end: arrays are far lighter than sets for a few items). */
  readonly dependsOn: string[];
  depsKnown: boolean;
}

/**
 * Merges lockfile graphs one at a time (so each graph can be dropped once added). Add them in a fixed
 * order (by path): where lockfiles disagree (a licence, a hash), the first one added wins.
 */
export class InventoryBuilder {
  private readonly drafts = new Map<string, Draft>();
  /** Folder -> the folder of the lockfile whose workspace it is. */
  private readonly ownerOf = new Map<string, string>();
  private readonly dependedOn = new Set<string>();
  private readonly notes: Text[] = [];

  constructor(private readonly options: MergeOptions) {
    this.project('');
  }

  private project(dir: string): Draft {
    const ref = projectRef(dir);
    let d = this.drafts.get(ref);
    if (!d) {
      d = { ref, kind: 'project', ecosystem: undefined, name: '', version: undefined, hashes: [], distributions: undefined, license: undefined, scope: undefined, dir, dependsOn: [], depsKnown: true };
      this.drafts.set(ref, d);
    }
    return d;
  }

  add(g: LockGraph): void {
    this.notes.push(...g.notes);
    const scopes = deriveScopes(g);
    const refOf = new Map<string, string>();
    for (const p of g.packages.values()) {
      const ref = purl({ type: p.ecosystem, name: p.name, version: p.version, qualifiers: p.qualifiers });
      if (ref !== undefined) refOf.set(p.id, ref);
    }
    const targetRef = (t: Target): string | undefined => ('id' in t ? refOf.get(t.id) : this.project(t.project).ref);
    for (const p of g.packages.values()) {
      const ref = refOf.get(p.id);
      if (ref === undefined) continue;
      let d = this.drafts.get(ref);
      if (!d) {
        d = { ref, kind: 'package', ecosystem: p.ecosystem, name: p.name, version: p.version, hashes: p.hashes, distributions: undefined, license: undefined, scope: undefined, dir: undefined, dependsOn: [], depsKnown: false };
        this.drafts.set(ref, d);
      } else if (p.hashes.length > 0) d.hashes = d.hashes.length === 0 ? p.hashes : mergeHashes([...d.hashes, ...p.hashes]);
      // A package no project reaches (a stale or patch entry) states no scope of its own.
      const scope = p.scope ?? scopes.get(p.id);
      if (scope !== undefined && (d.scope === undefined || SCOPE_RANK[scope] < SCOPE_RANK[d.scope])) d.scope = scope;
      if (p.distributions && p.distributions.length > 0) {
        d.distributions ??= new Map();
        for (const x of p.distributions) d.distributions.set(`${x.url}\0${x.hash.alg}\0${x.hash.content}`, x);
      }
      if (d.license === undefined && p.license) d.license = p.license;
      if (p.depsKnown) d.depsKnown = true;
      for (const e of p.deps) {
        const r = targetRef(e.target);
        if (r !== undefined && r !== ref) d.dependsOn.push(r);
      }
    }
    const owner = g.projects.find((p) => !p.member)?.dir;
    for (const p of g.projects) {
      const d = this.project(p.dir);
      if (p.member && owner !== undefined && owner !== p.dir && !this.ownerOf.has(p.dir)) this.ownerOf.set(p.dir, owner);
      for (const e of p.deps) {
        const r = targetRef(e.target);
        if (r === undefined || r === d.ref) continue;
        d.dependsOn.push(r);
        if ('project' in e.target) this.dependedOn.add(e.target.project);
      }
    }
  }

  finish(files: readonly InventoryFile[], notes: readonly Text[]): Inventory {
    const { drafts, ownerOf, dependedOn, options } = this;
    // Every project hangs off the root: workspaces off the folder whose lockfile lists them, other
    // folders off the root unless another project already depends on them.
    for (const d of [...drafts.values()]) {
      if (d.kind !== 'project' || d.dir === undefined || d.dir === '') continue;
      const owner = ownerOf.get(d.dir);
      if (owner !== undefined) this.project(owner).dependsOn.push(d.ref);
      else if (!dependedOn.has(d.dir)) this.project('').dependsOn.push(d.ref);
    }
    const components: InventoryComponent[] = [];
    let root: InventoryComponent | undefined;
    for (const d of [...drafts.values()].sort((a, b) => cmp(a.ref, b.ref))) {
      const dependsOn = [...new Set(d.dependsOn)].filter((r) => drafts.has(r)).sort(cmp);
      if (d.kind === 'project') {
        const dir = d.dir ?? '';
        const info = options.projectInfo(dir);
        const name = info?.name ?? (dir === '' ? options.rootName : dir.slice(dir.lastIndexOf('/') + 1));
        const p = info?.ecosystem && info.name ? purl({ type: info.ecosystem, name: info.name, version: info.version }) : undefined;
        const c: InventoryComponent = {
          ref: d.ref,
          kind: 'project',
          // The root and folders with their own lockfile are applications; workspace packages meant
          // for publishing (named, not private) are libraries.
          type: dir !== '' && ownerOf.has(dir) && info?.name !== undefined && info.private !== true ? 'library' : 'application',
          ecosystem: info?.ecosystem,
          name,
          version: info?.version,
          purl: p,
          hashes: [],
          distributions: [],
          license: info?.license,
          dir,
          dependsOn,
          depsKnown: true,
        };
        if (dir === '') root = c;
        else components.push(c);
        continue;
      }
      components.push({
        ref: d.ref,
        kind: 'package',
        type: 'library',
        ecosystem: d.ecosystem,
        name: d.name,
        version: d.version,
        purl: d.ref,
        hashes: d.hashes,
        distributions: d.distributions ? [...d.distributions.values()].sort((a, b) => cmp(a.url, b.url) || cmp(a.hash.content, b.hash.content)) : [],
        license: d.license,
        scope: d.scope ?? 'required',
        dependsOn,
        depsKnown: d.depsKnown,
      });
    }
    return {
      root: root!,
      components,
      files: [...files].sort((a, b) => cmp(a.path, b.path)),
      notes: [...notes, ...this.notes],
      ...(options.author ? { author: options.author } : {}),
      ...(options.supplier ? { supplier: options.supplier } : {}),
    };
  }
}

/** All graphs at once, in path order. */
export function mergeGraphs(graphs: readonly LockGraph[], options: MergeOptions, files: readonly InventoryFile[] = [], notes: readonly Text[] = []): Inventory {
  const b = new InventoryBuilder(options);
  for (const g of [...graphs].sort((a, b2) => cmp(a.path, b2.path))) b.add(g);
  return b.finish(files, notes);
}

/**
 * The scope each package of a lockfile gets from its projects: reached from a production dependency
 * through required edges -> required; only through an optional edge somewhere -> optional; only from
 * development dependencies -> excluded. Levels are settled in order, so each package gets its best one.
 */
export function deriveScopes(g: LockGraph): Map<string, Scope> {
  const level = new Map<string, number>();
  const seeds: string[][] = [[], [], []];
  for (const p of g.projects) {
    for (const e of p.deps) if ('id' in e.target) seeds[e.kind === 'prod' ? 0 : e.kind === 'optional' ? 1 : 2]!.push(e.target.id);
  }
  for (let lvl = 0; lvl < 3; lvl++) {
    const queue = [...seeds[lvl]!];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (level.has(id)) continue;
      level.set(id, lvl);
      for (const e of g.packages.get(id)?.deps ?? []) {
        if (!('id' in e.target) || level.has(e.target.id)) continue;
        const next = e.optional ? Math.max(lvl, 1) : lvl;
        if (next === lvl) queue.push(e.target.id);
        else seeds[next]!.push(e.target.id);
      }
    }
  }
  return new Map([...level].map(([id, l]) => [id, SCOPES[l]!]));
}
