// Suppressions: inline `kamae-ignore` comments and `.kamae.yaml` entries. Each names a rule and a
// reason and may carry an expiry; an expired one no longer hides anything and is reported itself.
import picomatch from 'picomatch';
import type { ConfigSuppression } from './config';
import type { LineIndex } from './text';

export interface InlineSuppression {
  readonly rules: readonly string[];
  readonly reason: string;
  readonly expires?: string;
  /** Zero-based line of the comment. */
  readonly line: number;
  /** Findings starting on this line are covered; undefined means the whole file (kamae-ignore-file). */
  readonly appliesToLine?: number;
}
export interface SuppressionProblem {
  readonly line: number;
  readonly messageId: 'noReason' | 'unknownRule' | 'badDate' | 'malformed';
  readonly rule?: string;
  readonly date?: string;
}

/** Comment openers a suppression may follow; Markdown has only `<!--` (a `#` line is a heading). */
export const COMMENT_OPENERS = ['#', '//', '<!--', '/*', ';'] as const;
export const MARKDOWN_OPENERS = ['<!--'] as const;

export function scanInline(lines: LineIndex, knownRule: (id: string) => boolean, openers: readonly string[] = COMMENT_OPENERS): { suppressions: InlineSuppression[]; problems: SuppressionProblem[] } {
  const suppressions: InlineSuppression[] = [];
  const problems: SuppressionProblem[] = [];
  const text = lines.text;
  if (!text.includes('kamae-ignore')) return { suppressions, problems };
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    if (!raw.includes('kamae-ignore')) continue;
    const at = raw.indexOf('kamae-ignore');
    const before = raw.slice(0, at).trimEnd();
    // Only a comment counts: the marker must follow a comment opener (#, //, <!--, /*, ;).
    const opener = openers.find((o) => before.endsWith(o));
    if (opener === undefined) continue;
    let rest = raw.slice(at + 'kamae-ignore'.length);
    const wholeFile = rest.startsWith('-file');
    if (wholeFile) rest = rest.slice('-file'.length);
    if (rest !== '' && !/^[\s:]/.test(rest)) continue;
    const codeBefore = before.slice(0, before.length - opener.length).trim();
    const parsed = parseBody(rest.replace(/(-->|\*\/)\s*$/, ''));
    if ('error' in parsed) {
      problems.push({ line, messageId: parsed.error });
      continue;
    }
    let valid = true;
    for (const rule of parsed.rules) {
      if (!knownRule(rule)) {
        problems.push({ line, messageId: 'unknownRule', rule });
        valid = false;
      }
    }
    if (parsed.expires !== undefined && !isValidDate(parsed.expires)) {
      problems.push({ line, messageId: 'badDate', date: parsed.expires });
      valid = false;
    }
    if (isMissingReason(parsed.reason)) {
      for (const rule of parsed.rules) problems.push({ line, messageId: 'noReason', rule });
      valid = false;
    }
    if (!valid) continue;
    let appliesToLine: number | undefined;
    if (!wholeFile) {
      appliesToLine = line;
      if (codeBefore === '') {
        // A comment on a line of its own covers the next line that is not blank.
        appliesToLine = line + 1;
        while (appliesToLine < lines.lineCount - 1 && lines.lineText(appliesToLine).trim() === '') appliesToLine++;
      }
    }
    suppressions.push({ rules: parsed.rules, reason: parsed.reason, line, ...(parsed.expires !== undefined ? { expires: parsed.expires } : {}), ...(appliesToLine !== undefined ? { appliesToLine } : {}) });
  }
  return { suppressions, problems };
}

/** `<rule>[, <rule>...] [until YYYY-MM-DD]: <reason>` */
function parseBody(body: string): { rules: string[]; expires?: string; reason: string } | { error: 'malformed' } {
  const colon = body.indexOf(':');
  const head = (colon >= 0 ? body.slice(0, colon) : body).trim();
  const reason = colon >= 0 ? body.slice(colon + 1).trim() : '';
  const words = head.split(/[\s,]+/).filter((w) => w !== '');
  const rules: string[] = [];
  let expires: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'until') {
      expires = words[i + 1] ?? '';
      i++;
    } else if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(w)) rules.push(w);
    else return { error: 'malformed' };
  }
  if (rules.length === 0) return { error: 'malformed' };
  return { rules, reason, ...(expires !== undefined ? { expires } : {}) };
}

/**
 * A reason is missing when it is empty or still a placeholder: text wholly inside angle brackets,
 * such as the `<why this is acceptable>` an editor inserts for the user to replace.
 */
export function isMissingReason(reason: string): boolean {
  const r = reason.trim();
  return r === '' || (r.startsWith('<') && r.endsWith('>') && !r.slice(1, -1).includes('>'));
}

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A suppression is expired once its date has passed: `until 2027-01-31` still holds on the 31st. */
export function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && expires < today;
}

export function configSuppressionMatches(s: ConfigSuppression, ruleId: string, path: string | undefined): boolean {
  if (s.rule !== ruleId) return false;
  if (!s.paths || s.paths.length === 0) return true;
  if (path === undefined) return false;
  return s.paths.some((p) => picomatch(p, { dot: true })(path));
}

/**
 * An ignore comment of a peer tool, honoured for the Kamae rules that name its check in `peers`, so a
 * repository that already triaged a finding with zizmor or hadolint is not told about it again.
 */
export interface PeerSuppression {
  /** `tool:id`, as rule.yaml's `peers` lists it. */
  readonly ids: readonly string[];
  /** The comment as written, for the report. */
  readonly comment: string;
  /** Zero-based line of the comment. */
  readonly line: number;
  /** `span`: a finding whose range covers the comment's line (zizmor); `next`: the next instruction (hadolint); `file`: the whole file. */
  readonly applies: { readonly kind: 'span' | 'next'; readonly line: number; readonly end: number } | { readonly kind: 'file' };
}

const ZIZMOR = /#\s*zizmor:\s*ignore\[([^\]]*)\]/;
const HADOLINT = /^\s*#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9,\s]+?)\s*$/;

export function scanPeerInline(lines: LineIndex): PeerSuppression[] {
  const out: PeerSuppression[] = [];
  const text = lines.text;
  const zizmor = text.includes('zizmor:');
  const hadolint = text.includes('hadolint');
  if (!zizmor && !hadolint) return out;
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const z = zizmor ? ZIZMOR.exec(raw) : null;
    if (z) {
      const ids = z[1]!.split(',').map((s) => s.trim()).filter((s) => /^[a-z0-9-]+$/.test(s)).map((s) => `zizmor:${s}`);
      if (ids.length > 0) out.push({ ids, comment: z[0].replace(/^#\s*/, ''), line, applies: { kind: 'span', line, end: line } });
      continue;
    }
    const h = hadolint ? HADOLINT.exec(raw) : null;
    if (h) {
      const ids = h[2]!.split(/[\s,]+/).filter((s) => /^(DL|SC)\d{4}$/.test(s)).map((s) => `hadolint:${s}`);
      if (ids.length === 0) continue;
      const comment = raw.trim().replace(/^#\s*/, '');
      if (h[1]) {
        out.push({ ids, comment, line, applies: { kind: 'file' } });
        continue;
      }
      // hadolint applies the pragma to the next instruction, continuation lines included: skip blank
      // lines and other comments, then follow trailing backslashes.
      let next = line + 1;
      while (next < lines.lineCount && /^\s*(#.*)?$/.test(lines.lineText(next))) next++;
      if (next >= lines.lineCount) continue;
      let end = next;
      while (end + 1 < lines.lineCount && /\\\s*$/.test(lines.lineText(end))) end++;
      out.push({ ids, comment, line, applies: { kind: 'next', line: next, end } });
    }
  }
  return out;
}

export function peerSuppressionCovers(s: PeerSuppression, range: { readonly start: { readonly line: number }; readonly end: { readonly line: number } } | undefined): boolean {
  if (s.applies.kind === 'file') return true;
  if (!range) return false;
  if (s.applies.kind === 'next') return s.applies.line <= range.start.line && range.start.line <= s.applies.end;
  return range.start.line <= s.applies.line && s.applies.line <= range.end.line;
}
