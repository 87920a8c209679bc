// JSON and JSONC through jsonc-parser: a tree with offsets, plus accessors for rules.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Span } from '../model';
import { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export type JsonNode = Node;
export interface JsonModel {
  readonly root: Node;
}

export function parseJson(text: string, lines: LineIndex): ParseOutcome<JsonModel> {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const err = errors[0];
  if (err || !root) {
    const pos = lines.position(err?.offset ?? 0);
    const what = err ? printParseErrorCode(err.error) : 'EmptyContent';
    return {
      ok: false,
      line: pos.line,
      reason: { en: `JSON syntax error at line ${pos.line + 1}, column ${pos.character + 1}: ${what}`, ja: `JSON 構文エラー (${pos.line + 1} 行 ${pos.character + 1} 列): ${what}` },
    };
  }
  return { ok: true, model: { root } };
}

/**
 * The plain value of a JSON document, for callers that need data rather than positions (large
 * lockfiles): JSON.parse first, which is several times faster than building a tree; the lenient
 * JSONC reader only when that fails, so comments and trailing commas are accepted and errors are located.
 */
export function parseJsonData(text: string, lines?: LineIndex): ParseOutcome<{ readonly data: unknown }> {
  try {
    return { ok: true, model: { data: JSON.parse(text) as unknown } };
  } catch {
    const tree = parseJson(text, lines ?? new LineIndex(text));
    return tree.ok ? { ok: true, model: { data: getNodeValue(tree.model.root) as unknown } } : tree;
  }
}

/** The node at a property path (strings are keys, numbers are array indexes). */
export function jsonAt(node: Node | undefined, ...path: (string | number)[]): Node | undefined {
  return node ? findNodeAtLocation(node, path) : undefined;
}

/** The properties of an object node in order, with their key and value nodes. */
export function jsonEntries(node: Node | undefined): { key: string; keyNode: Node; value: Node }[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: { key: string; keyNode: Node; value: Node }[] = [];
  for (const prop of node.children) {
    const [k, v] = prop.children ?? [];
    if (k && v && typeof k.value === 'string') out.push({ key: k.value, keyNode: k, value: v });
  }
  return out;
}

export function jsonString(node: Node | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

export function jsonValue(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

export function jsonSpan(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}
