// What the repository says about itself (name, version, where it is hosted, a contact), read from its
// manifests, so the file templates Kamae offers are filled in rather than full of placeholders.
import { jsonAt, jsonString, jsonValue, type FileKind, type RepoView } from '../../../server/src/engine/ruleApi';

/** Kinds templates read facts from; rules offering templates add them to their `kinds`. */
export const FACT_KINDS: readonly FileKind[] = ['package-json', 'pyproject', 'go-mod', 'cargo-toml'];

export interface RepoFacts {
  readonly name?: string;
  readonly version?: string;
  /** `owner/repo` when the project is hosted on GitHub. */
  readonly github?: { readonly owner: string; readonly repo: string };
  /** An address for security reports the project already publishes (bugs or author e-mail). */
  readonly email?: string;
  /** Package ecosystems present, in Dependabot's names. */
  readonly ecosystems: readonly ('npm' | 'pip' | 'gomod' | 'cargo')[];
}

export function repoFacts(repo: RepoView): RepoFacts {
  let name: string | undefined;
  let version: string | undefined;
  let repository: string | undefined;
  let email: string | undefined;
  const pkg = repo.filesOfKind('package-json').find((f) => f.path === 'package.json');
  if (pkg) {
    const root = pkg.model.root;
    name = jsonString(jsonAt(root, 'name'));
    version = jsonString(jsonAt(root, 'version'));
    const repoField = jsonValue(jsonAt(root, 'repository'));
    repository = typeof repoField === 'string' ? repoField : typeof repoField === 'object' && repoField !== null ? stringField(repoField, 'url') : undefined;
    const bugs = jsonValue(jsonAt(root, 'bugs'));
    const author = jsonValue(jsonAt(root, 'author'));
    email = (typeof bugs === 'object' && bugs !== null ? stringField(bugs, 'email') : undefined) ?? emailIn(author);
  }
  const pyproject = repo.filesOfKind('pyproject').find((f) => f.path === 'pyproject.toml');
  if (pyproject) {
    const project = table((pyproject.model).data, 'project') ?? table(table((pyproject.model).data, 'tool'), 'poetry');
    name ??= stringField(project, 'name');
    version ??= stringField(project, 'version');
    const urls = table(project, 'urls');
    repository ??= urls ? Object.values(urls).find((u): u is string => typeof u === 'string' && /github\.com\//.test(u)) : stringField(project, 'repository');
  }
  const cargo = repo.filesOfKind('cargo-toml').find((f) => f.path === 'Cargo.toml');
  if (cargo) {
    const pack = table((cargo.model).data, 'package');
    name ??= stringField(pack, 'name');
    version ??= stringField(pack, 'version');
    repository ??= stringField(pack, 'repository');
  }
  const gomod = repo.filesOfKind('go-mod').find((f) => f.path === 'go.mod');
  if (gomod?.model.module) {
    name ??= gomod.model.module.split('/').pop();
    repository ??= gomod.model.module.startsWith('github.com/') ? `https://${gomod.model.module}` : undefined;
  }
  const ecosystems: RepoFacts['ecosystems'][number][] = [];
  if (repo.pathsOfKind('npm-lockfile').length + repo.pathsOfKind('package-json').length > 0) ecosystems.push('npm');
  if (repo.pathsOfKind('requirements-txt').length + repo.pathsOfKind('pyproject').length > 0) ecosystems.push('pip');
  if (repo.pathsOfKind('go-mod').length > 0) ecosystems.push('gomod');
  if (repo.pathsOfKind('cargo-toml').length > 0) ecosystems.push('cargo');
  const github = githubOf(repository);
  return { ecosystems, ...(name ? { name } : {}), ...(version ? { version } : {}), ...(github ? { github } : {}), ...(email ? { email } : {}) };
}

/** `owner/repo` from the forms package managers accept: URLs, `git+https://`, `github:o/r`, `o/r`. */
export function githubOf(repository: string | undefined): { owner: string; repo: string } | undefined {
  if (!repository) return undefined;
  const m = /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com[/:]|git@github\.com:)?([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(repository.trim().replace(/\.git$/, '').replace(/\/+$/, ''));
  return m ? { owner: m[1]!, repo: m[2]! } : undefined;
}

/** The version line a support table starts from: `1.4.2` -> `1.4.x`; 0.x projects keep the minor. */
export function supportedLine(version: string | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return m ? `${m[1]}.${m[2]}.x` : undefined;
}

function table(data: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function stringField(obj: unknown, key: string): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
function emailIn(author: unknown): string | undefined {
  if (typeof author === 'object' && author !== null) return stringField(author, 'email');
  if (typeof author !== 'string') return undefined;
  const m = /<([^<>\s@]+@[^<>\s@]+)>/.exec(author);
  return m?.[1];
}
