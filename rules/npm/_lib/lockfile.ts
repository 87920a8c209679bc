// Entries of JavaScript lockfiles with the spans rules point at: package-lock.json /
// npm-shrinkwrap.json (lockfileVersion 1, 2 and 3), yarn.lock (classic and berry) and pnpm-lock.yaml.
import { descriptorName, jsonAt, jsonEntries, jsonSpan, jsonString, nodeSpan, scalarText, yamlEntries, yamlGet, type JsonNode, type ParsedFile, type Span } from '../../../server/src/engine/ruleApi';

export const LOCK_KINDS = ['npm-lockfile', 'yarn-lock', 'pnpm-lock'] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

export interface LockValue {
  readonly value: string;
  /** The value's span. For JSON strings it includes the quotes; `inner` never does. */
  readonly span: Span;
  readonly inner: Span;
}

export interface LockEntry {
  /** `node_modules/a/node_modules/b` (npm v2/v3), `a > b` (npm v1), the yarn descriptor, the pnpm key. */
  readonly key: string;
  /** The name the entry is installed under (the alias, when there is one). */
  readonly name: string;
  /** The real package name when the lockfile records one that differs from `name` (npm aliases). */
  readonly realName?: string;
  /** Where to point when the entry has no better place. */
  readonly keySpan: Span;
  readonly resolved?: LockValue;
  readonly integrity?: LockValue;
  readonly version?: string;
  /** Workspace links, bundled packages and file: directories are not fetched: no URL or hash. */
  readonly local: boolean;
}

// Several rules read the same lockfile; the entries are computed once per parsed file (lockfiles of
// monorepos run to tens of thousands of entries). Parsed files are fresh objects per analysis.
const entryCache = new WeakMap<object, readonly LockEntry[]>();
const sourceCache = new WeakMap<LockEntry, Source>();

export function lockEntries(file: ParsedFile<LockKind>): readonly LockEntry[] {
  const cached = entryCache.get(file);
  if (cached) return cached;
  let entries: LockEntry[] = [];
  switch (file.kind) {
    case 'npm-lockfile':
      entries = npmEntries(file as ParsedFile<'npm-lockfile'>);
      break;
    case 'yarn-lock':
      entries = yarnEntries(file as ParsedFile<'yarn-lock'>);
      break;
    case 'pnpm-lock':
      entries = pnpmEntries(file as ParsedFile<'pnpm-lock'>);
      break;
  }
  entryCache.set(file, entries);
  return entries;
}

// ---- npm --------------------------------------------------------------------------------------

function npmEntries(file: ParsedFile<'npm-lockfile'>): LockEntry[] {
  const root = file.model.root;
  const out: LockEntry[] = [];
  const packages = jsonAt(root, 'packages');
  if (packages && packages.type === 'object') {
    for (const { key, keyNode, value } of jsonEntries(packages)) {
      if (key === '' || value.type !== 'object') continue;
      const i = key.lastIndexOf('node_modules/');
      const name = i >= 0 ? key.slice(i + 'node_modules/'.length) : key;
      const recorded = key.includes('node_modules/') ? jsonString(value.children?.find((p) => p.children?.[0]?.value === 'name')?.children?.[1]) : undefined;
      // Entries outside node_modules/ are workspace folders: always local.
      out.push(npmEntry(key, name, keyNode, value, i < 0, recorded !== undefined && recorded !== name ? recorded : undefined));
    }
  }
  // lockfileVersion 1, and the copy v2 keeps for npm 6: nested `dependencies` objects. Both are read
  // because a v2 file serves npm 6 from this section and npm 7+ from `packages`.
  const walk = (deps: JsonNode | undefined, prefix: string) => {
    for (const { key, keyNode, value } of jsonEntries(deps)) {
      if (value.type !== 'object') continue;
      const path = prefix ? `${prefix} > ${key}` : key;
      const version = jsonString(jsonAt(value, 'version'));
      const alias = version?.startsWith('npm:') ? descriptorName(version.slice(4)) : undefined;
      out.push(npmEntry(path, key, keyNode, value, false, alias !== undefined && alias !== key ? alias : undefined));
      walk(jsonAt(value, 'dependencies'), path);
    }
  };
  walk(jsonAt(root, 'dependencies'), '');
  return out;
}

function npmEntry(key: string, name: string, keyNode: JsonNode, value: JsonNode, workspace: boolean, realName: string | undefined): LockEntry {
  // One pass over the entry's properties (jsonAt would walk them once per key).
  let resolvedNode: JsonNode | undefined;
  let integrityNode: JsonNode | undefined;
  let versionNode: JsonNode | undefined;
  let flagged = false;
  for (const prop of value.children ?? []) {
    const k = prop.children?.[0];
    const v = prop.children?.[1];
    if (!k || !v) continue;
    switch (k.value) {
      case 'resolved':
        resolvedNode = v;
        break;
      case 'integrity':
        integrityNode = v;
        break;
      case 'version':
        versionNode = v;
        break;
      case 'link':
      case 'inBundle':
      case 'bundled':
        if (v.value === true) flagged = true;
        break;
    }
  }
  let resolved = jsonString(resolvedNode);
  let resolvedAt = resolvedNode;
  const integrity = jsonString(integrityNode);
  const version = jsonString(versionNode);
  // v1 writes git and tarball sources into `version` and leaves `resolved` out.
  if (resolved === undefined && version !== undefined && isUrlLike(version)) {
    resolved = version;
    resolvedAt = versionNode;
  }
  const local =
    workspace ||
    flagged ||
    (resolved?.startsWith('file:') ?? false) ||
    (version?.startsWith('file:') ?? false);
  return {
    key,
    name,
    ...(realName !== undefined ? { realName } : {}),
    keySpan: jsonSpan(keyNode),
    local,
    ...(resolved !== undefined && resolvedAt ? { resolved: jsonValue(resolved, resolvedAt) } : {}),
    ...(integrity !== undefined && integrityNode ? { integrity: jsonValue(integrity, integrityNode) } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

function jsonValue(value: string, node: JsonNode): LockValue {
  const span = jsonSpan(node);
  return { value, span, inner: { start: span.start + 1, end: span.end - 1 } };
}

function isUrlLike(v: string): boolean {
  return /^(https?:|git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:|file:)/i.test(v) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(v);
}

// ---- yarn -------------------------------------------------------------------------------------

function yarnEntries(file: ParsedFile<'yarn-lock'>): LockEntry[] {
  const out: LockEntry[] = [];
  const berry = file.model.berry;
  for (const e of file.model.entries) {
    const key = e.keys[0] ?? '';
    const name = descriptorName(key);
    const rest = key.slice(name.length + 1);
    let realName: string | undefined;
    // Classic alias: `alias@npm:real@^1`; berry: `alias@npm:real@^1` too.
    if (rest.startsWith('npm:') && rest.slice(4).includes('@', rest.startsWith('npm:@') ? 5 : 4)) {
      const real = descriptorName(rest.slice(4));
      if (real !== name) realName = real;
    }
    const f = e.fields;
    let res = berry ? f.resolution : f.resolved;
    if (berry && res) {
      // berry: `name@npm:1.2.3`, `name@https://...`, `name@workspace:.`: keep the reference after the name.
      const n = descriptorName(res.value);
      const cut = n.length + 1;
      if (res.value.length > cut) res = { ...res, value: res.value.slice(cut), span: { start: res.span.start + cut, end: res.span.end } };
    }
    const integ = berry ? f.checksum : f.integrity;
    const range = rest;
    const local = /^(file|link|portal|workspace|patch|exec):/.test(range) || (berry && res !== undefined && /^(workspace|link|portal|file|patch|exec):/.test(res.value));
    out.push({
      key,
      name,
      ...(realName !== undefined ? { realName } : {}),
      keySpan: e.span,
      local,
      ...(res ? { resolved: { value: res.value, span: res.span, inner: res.span } } : {}),
      ...(integ ? { integrity: { value: integ.value, span: integ.span, inner: integ.span } } : {}),
      ...(f.version ? { version: f.version.value } : {}),
    });
  }
  return out;
}

// ---- pnpm -------------------------------------------------------------------------------------

function pnpmEntries(file: ParsedFile<'pnpm-lock'>): LockEntry[] {
  const out: LockEntry[] = [];
  const root = file.model.docs[0]?.contents;
  for (const { key, value, pair } of yamlEntries(yamlGet(root, 'packages'))) {
    const keySpan = nodeSpan(pair.key) ?? { start: 0, end: 0 };
    const name = pnpmName(key);
    const resolution = yamlGet(value, 'resolution');
    const tarballNode = yamlGet(resolution, 'tarball');
    const repoNode = yamlGet(resolution, 'repo');
    const integrityNode = yamlGet(resolution, 'integrity');
    const tarball = scalarText(tarballNode);
    const repo = scalarText(repoNode);
    const commit = scalarText(yamlGet(resolution, 'commit'));
    const integrity = scalarText(integrityNode);
    const local = scalarText(yamlGet(resolution, 'directory')) !== undefined || /^(link|file|workspace):/.test(key) || key.includes('@file:') || key.includes('@link:');
    let resolved: LockValue | undefined;
    if (tarball !== undefined && tarballNode) resolved = scalarValue(tarball, tarballNode, file.text);
    else if (repo !== undefined && repoNode) resolved = scalarValue(commit ? `${repo}#${commit}` : repo, repoNode, file.text);
    const version = scalarText(yamlGet(value, 'version'));
    out.push({
      key,
      name,
      keySpan,
      local,
      ...(resolved ? { resolved } : {}),
      ...(integrity !== undefined && integrityNode ? { integrity: scalarValue(integrity, integrityNode, file.text) } : {}),
      ...(version !== undefined ? { version } : {}),
    });
  }
  return out;
}

function scalarValue(value: string, node: unknown, text: string): LockValue {
  const span = nodeSpan(node) ?? { start: 0, end: 0 };
  const q = text[span.start];
  const inner = q === '"' || q === "'" ? { start: span.start + 1, end: span.end - 1 } : span;
  return { value, span, inner };
}

/** `/@scope/name@1.0.0(peer@1)` (v6), `/name/1.0.0` (v5), `name@1.0.0` (v9) -> the package name. */
export function pnpmName(key: string): string {
  const k = key.startsWith('/') ? key.slice(1) : key;
  const at = k.indexOf('@', k.startsWith('@') ? 1 : 0);
  if (at > 0) return k.slice(0, at);
  // v5: name/version, or @scope/name/version
  const parts = k.split('/');
  return k.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? k);
}

// ---- URLs -------------------------------------------------------------------------------------

/** git+ssh://, github:, git:// and similar sources carry a commit instead of an integrity hash. */
export function isGitSource(url: string | undefined): boolean {
  return url !== undefined && (/^(git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:)/i.test(url) || /^https?:\/\/[^#]+\.git(#|$)/i.test(url) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(url));
}

/** Parts of a registry tarball URL (`https://host/<path>/<name>/-/<file>.tgz`), or undefined. */
export function registryTarball(url: string): { host: string; name: string } | undefined {
  // Most URLs in a lockfile are registry tarballs; reject the rest before any regular expression.
  if (!url.includes('/-/') && !url.includes('npm.pkg.github.com')) return undefined;
  const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)/i.exec(url);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase().replace(/^[^@]*@/, '');
  const path = m[2]!;
  // GitHub Packages: /download/@owner/name/<version>/<hash>
  const gh = host === 'npm.pkg.github.com' ? /^\/download\/(@[^/]+\/[^/]+)\//.exec(decodeURIComponentSafe(path)) : null;
  if (gh) return { host, name: gh[1]! };
  const dash = path.lastIndexOf('/-/');
  if (dash < 0 || !/\.tgz$/i.test(path)) return undefined;
  const before = decodeURIComponentSafe(path.slice(0, dash));
  const segs = before.split('/').filter(Boolean);
  const last = segs[segs.length - 1];
  if (!last) return undefined;
  const prev = segs[segs.length - 2];
  return { host, name: prev?.startsWith('@') ? `${prev}/${last}` : last };
}

export function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  return m ? m[1]!.toLowerCase().replace(/^[^@]*@/, '').replace(/:\d+$/, '') : undefined;
}

function decodeURIComponentSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Registries trusted without configuration: the public npm registry and its yarn mirror. */
export const PUBLIC_REGISTRIES = ['registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com'];

/** Whether a host is on the allow-list (exact host, or a subdomain of an entry written as `.example.com`). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => {
    const h = a.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    return h.startsWith('.') ? host.endsWith(h) : host === h;
  });
}

export type SourceType = 'registry' | 'git' | 'tarball' | 'local' | 'unknown';
export interface Source {
  readonly type: SourceType;
  readonly host?: string;
  /** For registry tarballs: the package name the URL serves. */
  readonly urlName?: string;
}

/** Where an entry's code comes from, judged from its resolved URL or reference. */
export function sourceOf(e: LockEntry, kind: LockKind): Source {
  let s = sourceCache.get(e);
  if (!s) {
    s = classify(e, kind);
    sourceCache.set(e, s);
  }
  return s;
}

function classify(e: LockEntry, kind: LockKind): Source {
  if (e.local) return { type: 'local' };
  const url = e.resolved?.value;
  if (url === undefined) return kind === 'pnpm-lock' && e.integrity ? { type: 'registry' } : { type: 'unknown' };
  if (url.startsWith('npm:')) return { type: 'registry' };
  if (isGitSource(url)) return { type: 'git', ...hostPart(url) };
  if (/^https?:\/\//i.test(url)) {
    // Forge archives (codeload, /archive/ tarballs) are snapshots of a git repository.
    if (/^https?:\/\/(codeload\.github\.com\/|(www\.)?(github\.com|gitlab\.com|bitbucket\.org)\/[^?#]*\/(archive|get|tarball)\/)/i.test(url)) return { type: 'git', ...hostPart(url) };
    const reg = registryTarball(url);
    return reg ? { type: 'registry', host: reg.host, urlName: reg.name } : { type: 'tarball', ...hostPart(url) };
  }
  if (url.startsWith('file:') || url.startsWith('link:')) return { type: 'local' };
  return { type: 'unknown' };
}

function hostPart(url: string): { host?: string } {
  const h = hostOf(url.replace(/^git\+/, ''));
  return h ? { host: h } : {};
}
