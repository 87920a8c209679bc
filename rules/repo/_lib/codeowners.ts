// CODEOWNERS: rules (pattern + owners) and GitHub's matching, which follows .gitignore patterns with
// two differences: the last matching line wins, and `dir/*` does not reach into subfolders.
export interface OwnerRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly line: number;
  readonly re: RegExp | undefined;
}

export function parseCodeowners(text: string): OwnerRule[] {
  const out: OwnerRule[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.replace(/(^|\s)#.*$/, '').trim();
    if (t === '') continue;
    const [pattern, ...owners] = t.split(/\s+/);
    if (!pattern || pattern.length > 300) continue;
    out.push({ pattern, owners, line: i, re: toRegExp(pattern) });
  }
  return out;
}

/** The owners of a path: the owners of the last rule that matches it (possibly none). */
export function ownersOf(rules: readonly OwnerRule[], path: string): readonly string[] | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i]!;
    if (r.re && matches(r, path)) return r.owners;
  }
  return undefined;
}

function matches(rule: OwnerRule, path: string): boolean {
  if (rule.re!.test(path)) return true;
  // A pattern that names a folder covers everything below it, unless it ends in `/*` (GitHub's rule).
  if (rule.pattern.endsWith('/*')) return false;
  let dir = path;
  for (;;) {
    const slash = dir.lastIndexOf('/');
    if (slash < 0) return false;
    dir = dir.slice(0, slash);
    if (rule.re!.test(dir)) return true;
  }
}

/** A gitignore-style pattern as an anchored RegExp over repository-relative paths. */
function toRegExp(pattern: string): RegExp | undefined {
  let p = pattern;
  if (p.endsWith('/')) p = p.slice(0, -1); // a folder: matched through its contents above
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (p === '' || p === '*' || p === '**') return /^/;
  let src = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `/**` everything below.
        i++;
        if (p[i + 1] === '/') {
          i++;
          src += '(?:.*/)?';
        } else src += '.*';
      } else src += '[^/]*';
    } else if (c === '?') src += '[^/]';
    else if (c === '\\' && i + 1 < p.length) src += escape(p[++i]!);
    else src += escape(c);
  }
  try {
    return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${src}$`);
  } catch {
    return undefined;
  }
}

function escape(c: string): string {
  return /[.+^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}
