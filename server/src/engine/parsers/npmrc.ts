// .npmrc: ini-style `key=value` lines with `#`/`;` comments. Values may reference ${ENV_VARS}.
import type { Span } from '../model';
import type { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export interface NpmrcEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  /** The whole `key=value` text, without indentation. */
  readonly span: Span;
}
export interface NpmrcModel {
  readonly entries: readonly NpmrcEntry[];
}

export function parseNpmrc(_text: string, lines: LineIndex): ParseOutcome<NpmrcModel> {
  const entries: NpmrcEntry[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';') || trimmed.startsWith('[')) continue;
    const eq = raw.indexOf('=');
    if (eq < 0) continue; // npm treats a bare key as `key=true`; nothing security-relevant is a bare key
    const start = lines.lineStart(line);
    const keyLead = raw.length - raw.trimStart().length;
    const key = raw.slice(0, eq).trim();
    const afterEq = raw.slice(eq + 1);
    const valueLead = afterEq.length - afterEq.trimStart().length;
    let value = afterEq.trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
    const valueStart = start + eq + 1 + valueLead;
    entries.push({
      key,
      value,
      line,
      keySpan: { start: start + keyLead, end: start + keyLead + key.length },
      valueSpan: { start: valueStart, end: valueStart + afterEq.trim().length },
      span: { start: start + keyLead, end: start + raw.trimEnd().length },
    });
  }
  return { ok: true, model: { entries } };
}
