// Checks a CycloneDX or SPDX JSON SBOM for the NTIA minimum elements (the basis of METI's SBOM guide).
import { fileCheck, jsonAt, jsonSpan, jsonValue, type JsonNode, type Span } from '../../../server/src/engine/ruleApi';

type Element = 'timestamp' | 'author' | 'supplier' | 'version' | 'identifier' | 'dependencies';
interface Gap {
  readonly element: Element;
  readonly missing: number;
  readonly total: number;
  readonly at?: Span;
}

export default fileCheck<'sbom'>((ctx) => {
  const root = ctx.file.model.root;
  const gaps = jsonAt(root, 'spdxVersion') !== undefined ? spdx(root) : jsonAt(root, 'bomFormat') !== undefined ? cyclonedx(root) : [];
  for (const g of gaps) ctx.report({ messageId: g.element, ...(g.at ? { at: g.at } : {}), data: { missing: g.missing, total: g.total } });
});

const str = (v: unknown) => typeof v === 'string' && v.trim() !== '' && v !== 'NOASSERTION' && v !== 'NONE';
const strOf = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function perComponent(nodes: JsonNode | undefined, test: (c: Record<string, unknown>) => boolean, element: Element): Gap | undefined {
  const items = nodes?.children ?? [];
  const failing = items.filter((n) => !test(obj(jsonValue(n))));
  if (failing.length === 0) return undefined;
  return { element, missing: failing.length, total: items.length, at: jsonSpan(failing[0]!) };
}

function cyclonedx(root: JsonNode): Gap[] {
  const gaps: (Gap | undefined)[] = [];
  const meta = obj(jsonValue(jsonAt(root, 'metadata')));
  const metaAt = jsonAt(root, 'metadata');
  const at = metaAt ? jsonSpan(metaAt) : undefined;
  if (!str(meta.timestamp)) gaps.push({ element: 'timestamp', missing: 1, total: 1, ...(at ? { at } : {}) });
  const tools = meta.tools;
  const hasAuthor = arr(meta.authors).length > 0 || arr(tools).length > 0 || arr(obj(tools).components).length > 0 || arr(obj(tools).services).length > 0 || str(obj(meta.manufacture).name) || str(obj(meta.manufacturer).name);
  if (!hasAuthor) gaps.push({ element: 'author', missing: 1, total: 1, ...(at ? { at } : {}) });
  const components = jsonAt(root, 'components');
  gaps.push(perComponent(components, (c) => str(obj(c.supplier).name) || str(c.publisher) || str(c.author) || arr(c.authors).length > 0 || str(obj(c.manufacturer).name), 'supplier'));
  gaps.push(perComponent(components, (c) => str(c.version), 'version'));
  gaps.push(perComponent(components, (c) => str(c.purl) || str(c.cpe) || c.swid !== undefined, 'identifier'));
  const count = components?.children?.length ?? 0;
  if (count > 0 && arr(jsonValue(jsonAt(root, 'dependencies'))).length === 0) gaps.push({ element: 'dependencies', missing: count, total: count, ...(components ? { at: jsonSpan(components) } : {}) });
  return gaps.filter((g): g is Gap => g !== undefined);
}

function spdx(root: JsonNode): Gap[] {
  const gaps: (Gap | undefined)[] = [];
  const info = obj(jsonValue(jsonAt(root, 'creationInfo')));
  const infoAt = jsonAt(root, 'creationInfo');
  const at = infoAt ? jsonSpan(infoAt) : undefined;
  if (!str(info.created)) gaps.push({ element: 'timestamp', missing: 1, total: 1, ...(at ? { at } : {}) });
  if (arr(info.creators).length === 0) gaps.push({ element: 'author', missing: 1, total: 1, ...(at ? { at } : {}) });
  const packages = jsonAt(root, 'packages');
  gaps.push(perComponent(packages, (p) => str(p.supplier) || str(p.originator), 'supplier'));
  gaps.push(perComponent(packages, (p) => str(p.versionInfo), 'version'));
  gaps.push(perComponent(packages, (p) => arr(p.externalRefs).some((r) => /purl|cpe|swid/i.test(strOf(obj(r).referenceType))), 'identifier'));
  const count = packages?.children?.length ?? 0;
  const related = arr(jsonValue(jsonAt(root, 'relationships'))).some((r) => strOf(obj(r).relationshipType) !== 'DESCRIBES');
  if (count > 1 && !related) gaps.push({ element: 'dependencies', missing: count, total: count, ...(packages ? { at: jsonSpan(packages) } : {}) });
  return gaps.filter((g): g is Gap => g !== undefined);
}
