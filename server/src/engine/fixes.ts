// Applying fixes to text, and the unified diffs `kamae fix` prints and fixture snapshots record.
import type { FileEdit, Finding, Fix, FixSafety } from './model';

export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Applies non-overlapping changes; a change overlapping one already taken is skipped and counted. */
export function applyChanges(text: string, changes: readonly TextChange[]): { text: string; skipped: number } {
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  let skipped = 0;
  for (const c of sorted) {
    if (c.start < pos || c.end < c.start || c.end > text.length) {
      skipped++;
      continue;
    }
    out += text.slice(pos, c.start) + c.newText;
    pos = c.end;
  }
  return { text: out + text.slice(pos), skipped };
}

export interface FixPlan {
  /** New content per path; files created by a fix appear with their full content. */
  readonly files: ReadonlyMap<string, string>;
  readonly created: ReadonlySet<string>;
  readonly applied: number;
  /** Fixes left out because they overlapped another, or would create a file that exists. */
  readonly skipped: number;
}

/**
 * Plans the first fix of each finding whose safety is allowed. A fix is applied whole or not at all:
 * if any of its edits collides with an earlier fix, the whole fix is skipped.
 */
export function planFixes(findings: readonly Finding[], read: (path: string) => string | undefined, allow: ReadonlySet<FixSafety>): FixPlan {
  const { fixes, skipped } = selectFixes(findings, read, allow);
  const changes = new Map<string, TextChange[]>();
  const created = new Map<string, string>();
  for (const fix of fixes) {
    for (const e of fix.edits) {
      if ('create' in e) created.set(e.path, e.create);
      else changes.set(e.path, [...(changes.get(e.path) ?? []), { start: e.span.start, end: e.span.end, newText: e.newText }]);
    }
  }
  const applied = fixes.length;
  const files = new Map<string, string>();
  for (const [path, list] of changes) {
    const before = read(path);
    if (before === undefined) continue;
    files.set(path, applyChanges(before, list).text);
  }
  for (const [path, content] of created) files.set(path, content);
  return { files, created: new Set(created.keys()), applied, skipped };
}

/**
 * The fixes planFixes would apply, in finding order: the first allowed fix of each active finding,
 * leaving out any that collides with one already chosen. Editors turn these into one edit ("fix all").
 */
export function selectFixes(findings: readonly Finding[], read: (path: string) => string | undefined, allow: ReadonlySet<FixSafety>): { fixes: Fix[]; skipped: number } {
  const changes = new Map<string, TextChange[]>();
  const created = new Map<string, string>();
  const fixes: Fix[] = [];
  let skipped = 0;
  for (const f of findings) {
    if (f.suppression) continue;
    const fix: Fix | undefined = f.fixes.find((x) => allow.has(x.safety));
    if (!fix) continue;
    if (!fits(fix.edits, changes, created, read)) {
      skipped++;
      continue;
    }
    for (const e of fix.edits) {
      if ('create' in e) created.set(e.path, e.create);
      else changes.set(e.path, [...(changes.get(e.path) ?? []), { start: e.span.start, end: e.span.end, newText: e.newText }]);
    }
    fixes.push(fix);
  }
  return { fixes, skipped };
}

function fits(edits: readonly FileEdit[], taken: ReadonlyMap<string, TextChange[]>, created: ReadonlyMap<string, string>, read: (path: string) => string | undefined): boolean {
  for (const e of edits) {
    if ('create' in e) {
      if (created.has(e.path) || read(e.path) !== undefined) return false;
      continue;
    }
    for (const t of taken.get(e.path) ?? []) {
      const overlaps = e.span.start < t.end && t.start < e.span.end;
      const sameInsertPoint = e.span.start === e.span.end && t.start === t.end && t.start === e.span.start;
      if (overlaps || sameInsertPoint) return false;
    }
  }
  return true;
}

/** A unified diff (3 lines of context) between two versions of a file, or '' when they are equal. */
export function unifiedDiff(path: string, before: string, after: string, isNew = false): string {
  if (before === after) return '';
  const a = before === '' ? [] : splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const header = `--- ${isNew ? '/dev/null' : `a/${path}`}\n+++ b/${path}\n`;
  const hunks: string[] = [];
  const context = 3;
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.op === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are closer than two contexts apart.
    for (;;) {
      while (end < ops.length && ops[end]!.op !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.op === ' ') next++;
      if (next < ops.length && next - end <= context * 2) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const slice = ops.slice(start, stop);
    const aStart = slice[0]!.a;
    const bStart = slice[0]!.b;
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    hunks.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@\n` + slice.map((o) => `${o.op}${o.text}\n`).join(''));
    i = stop;
  }
  return header + hunks.join('');
}

function splitLines(s: string): string[] {
  const lines = s.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface DiffOp {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** Index in the old (a) and new (b) line arrays where this op sits. */
  readonly a: number;
  readonly b: number;
}

/** Myers' O(ND) line diff, with common prefix and suffix trimmed first. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0)) ? v.get(k + 1) ?? 0 : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const mid: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? 0) < (vd.get(k + 1) ?? 0)) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      mid.push({ op: ' ', text: A[x]!, a: pre + x, b: pre + y });
    }
    if (x === prevX) {
      y--;
      mid.push({ op: '+', text: B[y]!, a: pre + x, b: pre + y });
    } else {
      x--;
      mid.push({ op: '-', text: A[x]!, a: pre + x, b: pre + y });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    mid.push({ op: ' ', text: A[x]!, a: pre + x, b: pre + y });
  }
  mid.reverse();
  const out: DiffOp[] = [];
  for (let i = 0; i < pre; i++) out.push({ op: ' ', text: a[i]!, a: i, b: i });
  out.push(...mid);
  for (let i = 0; i < suf; i++) out.push({ op: ' ', text: a[a.length - suf + i]!, a: a.length - suf + i, b: b.length - suf + i });
  return out;
}
