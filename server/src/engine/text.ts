// Offsets <-> positions, built once per file, and the small text helpers every parser shares.
import type { Position, Range, Span } from './model';

/** Maps UTF-16 offsets to zero-based line/character positions (LSP convention). */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }
  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)]!;
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }
  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
  span(range: Range): Span {
    return { start: this.offset(range.start), end: this.offset(range.end) };
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }
  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1]! - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
  /** The span of a whole line without its indentation or line break. */
  lineSpan(line: number): Span {
    const start = this.lineStart(line);
    const text = this.lineText(line);
    const lead = text.length - text.trimStart().length;
    return { start: start + lead, end: start + text.trimEnd().length };
  }
}

/** The line-break style a file uses, so inserted lines match it. */
export function eolOf(text: string): string {
  return /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n';
}

/** Replaces `{name}` placeholders; unknown names are left visible so a missing value shows in tests. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/**
 * Shows enough of a secret to recognise it and never the secret itself:
 * the first four characters, an ellipsis, and the length.
 */
export function maskSecret(secret: string): string {
  const visible = secret.length > 12 ? secret.slice(0, 4) : '';
  return `${visible}…(${secret.length} chars)`;
}
