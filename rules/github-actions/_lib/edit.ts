// Deterministic edits to a step's `with:` block: set an input, adding the block if needed.
import { isYamlMap, nodeSpan, yamlEntries, yamlPair, type EditSpec } from '../../../server/src/engine/ruleApi';
import { columnOf, type WfStep } from './workflow';

/** Sets `with.<name>: <value>` on a step; undefined when the layout is not one Kamae edits safely (flow style, aliases). */
export function setWithInput(text: string, step: WfStep, name: string, value: string): EditSpec[] | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const withPair = yamlPair(step.node, 'with');
  if (withPair) {
    if (!isYamlMap(withPair.value) || (withPair.value as { flow?: boolean }).flow) return undefined;
    const entries = yamlEntries(withPair.value);
    const existing = entries.find((e) => e.key === name);
    if (existing) {
      const span = nodeSpan(existing.pair.value);
      return span ? [{ span, newText: value }] : undefined;
    }
    const first = entries[0] ? nodeSpan(entries[0].pair.key) : undefined;
    const last = entries[entries.length - 1];
    const lastEnd = last ? (nodeSpan(last.pair.value) ?? nodeSpan(last.pair.key))?.end : undefined;
    if (!first || lastEnd === undefined) return undefined;
    const indent = ' '.repeat(columnOf(text, first.start));
    const lineEnd = text.indexOf('\n', trimmedEnd(text, lastEnd));
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    return [{ span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${indent}${name}: ${value}` : `${indent}${name}: ${value}${eol}` }];
  }
  const usesPair = yamlPair(step.node, 'uses');
  const keyStart = usesPair ? nodeSpan(usesPair.key)?.start : undefined;
  const valueEnd = usesPair ? nodeSpan(usesPair.value)?.end : undefined;
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  const col = columnOf(text, keyStart);
  const before = text.slice(keyStart - col, keyStart);
  if (before.trim() !== '' && !/^\s*-\s+$/.test(before)) return undefined;
  const lineEnd = text.indexOf('\n', valueEnd);
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const indent = ' '.repeat(col);
  const block = `${indent}with:${eol}${indent}  ${name}: ${value}`;
  return [{ span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${block}` : `${block}${eol}` }];
}

/** A node's end with trailing blank space removed (block collections end after their last line break). */
function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
}
