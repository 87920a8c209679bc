// The inventory behind `kamae sbom`: what each lockfile says (LockGraph), and the merged, deduplicated
// list of components with their dependency graph (Inventory). Plain data: no CycloneDX types here.
import type { Text } from '../model';

export type Ecosystem = 'npm' | 'pypi' | 'golang';
/** CycloneDX component scopes: required at run time, optional at run time, or not shipped (dev/test). */
export type Scope = 'required' | 'optional' | 'excluded';
export type HashAlg = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface Hash {
  readonly alg: HashAlg;
  /** Lower-case hex. */
  readonly content: string;
}

/** One downloadable file of a package with its hash (Python wheels and sdists). */
export interface Distribution {
  readonly url: string;
  readonly hash: Hash;
}

/** Where a dependency edge leads: another package of the same lockfile, or a project folder of the repository. */
export type Target = { readonly id: string } | { readonly project: string };

export interface PackageEdge {
  readonly target: Target;
  /** An optional edge (npm optionalDependencies, Python extras) does not make its target required. */
  readonly optional: boolean;
}

export interface LockedPackage {
  /** Unique within its lockfile (the npm path, the yarn entry, the pnpm key...). */
  readonly id: string;
  readonly ecosystem: Ecosystem;
  /** The real package name (for npm aliases, the aliased package), as the registry spells it. */
  readonly name: string;
  readonly version?: string;
  /** purl qualifiers, e.g. vcs_url for a git dependency. */
  readonly qualifiers?: Readonly<Record<string, string>>;
  readonly hashes: readonly Hash[];
  readonly distributions?: readonly Distribution[];
  /** The licence as the lockfile records it (an SPDX expression or free text). */
  readonly license?: string;
  /** The scope the lockfile states (npm dev/optional flags, poetry groups...); otherwise derived from the graph. */
  readonly scope?: Scope;
  readonly deps: readonly PackageEdge[];
  /** False when the lockfile does not record this package's own dependencies (requirements.txt, Pipfile.lock, go.sum). */
  readonly depsKnown: boolean;
}

export type ProjectEdgeKind = 'prod' | 'dev' | 'optional';
export interface ProjectEdge {
  readonly target: Target;
  readonly kind: ProjectEdgeKind;
}
/** A folder of the repository whose direct dependencies a lockfile records (its root, a workspace, an importer). */
export interface LockedProject {
  /** Repository-relative folder, '' for the root. */
  readonly dir: string;
  readonly deps: readonly ProjectEdge[];
  /** True for workspace members (npm/yarn/pnpm workspaces, uv members) of the lockfile's own folder. */
  readonly member: boolean;
}

export interface LockGraph {
  /** Repository path of the lockfile (or manifest) this graph was read from. */
  readonly path: string;
  readonly packages: ReadonlyMap<string, LockedPackage>;
  readonly projects: readonly LockedProject[];
  /** Things the reader could not use, for the user (unpinned requirements...). */
  readonly notes: readonly Text[];
}

// ---- the merged inventory ---------------------------------------------------------------------

export interface InventoryComponent {
  /** bom-ref: the purl for packages, `project:<folder>` for projects of the repository. */
  readonly ref: string;
  readonly kind: 'package' | 'project';
  readonly type: 'application' | 'library';
  readonly ecosystem?: Ecosystem;
  readonly name: string;
  readonly version?: string;
  readonly purl?: string;
  readonly hashes: readonly Hash[];
  readonly distributions: readonly Distribution[];
  readonly license?: string;
  /** Packages only; projects are the repository's own code. */
  readonly scope?: Scope;
  /** Repository folder of a project ('' for the root). */
  readonly dir?: string;
  /** Refs this component depends on directly, sorted. */
  readonly dependsOn: readonly string[];
  /** False when no lockfile recorded this component's own dependencies (so `dependsOn` may be incomplete). */
  readonly depsKnown: boolean;
}

export interface InventoryFile {
  readonly path: string;
  readonly status: 'evaluated' | 'not-evaluated' | 'skipped';
  readonly reason?: Text;
}

export interface Inventory {
  /** The repository itself: ref `project:.`. */
  readonly root: InventoryComponent;
  /** Packages and the repository's other projects, sorted by ref. */
  readonly components: readonly InventoryComponent[];
  /** The lockfiles and manifests read, and those that could not be. */
  readonly files: readonly InventoryFile[];
  readonly notes: readonly Text[];
  /** `sbom:` in .kamae.yaml. */
  readonly author?: string;
  readonly supplier?: string;
}
