// yarn.lock, both formats, with spans: classic (v1, `key:` then `  field "value"`) and berry (v2+,
// a YAML subset: `"key":` then `  field: value`). One linear, line-based reader covers both because
// yarn writes both in the same indentation-driven shape; nested maps (dependencies...) are skipped.
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
}
export interface YarnLockModel {
  /** true for yarn berry (2+): the file has a `__metadata:` entry. */
  readonly berry: boolean;
  readonly entries: readonly YarnLockEntry[];
}

export function parseYarnLock(_text: string, lines: LineIndex): ParseOutcome<YarnLockModel> {
  const entries: YarnLockEntry[] = [];
  let berry = false;
  let current: { keys: string[]; line: number; span: Span; fields: Record<string, YarnLockField> } | undefined;
  let fieldIndent = -1;
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
      current = { keys: splitKeys(header), line, span: { start, end: start + header.length }, fields: {} };
      continue;
    }
    if (!current) continue;
    if (fieldIndent < 0) fieldIndent = indent;
    if (indent !== fieldIndent) continue; // nested maps: dependencies, peerDependenciesMeta...
    const m = /^([A-Za-z_][A-Za-z0-9_-]*|"[^"]*")(:?)(\s+|$)/.exec(trimmed);
    if (!m) continue;
    const name = m[1]!.replace(/^"|"$/g, '');
    let valueStart = indent + m[0].length;
    let valueEnd = raw.trimEnd().length;
    if (valueStart >= valueEnd) continue; // a nested map follows
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
