// Maps a YAML scalar's value back to the file: `run: |` scripts are checked as the shell sees them
// (indentation removed, folded lines joined) while findings still point at the right source line.
import { isYamlScalar, type Span, type YamlNode } from '../../../server/src/engine/ruleApi';

export interface MappedScalar {
  /** The scalar's value as the YAML parser produced it. */
  readonly value: string;
  /** Source offset of the value character at `index` (the end of the node for index === value.length). */
  offset(index: number): number;
  /** Source span of value characters [start, end). */
  span(start: number, end: number): Span;
}

interface Piece {
  readonly text: string;
  readonly at: readonly number[];
}

const cache = new WeakMap<object, MappedScalar>();

/** The value of a scalar node with a map from value offsets to file offsets; undefined for non-scalars. */
export function mapScalar(node: YamlNode | undefined, text: string): MappedScalar | undefined {
  if (!node || !isYamlScalar(node) || !node.range) return undefined;
  const hit = cache.get(node);
  if (hit) return hit;
  const mapped = compute(node.value, node.type, node.range[0], node.range[1], text);
  cache.set(node, mapped);
  return mapped;
}

function compute(raw: unknown, type: string | undefined, start: number, end: number, text: string): MappedScalar {
  const value = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint' ? String(raw) : '';
  let at: readonly number[] | undefined;
  try {
    const built = build(type, text, start, end);
    if (built && normalise(built.text) === normalise(value)) at = built.at;
  } catch {
    at = undefined;
  }
  at ??= searchMap(value, text, start, end);
  const positions = Int32Array.from(at);
  const offset = (i: number) => (i >= value.length ? (positions[value.length - 1] ?? start) + (value.length > 0 ? 1 : 0) : (positions[Math.max(0, i)] ?? start));
  return {
    value,
    offset,
    span: (s, e) => {
      const a = offset(s);
      const b = e > s ? offset(e - 1) + 1 : a;
      return { start: a, end: Math.max(a, b) };
    },
  };
}

function normalise(s: string): string {
  return s.replace(/\s+$/, '');
}

function build(type: string | undefined, text: string, start: number, end: number): Piece | undefined {
  switch (type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return block(text, start, end, type === 'BLOCK_FOLDED');
    case 'PLAIN':
      return flowLines(text, start, end, (line, lineAt) => ({ text: line, at: lineAt }));
    case 'QUOTE_SINGLE':
      return flowLines(text, start + 1, end - 1, (line, lineAt) => {
        let t = '';
        const a: number[] = [];
        for (let i = 0; i < line.length; i++) {
          t += line[i];
          a.push(lineAt[i]!);
          if (line[i] === "'" && line[i + 1] === "'") i++;
        }
        return { text: t, at: a };
      });
    case 'QUOTE_DOUBLE':
      return flowLines(text, start + 1, end - 1, (line, lineAt) => {
        let t = '';
        const a: number[] = [];
        for (let i = 0; i < line.length; i++) {
          const c = line[i]!;
          if (c !== '\\') {
            t += c;
            a.push(lineAt[i]!);
            continue;
          }
          const n = line[i + 1] ?? '';
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', ' ': ' ', '0': '\0', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };
          if (n in simple) {
            t += simple[n];
            a.push(lineAt[i]!);
            i++;
          } else if (n === 'x' || n === 'u' || n === 'U') {
            const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
            const hex = line.slice(i + 2, i + 2 + len);
            t += String.fromCodePoint(parseInt(hex, 16) || 0);
            a.push(lineAt[i]!);
            if (t.length > a.length) a.push(lineAt[i]!);
            i += 1 + len;
          } else {
            t += c;
            a.push(lineAt[i]!);
          }
        }
        return { text: t, at: a };
      });
    default:
      return undefined;
  }
}

/** Plain and quoted scalars: lines are trimmed and joined by a space; blank lines become newlines. */
function flowLines(text: string, start: number, end: number, decode: (line: string, at: number[]) => Piece): Piece {
  const lines = splitLines(text, start, end);
  let out = '';
  const at: number[] = [];
  let pendingBreaks = 0;
  let first = true;
  lines.forEach((l, idx) => {
    let s = l.start;
    let e = l.end;
    if (idx > 0) while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
    if (idx < lines.length - 1) while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    if (s === e && idx > 0 && idx < lines.length - 1) {
      pendingBreaks++;
      return;
    }
    if (!first) {
      const joinAt = l.start - 1;
      if (pendingBreaks > 0) for (let k = 0; k < pendingBreaks; k++) push('\n', joinAt);
      else push(' ', joinAt);
    }
    pendingBreaks = 0;
    first = false;
    const lineAt: number[] = [];
    for (let k = s; k < e; k++) lineAt.push(k);
    const piece = decode(text.slice(s, e), lineAt);
    out += piece.text;
    at.push(...piece.at);
  });
  return { text: out, at };
  function push(ch: string, pos: number): void {
    out += ch;
    at.push(pos);
  }
}

function block(text: string, start: number, end: number, folded: boolean): Piece | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { text: '', at: [] };
  const lines = splitLines(text, headerEnd + 1, end);
  let indent = -1;
  for (const l of lines) {
    const content = text.slice(l.start, l.end);
    if (content.trim() === '') continue;
    indent = content.length - content.trimStart().length;
    break;
  }
  if (indent < 0) return { text: '', at: [] };
  const out: string[] = [];
  const at: number[] = [];
  let prevKind: 'none' | 'normal' | 'more' | 'empty' = 'none';
  let pendingEmpty: number[] = [];
  for (const l of lines) {
    const content = text.slice(l.start, l.end);
    if (content.trim() === '' && content.length <= indent) {
      pendingEmpty.push(l.start);
      continue;
    }
    const body = content.slice(indent);
    const kind = body.startsWith(' ') || body.startsWith('\t') ? 'more' : 'normal';
    if (prevKind !== 'none') {
      const breakAt = l.start - 1;
      if (!folded) {
        out.push('\n');
        at.push(breakAt);
        for (const p of pendingEmpty) {
          out.push('\n');
          at.push(p);
        }
      } else if (prevKind === 'normal' && kind === 'normal') {
        if (pendingEmpty.length === 0) {
          out.push(' ');
          at.push(breakAt);
        } else
          for (const p of pendingEmpty) {
            out.push('\n');
            at.push(p);
          }
      } else {
        out.push('\n');
        at.push(breakAt);
        for (const p of pendingEmpty) {
          out.push('\n');
          at.push(p);
        }
      }
    }
    pendingEmpty = [];
    out.push(body);
    for (let k = 0; k < body.length; k++) at.push(l.start + indent + k);
    prevKind = kind;
  }
  return { text: out.join(''), at };
}

function splitLines(text: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  while (s <= end) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > end) e = end;
    let ce = e;
    if (ce > s && text[ce - 1] === '\r') ce--;
    out.push({ start: s, end: ce });
    if (e >= end) break;
    s = e + 1;
  }
  return out;
}

/** Fallback: find each value line in the source, in order; characters of lines not found map to the line before. */
function searchMap(value: string, text: string, start: number, end: number): number[] {
  const at: number[] = [];
  let cursor = start;
  let lineStart = 0;
  while (lineStart <= value.length) {
    let lineEnd = value.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = value.length;
    const line = value.slice(lineStart, lineEnd);
    const probe = line.trim().slice(0, 40);
    const found = probe ? text.indexOf(probe, cursor) : -1;
    const base = found >= 0 && found < end ? found - (line.length - line.trimStart().length) : cursor;
    for (let k = 0; k < line.length; k++) at.push(Math.min(Math.max(base + k, start), end));
    if (found >= 0 && found < end) cursor = found + probe.length;
    if (lineEnd < value.length) at.push(Math.min(cursor, end));
    lineStart = lineEnd + 1;
  }
  return at;
}
