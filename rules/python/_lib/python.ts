// Python packaging helpers: index URLs declared in requirements files, pip.conf, Pipfile and pyproject.toml.
import type { ParsedFile, Span } from '../../../server/src/engine/ruleApi';

export interface IndexSetting {
  /** The option or key as written: `--index-url`, `index-url`, `[[tool.uv.index]] url`... */
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host']);

/** Index, find-links and trusted-host settings of a requirements file, with the span of each line. */
export function requirementsIndexes(file: ParsedFile<'requirements-txt'>): IndexSetting[] {
  const out: IndexSetting[] = [];
  for (const line of file.model.lines) {
    for (const o of line.options) if (INDEX_OPTIONS.has(o.name) && o.value !== undefined) out.push({ key: o.name, value: o.value, span: valueSpan(file.text, line.span, o.value) });
  }
  return out;
}

/** pip.conf / pip.ini: index-url, extra-index-url, find-links, trusted-host (values may span lines). */
export function pipConfIndexes(file: ParsedFile<'pip-conf'>): IndexSetting[] {
  const out: IndexSetting[] = [];
  for (const e of file.model.entries) {
    const key = e.key.toLowerCase();
    if (['index-url', 'extra-index-url', 'find-links', 'trusted-host', 'index_url', 'extra_index_url', 'trusted_host'].includes(key)) {
      for (const v of e.value.split(/\s+/).filter(Boolean)) out.push({ key: e.key, value: v, span: valueSpan(file.text, e.span, v) });
    }
  }
  return out;
}

/** Pipfile `[[source]]`, poetry/uv/pdm sources and uv's index-url settings in pyproject.toml. */
export function tomlIndexes(file: ParsedFile<'pipfile' | 'pyproject'>): IndexSetting[] {
  const data = file.model.data;
  const out: IndexSetting[] = [];
  const add = (key: string, v: unknown) => {
    if (typeof v === 'string') out.push({ key, value: v, span: findValue(file.text, v) });
  };
  const tables = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);
  const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), o);
  for (const s of tables(data.source)) add('[[source]] url', s.url);
  for (const s of tables(get(data, 'tool', 'poetry', 'source'))) add('[[tool.poetry.source]] url', s.url);
  for (const s of tables(get(data, 'tool', 'uv', 'index'))) add('[[tool.uv.index]] url', s.url);
  for (const s of tables(get(data, 'tool', 'pdm', 'source'))) add('[[tool.pdm.source]] url', s.url);
  add('[tool.uv] index-url', get(data, 'tool', 'uv', 'index-url'));
  const extra = get(data, 'tool', 'uv', 'extra-index-url');
  for (const v of Array.isArray(extra) ? extra : []) add('[tool.uv] extra-index-url', v);
  const hosts = get(data, 'tool', 'uv', 'allow-insecure-host');
  for (const v of Array.isArray(hosts) ? hosts : []) add('[tool.uv] allow-insecure-host', v);
  return out;
}

/** Sources with TLS verification turned off: Pipfile / pdm `verify_ssl = false`. */
export function unverifiedSources(file: ParsedFile<'pipfile' | 'pyproject'>): { url: string; span: Span }[] {
  const data = file.model.data;
  const pdm = (data.tool as Record<string, unknown> | undefined)?.pdm as Record<string, unknown> | undefined;
  const all = [...(Array.isArray(data.source) ? data.source : []), ...(Array.isArray(pdm?.source) ? pdm.source : [])];
  const out: { url: string; span: Span }[] = [];
  for (const s of all) {
    if (!s || typeof s !== 'object') continue;
    const src = s as Record<string, unknown>;
    if (src.verify_ssl === false && typeof src.url === 'string') out.push({ url: src.url, span: findValue(file.text, src.url) });
  }
  return out;
}

function valueSpan(text: string, within: Span, value: string): Span {
  const i = text.slice(within.start, within.end).indexOf(value);
  return i < 0 ? within : { start: within.start + i, end: within.start + i + value.length };
}
function findValue(text: string, value: string): Span {
  const i = text.indexOf(value);
  return i < 0 ? { start: 0, end: 0 } : { start: i, end: i + value.length };
}

export const PYPI_HOSTS = ['pypi.org', 'pypi.python.org', 'files.pythonhosted.org', 'test.pypi.org'];

/** Folders of example code, templates and test data: their manifests are not the project's own. */
const NON_PROJECT_DIR = /^(tests?|__tests__|spec|fixtures?|testdata|test[-_]data|examples?|samples?|demos?|templates?|docs?|vendor|third[-_]party)$/i;
export function isNonProjectPath(path: string): boolean {
  return path.split('/').slice(0, -1).some((p) => NON_PROJECT_DIR.test(p));
}
