// Repository configuration (.kamae.yaml): parsed, validated against config.schema.json, and turned
// into settings. Every problem names the file, the key and the line; valid parts still apply.
import Ajv, { type ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import { type Profile, type RuleMeta } from './catalog';
import schema from './config.schema.json';
import { SEVERITIES, type Severity, type Text } from './model';
import { parseYaml, yamlAt, yamlPair, nodeSpan } from './parsers/yaml';
import type { LineIndex } from './text';

export const CONFIG_FILES = ['.kamae.yaml', '.kamae.yml'] as const;

export interface RuleSetting {
  readonly enabled?: boolean;
  readonly severity?: Severity;
  readonly options?: Readonly<Record<string, unknown>>;
}
export interface ConfigSuppression {
  readonly rule: string;
  readonly paths?: readonly string[];
  readonly reason: string;
  readonly expires?: string;
  /** Zero-based line of the entry in the config file, for findings about it. */
  readonly line?: number;
}
export interface KamaeConfig {
  readonly profile?: Profile;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly ignore: readonly string[];
  readonly allow: { readonly actionOwners: readonly string[]; readonly registries: readonly string[] };
  readonly suppressions: readonly ConfigSuppression[];
  /** Honour peer tools' ignore comments (zizmor, hadolint) for the rules that list them as peers; default true. */
  readonly peerSuppressions?: boolean;
  readonly maxFileSizeMB?: number;
  readonly sbom?: { readonly author?: string; readonly supplier?: string };
}
export const EMPTY_CONFIG: KamaeConfig = { rules: {}, ignore: [], allow: { actionOwners: [], registries: [] }, suppressions: [] };

export interface ConfigProblem {
  readonly message: Text;
  /** Zero-based line, when the problem has a place. */
  readonly line?: number;
}
export interface LoadedConfig {
  readonly config: KamaeConfig;
  readonly problems: readonly ConfigProblem[];
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Parses and validates `.kamae.yaml` text. Never throws; a broken file yields problems and defaults. */
export function loadConfig(path: string, text: string, lines: LineIndex, rules: ReadonlyMap<string, RuleMeta>): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    return { config: EMPTY_CONFIG, problems: [{ message: { en: `${path}: ${parsed.reason.en}; using defaults`, ja: `${path}: ${parsed.reason.ja}。既定の設定を使います` }, ...(parsed.line !== undefined ? { line: parsed.line } : {}) }] };
  }
  const doc = parsed.model.docs[0];
  if (!doc || doc.contents === null) return { config: EMPTY_CONFIG, problems };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { config: EMPTY_CONFIG, problems: [{ message: { en: `${path}: the top level must be a mapping of settings`, ja: `${path}: 最上位は設定のマッピングである必要があります` }, line: 0 }] };
  }
  const lineOf = (instancePath: string, key?: string): number | undefined => locate(doc, lines, instancePath, key);
  const bad = new Set<string>();
  for (const err of validate(data)) {
    const top = err.instancePath.split('/')[1] ?? '';
    bad.add(top);
    const { en, ja, key } = describe(err);
    const line = lineOf(err.instancePath, key);
    problems.push({ message: { en: `${path}: ${en}`, ja: `${path}: ${ja}` }, ...(line !== undefined ? { line } : {}) });
  }
  // Unknown keys make the whole section suspect only where the schema rejected it; the rest applies.
  const obj = data as Record<string, unknown>;
  const section = <T>(name: string, fallback: T): T => (bad.has(name) || obj[name] === undefined ? fallback : (obj[name] as T));
  const allow = section<{ actionOwners?: string[]; registries?: string[] }>('allow', {});
  const ruleSettings: Record<string, RuleSetting> = {};
  const rawRules = obj.rules;
  if (rawRules && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      const where = `rules.${id}`;
      const line = lineOf("/rules", id);
      const at = line !== undefined ? { line } : {};
      if (!rules.has(id)) {
        problems.push({ message: { en: `${path}: unknown rule id "${id}" under rules`, ja: `${path}: rules に不明なルール ID "${id}" があります` }, ...at });
        continue;
      }
      const setting = ruleSetting(value);
      if (typeof setting === 'string') {
        problems.push({ message: { en: `${path}: ${where} ${setting}`, ja: `${path}: ${where} ${setting}` }, ...at });
        continue;
      }
      const optionSchema = rules.get(id)!.options;
      if (setting.options && optionSchema) {
        const v = new Ajv({ allErrors: true, strict: false }).compile(optionSchema);
        if (!v(setting.options)) {
          for (const e of v.errors ?? []) {
            const d = describe(e);
            problems.push({ message: { en: `${path}: ${where}.options: ${d.en}`, ja: `${path}: ${where}.options: ${d.ja}` }, ...at });
          }
          continue;
        }
      } else if (setting.options && !optionSchema) {
        problems.push({ message: { en: `${path}: ${where} takes no options`, ja: `${path}: ${where} にはオプションがありません` }, ...at });
        continue;
      }
      ruleSettings[id] = setting;
    }
  }
  const suppressions: ConfigSuppression[] = [];
  const rawSupp = section<Record<string, unknown>[]>('suppressions', []);
  rawSupp.forEach((s, i) => {
    const line = lineOf(`/suppressions/${i}`);
    if (!rules.has(String(s.rule))) {
      problems.push({ message: { en: `${path}: suppressions[${i}] names unknown rule "${String(s.rule)}"`, ja: `${path}: suppressions[${i}] に不明なルール "${String(s.rule)}" があります` }, ...(line !== undefined ? { line } : {}) });
      return;
    }
    suppressions.push({
      rule: String(s.rule),
      reason: String(s.reason),
      ...(Array.isArray(s.paths) ? { paths: s.paths.map(String) } : {}),
      ...(typeof s.expires === 'string' ? { expires: s.expires } : {}),
      ...(line !== undefined ? { line } : {}),
    });
  });
  const limits = section<{ maxFileSizeMB?: number }>('limits', {});
  const sbom = section<{ author?: string; supplier?: string } | undefined>('sbom', undefined);
  const profile = section<Profile | undefined>('profile', undefined);
  const peerSuppressions = section<boolean | undefined>('peerSuppressions', undefined);
  return {
    config: {
      ...(profile ? { profile } : {}),
      rules: ruleSettings,
      ignore: section<string[]>('ignore', []),
      allow: { actionOwners: allow.actionOwners ?? [], registries: allow.registries ?? [] },
      suppressions,
      ...(peerSuppressions !== undefined ? { peerSuppressions } : {}),
      ...(limits.maxFileSizeMB !== undefined ? { maxFileSizeMB: limits.maxFileSizeMB } : {}),
      ...(sbom ? { sbom } : {}),
    },
    problems,
  };
}

/** `off`, `on`, a severity, or `{enabled, severity, options}`; a string describes what is wrong. */
export function ruleSetting(value: unknown): RuleSetting | string {
  if (value === 'off' || value === false) return { enabled: false };
  if (value === 'on' || value === true) return { enabled: true };
  if (typeof value === 'string') {
    return (SEVERITIES as readonly string[]).includes(value) ? { enabled: true, severity: value as Severity } : `must be off, on, one of ${SEVERITIES.join(', ')}, or a mapping (got "${value}")`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    for (const k of Object.keys(v)) if (!['enabled', 'severity', 'options'].includes(k)) return `has unknown key "${k}" (expected enabled, severity, options)`;
    if (v.enabled !== undefined && typeof v.enabled !== 'boolean') return '.enabled must be true or false';
    if (v.severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(v.severity)) return `.severity must be one of ${SEVERITIES.join(', ')}`;
    if (v.options !== undefined && (typeof v.options !== 'object' || v.options === null || Array.isArray(v.options))) return '.options must be a mapping';
    return {
      ...(v.enabled !== undefined ? { enabled: v.enabled } : {}),
      ...(v.severity !== undefined ? { severity: v.severity as Severity } : {}),
      ...(v.options !== undefined ? { options: v.options as Record<string, unknown> } : {}),
    };
  }
  return `must be off, on, a severity or a mapping`;
}

function describe(err: ErrorObject): { en: string; ja: string; key?: string } {
  const where = err.instancePath === '' ? 'the top level' : err.instancePath.slice(1).replace(/\//g, '.');
  const whereJa = err.instancePath === '' ? '最上位' : where;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      return { en: `unknown key "${key}" in ${where}`, ja: `${whereJa} に不明なキー "${key}" があります`, key };
    }
    case 'enum': {
      const allowed = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ');
      return { en: `${where} must be one of ${allowed}`, ja: `${whereJa} は ${allowed} のいずれかである必要があります` };
    }
    case 'type':
      return { en: `${where} must be of type ${String((err.params as { type: string }).type)}`, ja: `${whereJa} の型は ${String((err.params as { type: string }).type)} である必要があります` };
    case 'required': {
      const key = String((err.params as { missingProperty: string }).missingProperty);
      return { en: `${where} is missing the required key "${key}"`, ja: `${whereJa} に必須のキー "${key}" がありません` };
    }
    case 'pattern':
      return { en: `${where} must be a date written YYYY-MM-DD`, ja: `${whereJa} は YYYY-MM-DD 形式の日付である必要があります` };
    default:
      return { en: `${where} ${err.message ?? 'is invalid'}`, ja: `${whereJa} が不正です (${err.message ?? ''})` };
  }
}

/** The zero-based line of the YAML node at a JSON pointer (or of `key` inside it). */
function locate(doc: Document.Parsed, lines: LineIndex, pointer: string, key?: string): number | undefined {
  const steps = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = steps.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // A numeric-looking map key (rules: {"123": ...}) is rare in this schema; sequences use numbers.
  const parent = yamlAt(doc.contents, ...path);
  const target = key !== undefined ? (yamlPair(parent, key)?.key ?? parent) : parent;
  const span = nodeSpan(target) ?? nodeSpan(yamlPair(yamlAt(doc.contents, ...path.slice(0, -1)), String(path[path.length - 1] ?? ''))?.key);
  return span ? lines.position(span.start).line : undefined;
}
