// Small helpers the lockfile readers share: guarded access to parsed data, folders, and the context
// a reader gets (the lockfile's folder and the repository's manifests).
import { resolvePosix } from '../source';

export type Obj = Readonly<Record<string, unknown>>;

export function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
/** Own enumerable entries of an object (never its prototype's), or none. */
export function entriesOf(v: unknown): [string, unknown][] {
  const o = obj(v);
  return o ? Object.entries(o) : [];
}
/** An own property, never one inherited from Object.prototype (packages may be called `constructor`). */
export function own(o: Obj | undefined, key: string): unknown {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** `dir` + a relative path, within the repository; undefined when it leaves the root. */
export function joinDir(dir: string, rel: string): string | undefined {
  const r = resolvePosix(dir, rel.replace(/\\/g, '/').replace(/\/+$/, ''));
  return r === null ? undefined : r;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a reader may consult besides its own file. */
export interface ReaderContext {
  /** Repository path of the lockfile being read. */
  readonly path: string;
  /** Its folder ('' for the root). */
  readonly dir: string;
  /** The parsed package.json of a repository folder, when there is one. */
  manifest(dir: string): Obj | undefined;
  /** The parsed TOML of a repository file (pyproject.toml, Pipfile), when there is one. */
  toml(path: string): Obj | undefined;
  /** Folders of the repository that hold a package.json, for workspace globs. */
  readonly packageDirs: readonly string[];
}

/** The licence as a string: SPDX text, `{ "type": "MIT" }` (old package.json) or a list of those. */
export function licenseText(v: unknown): string | undefined {
  const s = str(v)?.trim();
  if (s) return s;
  const t = str(obj(v)?.type)?.trim();
  if (t) return t;
  const list = arr(v)
    .map((x) => str(obj(x)?.type)?.trim() ?? str(x)?.trim())
    .filter((x): x is string => !!x);
  return list.length === 1 ? list[0] : list.length > 1 ? `(${list.join(' OR ')})` : undefined;
}

/**
 * A git source (`git+https://host/r.git#sha`, `github:u/r#sha`, `git+ssh://...`) as a purl `vcs_url`
 * (`<vcs>+<transport>://<host>/<path>@<revision>`, the SPDX VCS location syntax), with its revision;
 * undefined for anything else. Credentials in the URL are dropped.
 */
export function gitSource(url: string | undefined): { vcsUrl: string; revision?: string } | undefined {
  if (!url) return undefined;
  // Most values are versions and registry URLs: leave them quickly.
  if (!url.includes('git') && !url.startsWith('bitbucket:') && (url.includes(':') || !url.includes('/'))) return undefined;
  let u = url.trim();
  const hash = u.indexOf('#');
  let revision = hash >= 0 ? u.slice(hash + 1) : undefined;
  if (revision?.startsWith('commit=')) revision = revision.slice(7);
  if (revision !== undefined && /[&=]/.test(revision)) revision = /(?:^|&)commit=([^&]+)/.exec(revision)?.[1];
  u = hash >= 0 ? u.slice(0, hash) : u;
  const short = /^(github|gitlab|bitbucket):(.+)$/.exec(u);
  if (short) u = `git+https://${short[1] === 'github' ? 'github.com' : short[1] === 'gitlab' ? 'gitlab.com' : 'bitbucket.org'}/${short[2]}`;
  else if (/^[\w-][\w.-]*\/[\w.-]+$/.test(u)) u = `git+https://github.com/${u}`; // npm's `user/repo` shorthand
  else if (/^git:\/\//.test(u)) u = `git+${u}`;
  else if (/^https?:\/\/[^#]+\.git$/i.test(u)) u = `git+${u}`;
  else if (!/^git\+[a-z]+:\/\//i.test(u)) return undefined;
  u = u.replace(/^(git\+[a-z]+:\/\/)[^@/]*@/i, '$1');
  return { vcsUrl: revision ? `${u}@${revision}` : u, ...(revision ? { revision } : {}) };
}
