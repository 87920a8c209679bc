// yarn.lock, both formats, with spans: classic (v1, `key:` then `  field "value"`) and berry (v2+,
// a YAML subset: `"key":` then `  field: value`). One linear, line-based reader covers both because
// yarn writes both in the same indentation-driven shape. Nested maps (dependencies, dependenciesMeta...)
// are not fields; they are kept, without spans, in `maps`.
import type { Span } from '../model';
import type { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export interface YarnLockField {
  readonly value: string;
  readonly line: number;
  /** The value without quotes. */
  readonly span: Span;
}
export interface YarnLockEntry {
  /** The descriptors the entry resolves, e.g. `debug@^4.1.1` or `string-width-cjs@npm:string-width@^4.2.0`. */
  readonly keys: readonly string[];
  readonly line: number;
  /** The header line, without indentation and the trailing colon. */
  readonly span: Span;
  /** Scalar fields at the first indentation level (version, resolved, integrity, resolution, checksum...). */
  readonly fields: Readonly<Record<string, YarnLockField>>;
  /** Nested maps at the first level, by name: `dependencies`, `optionalDependencies`, `dependenciesMeta`... */
  readonly maps: Readonly<Record<string, YarnLockMap>>;
}
/** A nested map: its scalar values (quotes removed) and its own nested maps. */
export interface YarnLockMap {
  readonly values: Readonly<Record<string, string>>;
  readonly maps: Readonly<Record<string, YarnLockMap>>;
}
interface MutableMap {
  values: Record<string, string>;
  maps: Record<string, MutableMap>;
}
export interface YarnLockModel {
  /** true for yarn berry (2+): the file has a `__metadata:` entry. */
  readonly berry: boolean;
  readonly entries: readonly YarnLockEntry[];
}

export function parseYarnLock(_text: string, lines: LineIndex): ParseOutcome<YarnLockModel> {
  const entries: YarnLockEntry[] = [];
  let berry = false;
  let current: { keys: string[]; line: number; span: Span; fields: Record<string, YarnLockField>; maps: Record<string, MutableMap> } | undefined;
  let fieldIndent = -1;
  // The nested maps open at this point, innermost last, with the indentation of their header line.
  let open: { indent: number; map: MutableMap }[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const start = lines.lineStart(line);
    if (indent === 0) {
      if (current) entries.push(current);
      current = undefined;
      fieldIndent = -1;
      if (!trimmed.endsWith(':')) continue;
      const header = trimmed.slice(0, -1);
      if (header === '__metadata' || header === '"__metadata"') {
        berry = true;
        continue;
      }
      current = { keys: splitKeys(header), line, span: { start, end: start + header.length }, fields: {}, maps: Object.create(null) as Record<string, MutableMap> };
      open = [];
      continue;
    }
    if (!current) continue;
    if (fieldIndent < 0) fieldIndent = indent;
    if (indent > fieldIndent) {
      // Inside a nested map: dependencies, dependenciesMeta.<name>, peerDependenciesMeta...
      while (open.length > 0 && indent <= open[open.length - 1]!.indent) open.pop();
      const parent = open[open.length - 1];
      const kv = parent ? nestedPair(trimmed) : undefined;
      if (!parent || !kv) continue;
      if (kv.value === undefined) {
        const child = newMap();
        parent.map.maps[kv.key] = child;
        open.push({ indent, map: child });
      } else parent.map.values[kv.key] = kv.value;
      continue;
    }
    open = [];
    if (indent !== fieldIndent) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*|"[^"]*")(:?)(\s+|$)/.exec(trimmed);
    if (!m) continue;
    const name = m[1]!.replace(/^"|"$/g, '');
    let valueStart = indent + m[0].length;
    let valueEnd = raw.trimEnd().length;
    if (valueStart >= valueEnd) {
      // A nested map follows.
      const map = newMap();
      current.maps[name] = map;
      open.push({ indent, map });
      continue;
    }
    let value = raw.slice(valueStart, valueEnd);
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
      value = value.slice(1, -1);
      valueStart++;
      valueEnd--;
    }
    current.fields[name] = { value, line, span: { start: start + valueStart, end: start + valueEnd } };
  }
  if (current) entries.push(current);
  return { ok: true, model: { berry, entries } };
}

/** Maps are keyed by package names, so they have no prototype (a package may be called `constructor`). */
function newMap(): MutableMap {
  return { values: Object.create(null) as Record<string, string>, maps: Object.create(null) as Record<string, MutableMap> };
}

/**
 * A line inside a nested map: berry `key: value`, `"key": value` or `key:` (a map follows); classic
 * `key "value"`, `"key" "value"` or `key:`. The value comes back without quotes.
 */
function nestedPair(trimmed: string): { key: string; value?: string } | undefined {
  let key: string;
  let rest: string;
  if (trimmed.startsWith('"')) {
    const end = trimmed.indexOf('"', 1);
    if (end < 0) return undefined;
    key = trimmed.slice(1, end);
    rest = trimmed.slice(end + 1);
  } else {
    let i = 0;
    while (i < trimmed.length && trimmed[i] !== ' ' && trimmed[i] !== ':') i++;
    key = trimmed.slice(0, i);
    rest = trimmed.slice(i);
  }
  if (key === '') return undefined;
  rest = rest.trim();
  if (rest.startsWith(':')) rest = rest.slice(1).trim();
  if (rest === '') return { key };
  if (rest.length >= 2 && (rest[0] === '"' || rest[0] === "'") && rest[rest.length - 1] === rest[0]) rest = rest.slice(1, -1);
  return { key, value: rest };
}

/** `"a@^1", b@^2` -> ['a@^1', 'b@^2']: comma-separated, each optionally quoted. */
function splitKeys(header: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < header.length) {
    while (header[i] === ' ' || header[i] === ',') i++;
    if (i >= header.length) break;
    if (header[i] === '"') {
      const end = header.indexOf('"', i + 1);
      const stop = end < 0 ? header.length : end;
      // berry writes several descriptors inside one quoted string: "a@npm:^1, a@npm:^1.2"
      for (const k of header.slice(i + 1, stop).split(',')) if (k.trim()) out.push(k.trim());
      i = stop + 1;
    } else {
      const end = header.indexOf(',', i);
      const stop = end < 0 ? header.length : end;
      const k = header.slice(i, stop).trim();
      if (k) out.push(k);
      i = stop + 1;
    }
  }
  return out;
}

/** The package name of a descriptor: `@scope/name@range` -> `@scope/name`, `name@npm:x@1` -> `name`. */
export function descriptorName(key: string): string {
  const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
  return at < 0 ? key : key.slice(0, at);
}
