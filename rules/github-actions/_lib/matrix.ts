// Values a `matrix.<key>` reference can take in a job: the key's list, `include:` entries and
// nested objects. Undefined when the matrix (or the key) is built by an expression.
import { isYamlMap, isYamlScalar, isYamlSeq, scalarText, yamlEntries, yamlGet, yamlItems, type YamlNode } from '../../../server/src/engine/ruleApi';

/** Every scalar `matrix.a.b` can be, or undefined when an expression decides it. `exclude:` entries are honoured for top-level scalars. */
export function matrixValues(matrix: YamlNode | undefined, path: readonly string[]): string[] | undefined {
  if (matrix === undefined || path.length === 0) return undefined;
  if (!isYamlMap(matrix)) return undefined;
  const [key, ...rest] = path.map((p) => p.toLowerCase());
  const out: string[] = [];
  let found = false;
  for (const e of yamlEntries(matrix)) {
    if (e.key === 'include' || e.key === 'exclude' || e.key.toLowerCase() !== key) continue;
    found = true;
    if (!collect(e.value, rest, out)) return undefined;
  }
  const include = yamlGet(matrix, 'include');
  if (include !== undefined) {
    if (!isYamlSeq(include)) return undefined;
    for (const item of yamlItems(include)) {
      if (!isYamlMap(item)) return undefined;
      for (const e of yamlEntries(item)) {
        if (e.key.toLowerCase() !== key) continue;
        found = true;
        if (!collect(e.value, rest, out, true)) return undefined;
      }
    }
  }
  if (!found) return [''];
  const excluded = new Set<string>();
  for (const item of yamlItems(yamlGet(matrix, 'exclude'))) {
    for (const e of yamlEntries(item)) {
      if (e.key.toLowerCase() !== key || rest.length > 0) continue;
      // Only an exclusion on this key alone removes the value from every combination.
      if (yamlEntries(item).length === 1) excluded.add(scalarText(e.value) ?? '');
    }
  }
  return out.filter((v) => !excluded.has(v));
}

function collect(node: YamlNode | undefined, rest: readonly string[], out: string[], single = false): boolean {
  if (node === undefined) return true;
  if (rest.length > 0) {
    if (isYamlSeq(node) && !single) return yamlItems(node).every((i) => collect(i, rest, out, true));
    if (!isYamlMap(node)) return isYamlScalar(node) && !(scalarText(node) ?? '').includes('${{') ? true : false;
    const [k, ...more] = rest;
    const child = yamlEntries(node).find((e) => e.key.toLowerCase() === k)?.value;
    return collect(child, more, out, true);
  }
  if (isYamlScalar(node)) {
    const t = scalarText(node) ?? '';
    if (t.includes('${{')) return false;
    out.push(t);
    return true;
  }
  if (isYamlSeq(node) && !single) return yamlItems(node).every((i) => collect(i, rest, out, true));
  // Objects and nested lists as values: their text is not an image or a runner label.
  return true;
}
