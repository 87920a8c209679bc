// Attestations (.kamae/attestations.yaml): a named person's statement that a requirement is met where
// no file can show it, with evidence and an expiry. Validated against attestations.schema.json.
import Ajv from 'ajv';
import schema from './attestations.schema.json';
import type { GuidelineCatalogue } from './catalog';
import type { Text } from './model';
import { nodeSpan, parseYaml, yamlAt } from './parsers/yaml';
import type { AttestationRecord } from './requirements';
import { isValidDate } from './suppressions';
import type { LineIndex } from './text';

export const ATTESTATION_FILES = ['.kamae/attestations.yaml', '.kamae/attestations.yml'] as const;

export interface LoadedAttestations {
  readonly records: readonly (AttestationRecord & { readonly line?: number; readonly note?: string })[];
  readonly problems: readonly { readonly message: Text; readonly line?: number }[];
}

let validator: ReturnType<Ajv['compile']> | undefined;

export function loadAttestations(path: string, text: string, lines: LineIndex, guidelines: GuidelineCatalogue): LoadedAttestations {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { records: [], problems: [{ message: { en: `${path}: ${parsed.reason.en}`, ja: `${path}: ${parsed.reason.ja}` }, ...(parsed.line !== undefined ? { line: parsed.line } : {}) }] };
  const doc = parsed.model.docs[0];
  if (!doc || doc.contents === null) return { records: [], problems: [] };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const lineOf = (i: number) => {
    const span = nodeSpan(yamlAt(doc.contents, 'attestations', i));
    return span ? lines.position(span.start).line : undefined;
  };
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  const problems: { message: Text; line?: number }[] = [];
  const badEntries = new Set<number>();
  if (!validator(data)) {
    // One problem per entry, listing everything wrong with it in plain words.
    const byEntry = new Map<string, { en: string[]; ja: string[]; line?: number }>();
    for (const err of validator.errors ?? []) {
      const m = /^\/attestations\/(\d+)(?:\/(\w+))?/.exec(err.instancePath);
      const key = m ? `attestations[${m[1]}]` : err.instancePath === '' ? 'the top level' : err.instancePath.slice(1).replace(/\//g, '.');
      if (m) badEntries.add(Number(m[1]));
      const field = m?.[2];
      const p = err.params as { additionalProperty?: string; missingProperty?: string };
      const [en, ja] =
        err.keyword === 'additionalProperties' ? [`unknown key "${p.additionalProperty}"`, `不明なキー "${p.additionalProperty}"`]
        : err.keyword === 'required' ? [`missing "${p.missingProperty}"`, `"${p.missingProperty}" がありません`]
        : err.keyword === 'pattern' && (field === 'date' || field === 'expires') ? [`${field} must be a date written YYYY-MM-DD`, `${field} は YYYY-MM-DD 形式の日付である必要があります`]
        : err.keyword === 'pattern' && field === 'requirement' ? ['requirement must be a METI/NCO requirement id such as "3-1"', 'requirement は "3-1" のような要求事項 ID である必要があります']
        : err.keyword === 'pattern' && field === 'item' ? ['item must be an attestation item id such as "A15"', 'item は "A15" のような証明項目 ID である必要があります']
        : [`${field ?? 'value'} ${err.message ?? 'is invalid'}`, `${field ?? '値'} が不正です (${err.message ?? ''})`];
      const entry = byEntry.get(key) ?? { en: [], ja: [], ...(m ? { line: lineOf(Number(m[1])) } : { line: 0 }) };
      if (!entry.en.includes(en)) {
        entry.en.push(en);
        entry.ja.push(ja);
      }
      byEntry.set(key, entry);
    }
    for (const [key, e] of byEntry) {
      problems.push({ message: { en: `${path}: ${key}: ${e.en.join('; ')}`, ja: `${path}: ${key}: ${e.ja.join('、')}` }, ...(e.line !== undefined ? { line: e.line } : {}) });
    }
  }
  const requirements = new Set(guidelines.meti.groups.flatMap((g) => g.requirements.map((r) => r.id)));
  const items = new Map(guidelines.meti.attestations.map((a) => [a.id, a.requirement]));
  const records: (AttestationRecord & { line?: number; note?: string })[] = [];
  const list = data && typeof data === 'object' && Array.isArray((data as { attestations?: unknown }).attestations) ? ((data as { attestations: unknown[] }).attestations) : [];
  list.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || badEntries.has(i)) return; // reported above, and not counted
    const a = raw as Record<string, unknown>;
    const line = lineOf(i);
    const at = line !== undefined ? { line } : {};
    const requirement = a.requirement as string;
    if (!requirements.has(requirement)) {
      problems.push({ message: { en: `${path}: attestations[${i}] names unknown requirement "${requirement}"`, ja: `${path}: attestations[${i}] に不明な要求事項 "${requirement}" があります` }, ...at });
      return;
    }
    if (typeof a.item === 'string' && items.get(a.item) !== requirement) {
      const owner = items.get(a.item);
      problems.push({
        message: owner === undefined
          ? { en: `${path}: attestations[${i}] names unknown attestation item "${a.item}"`, ja: `${path}: attestations[${i}] に不明な証明項目 "${a.item}" があります` }
          : { en: `${path}: attestations[${i}]: item ${a.item} belongs to requirement ${owner}, not ${requirement}`, ja: `${path}: attestations[${i}]: 証明項目 ${a.item} は要求事項 ${requirement} ではなく ${owner} に属します` },
        ...at,
      });
      return;
    }
    for (const k of ['date', 'expires'] as const) {
      if (typeof a[k] === 'string' && !isValidDate(a[k])) {
        problems.push({ message: { en: `${path}: attestations[${i}].${k} "${a[k]}" is not a valid date`, ja: `${path}: attestations[${i}].${k} "${a[k]}" は有効な日付ではありません` }, ...at });
        return;
      }
    }
    records.push({
      requirement,
      owner: a.owner as string,
      evidence: a.evidence as string,
      date: a.date as string,
      ...(typeof a.item === 'string' ? { item: a.item } : {}),
      ...(typeof a.expires === 'string' ? { expires: a.expires } : {}),
      ...(typeof a.note === 'string' ? { note: a.note } : {}),
      ...at,
    });
  });
  return { records, problems };
}
