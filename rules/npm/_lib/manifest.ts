// package.json helpers: dependency entries with spans, workspace package names, and where lockfiles sit.
import { dirname, jsonAt, jsonEntries, jsonSpan, jsonString, type JsonNode, type ParsedFile, type RepoView, type Span } from '../../../server/src/engine/ruleApi';

export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

export interface DependencySpec {
  readonly field: string;
  readonly name: string;
  readonly spec: string;
  readonly node: JsonNode;
  readonly span: Span;
}

export function dependencySpecs(file: ParsedFile<'package-json'>, fields: readonly string[] = DEPENDENCY_FIELDS): DependencySpec[] {
  const out: DependencySpec[] = [];
  for (const field of fields) {
    for (const { key, value } of jsonEntries(jsonAt(file.model.root, field))) {
      const spec = jsonString(value);
      if (spec !== undefined) out.push({ field, name: key, spec, node: value, span: jsonSpan(value) });
    }
  }
  return out;
}

/** Names of the packages defined in this repository (workspace members link to each other with `*`). */
export function localPackageNames(repo: RepoView): Set<string> {
  const names = new Set<string>();
  for (const f of repo.filesOfKind('package-json')) {
    const n = jsonString(jsonAt(f.model.root, 'name'));
    if (n) names.add(n);
  }
  return names;
}

export const JS_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];

/** The nearest lockfile in the manifest's folder or a parent folder (workspaces keep one at the root). */
export function nearestLockfile(repo: RepoView, manifestPath: string): string | undefined {
  let dir = dirname(manifestPath);
  for (;;) {
    for (const name of JS_LOCKFILES) {
      const p = dir === '' ? name : `${dir}/${name}`;
      if (repo.has(p)) return p;
    }
    if (dir === '') return undefined;
    dir = dirname(dir);
  }
}

/** Folders of example code, templates and test data: their manifests are not the project's own. */
const NON_PROJECT_DIR = /^(tests?|__tests__|spec|fixtures?|__fixtures__|testdata|test[-_]data|examples?|samples?|demos?|templates?|boilerplates?|starters?|e2e|docs?|website|vendor|third[-_]party)$/i;
export function isNonProjectPath(path: string): boolean {
  return path.split('/').slice(0, -1).some((p) => NON_PROJECT_DIR.test(p));
}

/** The span of a top-level property's key (for findings about the whole property). */
export function propertyKeySpan(root: JsonNode, key: string): Span | undefined {
  const node = jsonEntries(root).find((e) => e.key === key)?.keyNode;
  return node ? jsonSpan(node) : undefined;
}
