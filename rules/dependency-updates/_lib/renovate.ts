// Reading Renovate configuration: the config object of renovate.json(5)/.renovaterc or the
// "renovate" key of the root package.json, and small helpers over it.
import { jsonAt, jsonEntries, jsonValue, type JsonNode, type ParsedFile } from '../../../server/src/engine/ruleApi';

/** The Renovate config object in a file, or undefined when the file holds none. */
export function renovateConfig(file: ParsedFile<'renovate' | 'package-json'>): JsonNode | undefined {
  const root = file.model.root;
  if (file.kind === 'renovate') return root.type === 'object' ? root : undefined;
  if (file.path !== 'package.json') return undefined;
  const r = jsonAt(root, 'renovate');
  return r?.type === 'object' ? r : undefined;
}

/** The presets a config extends, lowercased, without `github>` style prefixes removed. */
export function extendsList(config: JsonNode): string[] {
  const v = jsonValue(jsonAt(config, 'extends'));
  if (typeof v === 'string') return [v.toLowerCase()];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : [];
}

/** `packageRules` entries with their values. */
export function packageRules(config: JsonNode): { node: JsonNode; value: Record<string, unknown> }[] {
  const rules = jsonAt(config, 'packageRules');
  if (rules?.type !== 'array' || !rules.children) return [];
  return rules.children.filter((c) => c.type === 'object').map((node) => ({ node, value: (jsonValue(node) ?? {}) as Record<string, unknown> }));
}

/** Renovate durations ("3 days", "1 week", "72 hours", "7d") in days; undefined when unreadable. */
export function durationDays(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|wk|week|weeks|mo|month|months)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase();
  if (unit.startsWith('mi') || unit === 'm') return n / 1440;
  if (unit.startsWith('h')) return n / 24;
  if (unit.startsWith('w')) return n * 7;
  if (unit.startsWith('mo')) return n * 30;
  return n;
}

export function topLevelKeys(config: JsonNode): Set<string> {
  return new Set(jsonEntries(config).map((e) => e.key));
}
