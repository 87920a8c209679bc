// Shared judgement for secret scanning: where not to look (tests, fixtures, examples), which values
// are placeholders, and whether a line sits in an "example" context. Kept conservative: these rules
// run on repositories nobody here has seen, and a false alarm about a secret costs trust quickly.

/** Folders and file names whose content is test data or documentation examples, not configuration. */
const NON_PRODUCTION_DIR = /^(tests?|__tests__|spec|specs|fixtures?|__fixtures__|testdata|test[-_]data|testing|mocks?|__mocks__|examples?|samples?|demos?|e2e)$/i;
const NON_PRODUCTION_FILE = /(\.|_|-)(test|tests|spec|fixture|mock|example|sample)\.[a-z0-9]+$|^test_[^/]*\.py$/i;

export function isNonProductionPath(path: string): boolean {
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  return parts.some((p) => NON_PRODUCTION_DIR.test(p)) || NON_PRODUCTION_FILE.test(name);
}

/** Words that mark a value or a line as an illustration rather than a real credential. */
const EXAMPLE_WORDS = /example|dummy|placeholder|redacted|sample|your[-_ ]?(own|api|key|token|secret)|<[a-z_ -]+>|x{6,}|\*{6,}/i;

/** A value that is obviously not a real secret: documented examples, repeated or sequential characters. */
export function looksLikePlaceholder(value: string): boolean {
  if (EXAMPLE_WORDS.test(value)) return true;
  if (/abcdefgh|12345678|(.)\1{7,}/i.test(value)) return true;
  // Random tokens use most of their alphabet; a handful of distinct characters is hand-typed.
  const distinct = new Set(value).size;
  return value.length >= 16 && distinct < 10;
}

const PROSE = /\.(md|markdown|mdx|rst|txt|adoc|asciidoc|html?)$/i;

/** Whether the text around `offset` says it is showing an example (this line, or two above in prose). */
export function inExampleContext(text: string, offset: number, path: string): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const words = /\b(example|examples|dummy|fake|sample|placeholder|redacted|e\.g\.)\b|例|サンプル|ダミー/i;
  if (words.test(line)) return true;
  if (!PROSE.test(path)) return false;
  let start = lineStart;
  for (let i = 0; i < 3 && start > 0; i++) start = text.lastIndexOf('\n', start - 2) + 1;
  return words.test(text.slice(start, lineStart));
}

/** In documentation, a value marked FAKE (as rule docs and tutorials mark theirs) is an illustration. */
export function isMarkedFakeInDocs(value: string, path: string): boolean {
  return PROSE.test(path) && /fake/i.test(value);
}
