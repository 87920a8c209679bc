// Licence strings from lockfiles, sorted into what CycloneDX can carry: one SPDX licence id, a valid
// SPDX expression (AND, OR, WITH, parentheses, `+`, LicenseRef-), or otherwise a named licence with the
// text as written ("SEE LICENSE IN LICENSE.md", "UNLICENSED", "BSD"). Ids are checked against the SPDX
// list CycloneDX publishes, ignoring case, and written in their canonical case.
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';

export type LicenseChoice = { readonly kind: 'id'; readonly id: string } | { readonly kind: 'expression'; readonly expression: string } | { readonly kind: 'name'; readonly name: string };

const LICENSE_REF = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
const EXCEPTION = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

export function classifyLicense(text: string): LicenseChoice {
  const s = text.trim();
  const tokens = tokenize(s);
  if (tokens) {
    const out: string[] = [];
    let i = 0;
    let simple = true;
    // expr := term ((AND|OR) term)* ; term := '(' expr ')' | id ['+'] [WITH exception]
    const term = (depth: number): boolean => {
      const t = tokens[i];
      if (t === undefined || depth > 32) return false;
      if (t === '(') {
        simple = false;
        out.push('(');
        i++;
        if (!expr(depth + 1) || tokens[i] !== ')') return false;
        out.push(')');
        i++;
        return true;
      }
      const id = licenseId(t);
      if (id === undefined) return false;
      if (id !== fixupSpdxId(t)) simple = false; // a `+` or a LicenseRef- needs an expression
      out.push(id);
      i++;
      if (tokens[i]?.toUpperCase() === 'WITH') {
        const ex = tokens[i + 1];
        if (ex === undefined || !EXCEPTION.test(ex)) return false;
        simple = false;
        out.push('WITH', ex);
        i += 2;
      }
      return true;
    };
    const expr = (depth: number): boolean => {
      if (!term(depth)) return false;
      while (i < tokens.length && (tokens[i]!.toUpperCase() === 'AND' || tokens[i]!.toUpperCase() === 'OR')) {
        simple = false;
        out.push(tokens[i]!.toUpperCase());
        i++;
        if (!term(depth)) return false;
      }
      return true;
    };
    if (expr(0) && i === tokens.length) {
      if (simple && out.length === 1) return { kind: 'id', id: out[0]! };
      // A lone id in parentheses is still a lone id.
      if (out.length === 3 && out[0] === '(' && fixupSpdxId(out[1]) === out[1]) return { kind: 'id', id: out[1]! };
      return { kind: 'expression', expression: join(out) };
    }
  }
  return { kind: 'name', name: s };
}

/** The canonical spelling of an SPDX id, `id+`, or a LicenseRef; undefined for anything else. */
function licenseId(t: string): string | undefined {
  if (LICENSE_REF.test(t)) return t;
  const plus = t.endsWith('+');
  const fixed = fixupSpdxId(plus ? t.slice(0, -1) : t);
  return fixed === undefined ? undefined : plus ? `${fixed}+` : fixed;
}

function tokenize(s: string): string[] | undefined {
  const out: string[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of s) {
    if (ch === '(' || ch === ')') {
      flush();
      out.push(ch);
    } else if (ch === ' ' || ch === '\t') flush();
    else if (/[A-Za-z0-9.+:-]/.test(ch)) word += ch;
    else return undefined;
  }
  flush();
  return out.length > 0 ? out : undefined;
}

function join(tokens: readonly string[]): string {
  let out = '';
  for (const t of tokens) {
    if (t === ')') out += ')';
    else out += out === '' || out.endsWith('(') ? t : ` ${t}`;
  }
  return out;
}
