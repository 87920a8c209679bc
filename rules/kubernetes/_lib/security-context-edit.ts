// Fixes that add hardened settings to a container's securityContext, creating the parts of the path
// that are missing and keeping the file's indentation.
import { deref, isYamlMap, yamlPair, type EditSpec, type FixSpec, type YamlMap } from '../../../server/src/engine/ruleApi';
import { insertIntoMap } from './yaml-edit';
import type { K8sCtx } from './workload';

/**
 * Ensures `path` exists under `map` and adds `leaf` lines at its end: the first missing key of the path
 * is inserted together with the rest of the path, nested two spaces per level.
 */
export function ensureUnder(ctx: K8sCtx, map: YamlMap, path: readonly string[], leaf: readonly string[]): EditSpec | undefined {
  let node: YamlMap = map;
  for (let i = 0; i < path.length; i++) {
    const pair = yamlPair(node, path[i]!);
    const value = deref(pair?.value);
    if (!pair || !node.items.includes(pair)) {
      const rest = path.slice(i);
      const lines = rest.map((k, depth) => `${'  '.repeat(depth)}${k}:`);
      const pad = '  '.repeat(rest.length);
      return insertIntoMap(ctx.file, node, [...lines, ...leaf.map((l) => pad + l)]);
    }
    if (!isYamlMap(value)) return undefined;
    node = value;
  }
  return insertIntoMap(ctx.file, node, leaf);
}

export function fixOf(fixId: string, edit: EditSpec | undefined, data?: Record<string, string>): FixSpec[] {
  return edit ? [{ fixId, safety: 'needs-review', edits: [edit], ...(data ? { data } : {}) }] : [];
}
