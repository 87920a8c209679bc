// pip requirements files: requirement lines, options (--index-url, --hash...), continuations and comments.
import type { Span } from '../model';
import type { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export interface RequirementOption {
  readonly name: string;
  readonly value?: string;
}
export interface RequirementLine {
  /** Zero-based first line of the logical line (continuations are joined). */
  readonly line: number;
  readonly span: Span;
  /** The logical line without comments or continuation backslashes. */
  readonly text: string;
  /** Options on the line (`--hash`, `--index-url`, `-e`...), in order. */
  readonly options: readonly RequirementOption[];
  /** The requirement itself, absent on option-only lines. */
  readonly requirement?: {
    readonly name?: string;
    /** Version specifier such as `==1.2.3` or `>=1,<2`, empty when unconstrained. */
    readonly specifier: string;
    /** Direct reference: `name @ url`, a VCS or archive URL, or a local path. */
    readonly url?: string;
    readonly editable: boolean;
    readonly markers?: string;
  };
}
export interface RequirementsModel {
  readonly lines: readonly RequirementLine[];
}

const OPTION_WITH_VALUE = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '--hash', '--config-settings', '--global-option', '--use-feature']);

export function parseRequirements(_text: string, lines: LineIndex): ParseOutcome<RequirementsModel> {
  const out: RequirementLine[] = [];
  let line = 0;
  while (line < lines.lineCount) {
    const first = line;
    let logical = '';
    let last = line;
    for (;;) {
      let t = stripComment(lines.lineText(last));
      const continued = /\\\s*$/.test(t);
      if (continued) t = t.replace(/\\\s*$/, '');
      logical += `${t} `;
      if (!continued || last + 1 >= lines.lineCount) break;
      last++;
    }
    line = last + 1;
    const text = logical.trim().replace(/\s+/g, ' ');
    if (text === '') continue;
    const span = { start: lines.lineSpan(first).start, end: lines.lineSpan(last).end };
    out.push({ line: first, span, text, ...parseLogical(text) });
  }
  return { ok: true, model: { lines: out } };
}

function stripComment(s: string): string {
  // A comment starts at `#` at the line start or after whitespace (a URL fragment `#egg=` is not one).
  const m = /(^|\s)#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function parseLogical(text: string): Pick<RequirementLine, 'options' | 'requirement'> {
  const tokens = text.split(' ');
  const options: RequirementOption[] = [];
  const rest: string[] = [];
  let editable = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.startsWith('-')) {
      const eq = tok.indexOf('=');
      const name = eq > 0 ? tok.slice(0, eq) : tok;
      let value: string | undefined = eq > 0 ? tok.slice(eq + 1) : undefined;
      if (value === undefined && OPTION_WITH_VALUE.has(name) && i + 1 < tokens.length) value = tokens[++i];
      if (name === '-e' || name === '--editable') {
        editable = true;
        if (value !== undefined) rest.push(value);
        options.push({ name });
        continue;
      }
      options.push(value !== undefined ? { name, value } : { name });
    } else rest.push(tok);
  }
  const spec = rest.join(' ').trim();
  if (spec === '') return { options };
  const semi = spec.indexOf(';');
  const body = (semi >= 0 ? spec.slice(0, semi) : spec).trim();
  const markers = semi >= 0 ? spec.slice(semi + 1).trim() : undefined;
  const withMarkers = markers ? { markers } : {};
  const at = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*@\s*(\S+)$/.exec(body);
  if (at) return { options, requirement: { name: at[1]!, specifier: '', url: at[3]!, editable, ...withMarkers } };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(body) || body.startsWith('.') || body.startsWith('/') || /^(git|hg|svn|bzr)\+/.test(body)) {
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(body);
    return { options, requirement: { ...(egg ? { name: egg[1]! } : {}), specifier: '', url: body, editable, ...withMarkers } };
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(body);
  if (!m) return { options, requirement: { specifier: body, editable, ...withMarkers } };
  return { options, requirement: { name: m[1]!, specifier: m[3]!.replace(/\s+/g, ''), editable, ...withMarkers } };
}
