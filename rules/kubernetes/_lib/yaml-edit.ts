// Deterministic edits to block-style YAML that keep the file's indentation and line endings:
// insert keys into a mapping, append to a sequence, replace a scalar, remove a one-line pair.
// Each returns undefined when the shape is not one it can edit safely (flow style, odd layout).
import { eolOf, isYamlMap, nodeSpan, type EditSpec, type LineIndex, type YamlMap, type YamlNode, type YamlPair, type YamlSeq } from '../../../server/src/engine/ruleApi';

interface FileLike {
  readonly text: string;
  readonly lines: LineIndex;
}

function isFlow(node: unknown): boolean {
  return (node as { flow?: boolean } | undefined)?.flow === true;
}

/** Offset of the end of the line holding the last non-blank character before `offset`. */
function endOfLastContentLine(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  const nl = text.indexOf('\n', i);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function lastItemEnd(collection: YamlMap | YamlSeq): number | undefined {
  const items = collection.items as unknown[];
  const last = items[items.length - 1];
  if (last === undefined) return undefined;
  if (isYamlMap(collection)) {
    const pair = last as YamlPair<YamlNode, YamlNode>;
    return nodeSpan(pair.value)?.end ?? nodeSpan(pair.key)?.end;
  }
  return nodeSpan(last)?.end;
}

/** The column the keys of a block mapping start at. */
export function keyColumn(file: FileLike, map: YamlMap): number | undefined {
  const first = (map.items[0] as YamlPair<YamlNode, YamlNode> | undefined)?.key;
  const span = nodeSpan(first);
  return span ? file.lines.position(span.start).character : undefined;
}

/**
 * Inserts lines into a block mapping after its last entry. `lines` are relative to the mapping's key
 * column (use two spaces per nested level); they are re-indented to match.
 */
export function insertIntoMap(file: FileLike, map: YamlMap, lines: readonly string[]): EditSpec | undefined {
  if (isFlow(map) || map.items.length === 0) return undefined;
  const col = keyColumn(file, map);
  const end = lastItemEnd(map);
  if (col === undefined || end === undefined) return undefined;
  const at = endOfLastContentLine(file.text, end);
  const eol = eolOf(file.text);
  const pad = ' '.repeat(col);
  return { span: { start: at, end: at }, newText: lines.map((l) => `${eol}${pad}${l}`).join('') };
}

/** Appends an item to a sequence: a new `- item` line for block style, `, item` for flow style. */
export function appendToSeq(file: FileLike, seq: YamlSeq, item: string): EditSpec | undefined {
  const span = nodeSpan(seq);
  if (!span) return undefined;
  if (isFlow(seq)) {
    const close = file.text.lastIndexOf(']', span.end);
    if (close < span.start) return undefined;
    const empty = seq.items.length === 0;
    return { span: { start: close, end: close }, newText: empty ? item : `, ${item}` };
  }
  const first = seq.items[0];
  const firstSpan = nodeSpan(first);
  const end = lastItemEnd(seq);
  if (!firstSpan || end === undefined) return undefined;
  // The dash sits before the first item on its line.
  const lineStart = file.lines.lineStart(file.lines.position(firstSpan.start).line);
  const dash = file.text.lastIndexOf('-', firstSpan.start);
  if (dash < lineStart) return undefined;
  const col = dash - lineStart;
  const gap = file.text.slice(dash + 1, firstSpan.start);
  if (!/^[ \t]+$/.test(gap)) return undefined;
  const at = endOfLastContentLine(file.text, end);
  return { span: { start: at, end: at }, newText: `${eolOf(file.text)}${' '.repeat(col)}-${gap}${item}` };
}

/** Replaces a scalar node's text. */
export function replaceNode(node: unknown, newText: string): EditSpec | undefined {
  const span = nodeSpan(node);
  return span ? { span, newText } : undefined;
}

/** Removes a pair that sits alone on its line(s) in a block mapping, comments on that line included. */
export function removePairLine(file: FileLike, map: YamlMap, pair: YamlPair<YamlNode, YamlNode>): EditSpec | undefined {
  if (isFlow(map) || map.items.length < 2) return undefined;
  const k = nodeSpan(pair.key);
  const v = nodeSpan(pair.value) ?? k;
  if (!k || !v) return undefined;
  const startLine = file.lines.position(k.start).line;
  const lineStart = file.lines.lineStart(startLine);
  if (file.text.slice(lineStart, k.start).trim() !== '') return undefined; // shares its line with a `- ` or other key
  // A block value's range runs to the start of the next line; the pair ends at its last character.
  let end = Math.max(v.end, k.end);
  while (end > k.end && /\s/.test(file.text[end - 1]!)) end--;
  const endLine = file.lines.position(end).line;
  const next = endLine + 1 < file.lines.lineCount ? file.lines.lineStart(endLine + 1) : file.text.length;
  return { span: { start: lineStart, end: next }, newText: '' };
}

/**
 * Removes one item of a sequence: its whole `- item` line in block style, or the item and one
 * separating comma in flow style. Refuses when the item is the only one (an empty list would change
 * the meaning to "unset" in some schemas) or when the layout is unusual.
 */
export function removeSeqItem(file: FileLike, seq: YamlSeq, item: unknown): EditSpec | undefined {
  const span = nodeSpan(item);
  if (!span || seq.items.length < 2) return undefined;
  if (isFlow(seq)) {
    const after = /^\s*,\s*/.exec(file.text.slice(span.end));
    if (after) return { span: { start: span.start, end: span.end + after[0].length }, newText: '' };
    const before = /,\s*$/.exec(file.text.slice(Math.max(0, span.start - 64), span.start));
    return before ? { span: { start: span.start - before[0].length, end: span.end }, newText: '' } : undefined;
  }
  const line = file.lines.position(span.start).line;
  const lineStart = file.lines.lineStart(line);
  if (!/^[ \t]*-[ \t]+$/.test(file.text.slice(lineStart, span.start))) return undefined;
  if (file.lines.position(span.end).line !== line) return undefined;
  const next = line + 1 < file.lines.lineCount ? file.lines.lineStart(line + 1) : file.text.length;
  if (file.text.slice(span.end, next).replace(/#.*$/, '').trim() !== '') return undefined;
  return { span: { start: lineStart, end: next }, newText: '' };
}
