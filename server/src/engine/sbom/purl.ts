// Package URLs (https://github.com/package-url/purl-spec) for the three ecosystems Kamae inventories.
//   npm:    pkg:npm/%40scope/name@1.2.3   the scope is the namespace, its @ always percent-encoded
//   pypi:   pkg:pypi/django-allauth@1.0   the name normalised as PEP 503 does (lower case, runs of -_. -> -)
//   golang: pkg:golang/github.com/x/y@v1.2.3   namespace = the module path up to its last segment
// npm and Go names keep their case: `JSONStream` and `jsonstream` are different npm packages, and the
// Go module proxy keeps `Masterminds` and `masterminds` apart, so folding case would merge them.
import type { Ecosystem } from './model';

/** Characters a purl component keeps as they are (unreserved, and ':' which the spec never encodes); the rest is percent-encoded as UTF-8. */
const PLAIN = /^[A-Za-z0-9.\-_~:]$/;
const utf8 = new TextEncoder();

const ALL_PLAIN = /^[A-Za-z0-9.\-_~:]*$/;

function encode(s: string, keep = ''): string {
  if (ALL_PLAIN.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (PLAIN.test(ch) || keep.includes(ch)) out += ch;
    else for (const b of utf8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** PEP 503 name normalisation, which the pypi purl type adopts. */
export function normalisePypiName(name: string): string {
  let out = '';
  let sep = false;
  for (const ch of name.toLowerCase()) {
    if (ch === '-' || ch === '_' || ch === '.') sep = true;
    else {
      if (sep && out !== '') out += '-';
      sep = false;
      out += ch;
    }
  }
  return out;
}

export interface PurlParts {
  readonly type: Ecosystem;
  readonly name: string;
  readonly version?: string;
  readonly qualifiers?: Readonly<Record<string, string>>;
}

/** The canonical purl string, or undefined when the name cannot make one. */
export function purl(p: PurlParts): string | undefined {
  let namespace: string[] = [];
  let name = p.name.trim();
  if (name === '') return undefined;
  switch (p.type) {
    case 'npm': {
      if (name.startsWith('@')) {
        const slash = name.indexOf('/');
        if (slash < 2 || slash === name.length - 1) return undefined;
        namespace = [name.slice(0, slash)];
        name = name.slice(slash + 1);
      }
      break;
    }
    case 'pypi':
      name = normalisePypiName(name);
      if (name === '') return undefined;
      break;
    case 'golang': {
      const segs = name.split('/').filter((s) => s !== '');
      if (segs.length === 0) return undefined;
      name = segs.pop()!;
      namespace = segs;
      break;
    }
  }
  let out = `pkg:${p.type}/`;
  for (const seg of namespace) out += `${encode(seg)}/`;
  out += encode(name);
  if (p.version !== undefined && p.version !== '') out += `@${encode(p.version)}`;
  if (p.qualifiers === undefined) return out;
  const q = Object.entries(p.qualifiers)
    .filter(([, v]) => v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Qualifier values keep '/' so URLs stay readable, as the purl spec's examples show.
  if (q.length > 0) out += `?${q.map(([k, v]) => `${k.toLowerCase()}=${encode(v, '/')}`).join('&')}`;
  return out;
}
