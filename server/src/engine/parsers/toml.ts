// TOML (pyproject.toml, Cargo.toml) through smol-toml. The data has no positions; rules locate
// keys in the text with `findTomlKeyLine` when they need a span.
import { parse, TomlError } from 'smol-toml';
import type { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export interface TomlModel {
  readonly data: Readonly<Record<string, unknown>>;
}

export function parseToml(text: string): ParseOutcome<TomlModel> {
  try {
    return { ok: true, model: { data: parse(text) } };
  } catch (e) {
    if (e instanceof TomlError) {
      const msg = e.message.split('\n')[0]!;
      return { ok: false, line: e.line - 1, reason: { en: `TOML syntax error at line ${e.line}, column ${e.column}: ${msg}`, ja: `TOML 構文エラー (${e.line} 行 ${e.column} 列): ${msg}` } };
    }
    return { ok: false, reason: { en: `TOML could not be parsed: ${String(e)}`, ja: `TOML を解析できませんでした: ${String(e)}` } };
  }
}

/** The zero-based line of `[table]` (or `[[table]]`), or of `key =` inside it; -1 when absent. */
export function findTomlLine(lines: LineIndex, table: string, key?: string): number {
  let inTable = table === '';
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line).trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(t);
    if (header) {
      const name = header[1]!.replace(/\s*\.\s*/g, '.').replace(/"/g, '');
      inTable = name === table;
      if (inTable && key === undefined) return line;
      continue;
    }
    if (inTable && key !== undefined) {
      const m = /^("?)([A-Za-z0-9_.-]+)\1\s*=/.exec(t);
      if (m && m[2] === key) return line;
    }
  }
  return -1;
}
