// YAML: every document of a file, with offsets into the text, alias and nesting limits, and
// small accessors that rules use instead of walking the `yaml` package's AST by hand.
import { type Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span, Text } from '../model';
import type { ParseOutcome } from './types';

export type { Node as YamlNode, Pair as YamlPair, YAMLMap as YamlMap, YAMLSeq as YamlSeq, Document as YamlDocument };

export interface YamlModel {
  readonly docs: readonly Document.Parsed[];
}

export const YAML_LIMITS = { maxDepth: 64, maxAliases: 1000, maxDocuments: 5000 } as const;

/** Alias node -> the node it names, filled while parsing so accessors can follow anchors without the document. */
const aliasTargets = new WeakMap<Alias, Node>();

export function parseYaml(text: string): ParseOutcome<YamlModel> {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: false }) as Document.Parsed[];
  } catch (e) {
    // A pathological input can exhaust the stack inside the composer; that is a limit, not a crash.
    return { ok: false, reason: limitText('could not be parsed', 'を解析できませんでした', e) };
  }
  if (!Array.isArray(docs)) docs = [docs];
  if (docs.length > YAML_LIMITS.maxDocuments) {
    return { ok: false, reason: { en: `YAML has more than ${YAML_LIMITS.maxDocuments} documents`, ja: `YAML 文書が ${YAML_LIMITS.maxDocuments} 個を超えています` } };
  }
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      const msg = err.message.split('\n')[0]!;
      return {
        ok: false,
        line: pos.line - 1,
        reason: { en: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${msg}`, ja: `YAML 構文エラー (${pos.line} 行 ${pos.col} 列): ${msg}` },
      };
    }
  }
  let aliases = 0;
  for (const doc of docs) {
    const anchors = new Map<string, Node>();
    const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > YAML_LIMITS.maxDepth) {
        return { ok: false, reason: { en: `YAML is nested deeper than ${YAML_LIMITS.maxDepth} levels`, ja: `YAML の入れ子が ${YAML_LIMITS.maxDepth} 階層を超えています` } };
      }
      if (isAlias(node)) {
        if (++aliases > YAML_LIMITS.maxAliases) {
          return { ok: false, reason: { en: `YAML uses more than ${YAML_LIMITS.maxAliases} aliases`, ja: `YAML のエイリアスが ${YAML_LIMITS.maxAliases} 個を超えています` } };
        }
        const target = anchors.get(node.source);
        if (target) aliasTargets.set(node, target);
        continue;
      }
      if (isScalar(node) || isMap(node) || isSeq(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
      }
      if (isMap(node) || isSeq(node)) {
        // Push in reverse so anchors are seen in document order before the aliases that use them.
        for (let i = node.items.length - 1; i >= 0; i--) {
          const item = node.items[i];
          if (isPair(item)) {
            stack.push({ node: item.value, depth: depth + 1 });
            stack.push({ node: item.key, depth: depth + 1 });
          } else stack.push({ node: item, depth: depth + 1 });
        }
      }
    }
  }
  return { ok: true, model: { docs } };
}

function limitText(en: string, ja: string, e: unknown): Text {
  const detail = e instanceof RangeError ? 'nesting too deep' : e instanceof Error ? e.message : String(e);
  return { en: `YAML ${en}: ${detail}`, ja: `YAML ${ja}: ${detail}` };
}

// ---- accessors -------------------------------------------------------------------------------

/** Follows an alias to the node its anchor names. */
export function deref(node: unknown): Node | undefined {
  if (isAlias(node)) return aliasTargets.get(node);
  return (node ?? undefined) as Node | undefined;
}

/** The pair of `map` whose key is `key`, looking through `<<` merge keys as YAML 1.1 does. */
export function yamlPair(map: unknown, key: string): Pair<Node, Node> | undefined {
  const m = deref(map);
  if (!isMap(m)) return undefined;
  let merged: Pair<Node, Node> | undefined;
  for (const item of m.items as Pair<Node, Node>[]) {
    const k = scalarText(item.key);
    if (k === key) return item;
    if (k === '<<' && merged === undefined) {
      const v = deref(item.value);
      const sources = isSeq(v) ? v.items : [v];
      for (const src of sources) {
        merged = yamlPair(src, key);
        if (merged) break;
      }
    }
  }
  return merged;
}

export function yamlGet(map: unknown, key: string): Node | undefined {
  return deref(yamlPair(map, key)?.value);
}

/** Walks a path of keys (strings) and sequence indexes (numbers). */
export function yamlAt(node: unknown, ...path: (string | number)[]): Node | undefined {
  let cur: Node | undefined = deref(node);
  for (const step of path) {
    if (cur === undefined) return undefined;
    if (typeof step === 'number') cur = isSeq(cur) ? deref(cur.items[step]) : undefined;
    else cur = yamlGet(cur, step);
  }
  return cur;
}

/** The key/value pairs of a mapping, in document order, keys as text. */
export function yamlEntries(map: unknown): { key: string; value: Node | undefined; pair: Pair<Node, Node> }[] {
  const m = deref(map);
  if (!isMap(m)) return [];
  const out: { key: string; value: Node | undefined; pair: Pair<Node, Node> }[] = [];
  for (const pair of m.items as Pair<Node, Node>[]) {
    const key = scalarText(pair.key);
    if (key === undefined) continue;
    out.push({ key, value: deref(pair.value), pair });
  }
  return out;
}

export function yamlItems(seq: unknown): Node[] {
  const s = deref(seq);
  if (!isSeq(s)) return [];
  return s.items.map((i) => deref(i)).filter((i): i is Node => i !== undefined);
}

/** A scalar as text (numbers and booleans as they are written in the source); undefined for collections. */
export function scalarText(node: unknown): string | undefined {
  const n = deref(node);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (n.source !== undefined && typeof n.source === 'string') return n.source;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;
}

/** The span of a node's value (without trailing comments or blank lines). */
export function nodeSpan(node: unknown): Span | undefined {
  const n = node as Node | undefined;
  if (!n || !n.range) return undefined;
  return { start: n.range[0], end: n.range[1] };
}

/** The span of a pair: from its key to the end of its value. */
export function pairSpan(pair: Pair<Node, Node>): Span | undefined {
  const k = nodeSpan(pair.key);
  const v = nodeSpan(pair.value);
  if (!k) return v;
  return { start: k.start, end: v ? Math.max(v.end, k.end) : k.end };
}

export function keySpan(pair: Pair<Node, Node>): Span | undefined {
  return nodeSpan(pair.key);
}

export { isMap as isYamlMap, isSeq as isYamlSeq, isScalar as isYamlScalar, isAlias as isYamlAlias };
