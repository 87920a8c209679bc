// Entries of package-lock.json / npm-shrinkwrap.json (lockfileVersion 1, 2 and 3) with the nodes rules point at.
import { jsonAt, jsonEntries, jsonString, type JsonNode, type ParsedFile } from '../../../server/src/engine/ruleApi';

export interface LockEntry {
  /** `node_modules/a/node_modules/b` (v2/v3) or the dependency name path `a > b` (v1). */
  readonly key: string;
  /** The package name the entry installs (the last `node_modules/` segment, scope included). */
  readonly name: string;
  readonly keyNode: JsonNode;
  readonly resolved?: { readonly value: string; readonly node: JsonNode };
  readonly integrity?: { readonly value: string; readonly node: JsonNode };
  readonly version?: string;
  /** Workspace links and bundled packages are not fetched, so they carry no URL or hash. */
  readonly local: boolean;
}

export function lockEntries(file: ParsedFile<'npm-lockfile'>): LockEntry[] {
  const root = file.model.root;
  const out: LockEntry[] = [];
  const packages = jsonAt(root, 'packages');
  if (packages && packages.type === 'object') {
    for (const { key, keyNode, value } of jsonEntries(packages)) {
      if (key === '' || value.type !== 'object') continue;
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      out.push(entry(key, key.includes('node_modules/') ? name : key, keyNode, value));
    }
    return out;
  }
  // lockfileVersion 1: nested `dependencies` objects.
  const walk = (deps: JsonNode | undefined, prefix: string) => {
    for (const { key, keyNode, value } of jsonEntries(deps)) {
      if (value.type !== 'object') continue;
      const path = prefix ? `${prefix} > ${key}` : key;
      out.push(entry(path, key, keyNode, value));
      walk(jsonAt(value, 'dependencies'), path);
    }
  };
  walk(jsonAt(root, 'dependencies'), '');
  return out;
}

function entry(key: string, name: string, keyNode: JsonNode, value: JsonNode): LockEntry {
  const resolvedNode = jsonAt(value, 'resolved');
  const integrityNode = jsonAt(value, 'integrity');
  const resolved = jsonString(resolvedNode);
  const integrity = jsonString(integrityNode);
  const version = jsonString(jsonAt(value, 'version'));
  const local = jsonAt(value, 'link')?.value === true || jsonAt(value, 'inBundle')?.value === true || jsonAt(value, 'bundled')?.value === true || (resolved?.startsWith('file:') ?? false) || (version?.startsWith('file:') ?? false);
  return {
    key,
    name,
    keyNode,
    local,
    ...(resolved !== undefined && resolvedNode ? { resolved: { value: resolved, node: resolvedNode } } : {}),
    ...(integrity !== undefined && integrityNode ? { integrity: { value: integrity, node: integrityNode } } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

/** git+ssh://, github:, git:// and similar sources carry a commit instead of an integrity hash. */
export function isGitSource(url: string | undefined): boolean {
  return url !== undefined && /^(git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:)/i.test(url);
}
