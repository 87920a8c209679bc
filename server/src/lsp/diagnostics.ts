// RepoReport -> LSP diagnostics per file. Each diagnostic carries the rule id as `code`, the rule's
// documentation as `codeDescription`, and in `data` its fixes and where it is, so code actions can
// be built from the diagnostic alone. Repository-level findings are shown on the report's anchor file.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { pickLang, ruleDocUrl, type FileEdit, type FileResult, type Finding, type Lang, type RepoReport, type Severity } from '../engine';
import { DOCS_BASE } from '../node/product';
import type { DataEdit, DataFix, KamaeDiagnosticData } from '../protocol';
import { say } from './strings';

export const SOURCE = 'kamae';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

export interface DiagnosticContext {
  readonly folderUri: string;
  readonly lang: Lang;
  /** Version of the open document the analysis read at `path` (null: the file on disk). */
  readonly versionOf: (path: string) => number | null;
  /** The extent of a line the report has no range for (an anchor's first line, a syntax error's line). */
  readonly lineRange: (path: string, line: number) => Range;
}

/** What one file shows: its active findings (repository-level ones on the anchor) and why it was not evaluated. */
export interface ShownFile {
  readonly findings: readonly Finding[];
  readonly notEvaluated?: FileResult;
}

/** The report grouped by the file each diagnostic is shown on, in the report's order. Suppressed findings are not shown. */
export function shownFiles(report: RepoReport): Map<string, ShownFile> {
  const out = new Map<string, { findings: Finding[]; notEvaluated?: FileResult }>();
  const entry = (path: string) => {
    let e = out.get(path);
    if (!e) out.set(path, (e = { findings: [] }));
    return e;
  };
  for (const f of report.findings) {
    if (f.suppression) continue;
    const shownAt = f.path ?? report.anchor;
    if (shownAt !== undefined) entry(shownAt).findings.push(f);
  }
  for (const file of report.files) if (file.status === 'not-evaluated') entry(file.path).notEvaluated = file;
  return out;
}

/** The lines of a shown file that need ctx.lineRange: its repository-level findings' and its syntax error's. */
export function linesNeeded(shown: ShownFile): number[] {
  const lines = shown.findings.some((f) => f.range === undefined) ? [0] : [];
  if (shown.notEvaluated) lines.push(shown.notEvaluated.line ?? 0);
  return lines;
}

/** The diagnostics of one shown file. `kinds` maps paths to file kinds (report.files). */
export function toDiagnostics(path: string, shown: ShownFile, kinds: ReadonlyMap<string, string>, ctx: DiagnosticContext): Diagnostic[] {
  const out: Diagnostic[] = shown.findings.map((f) => toDiagnostic(f, f.range ?? ctx.lineRange(path, 0), kinds.get(f.path ?? ''), ctx));
  const file = shown.notEvaluated;
  if (file) {
    out.push({
      range: ctx.lineRange(file.path, file.line ?? 0),
      // A syntax error is something to fix now; a limit or an unsupported form is worth knowing.
      severity: file.line !== undefined ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: SOURCE,
      message: say('notEvaluated', ctx.lang, { reason: file.reason ? pickLang(file.reason, ctx.lang) : '' }),
    });
  }
  return out;
}

function toDiagnostic(f: Finding, range: Range, kind: string | undefined, ctx: DiagnosticContext): Diagnostic {
  const fixes: DataFix[] = f.fixes.map((fix) => ({ title: pickLang(fix.title, ctx.lang), safety: fix.safety, edits: fix.edits.map((e) => dataEdit(e, ctx)) }));
  const data: KamaeDiagnosticData = {
    folder: ctx.folderUri,
    ruleId: f.ruleId,
    ...(f.path !== undefined ? { path: f.path, line: range.start.line, version: ctx.versionOf(f.path) } : {}),
    ...(kind !== undefined ? { kind } : {}),
    fixes,
    suppressible: !f.ruleId.startsWith('kamae/'),
  };
  return {
    range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(DOCS_BASE, f.ruleId) },
    source: SOURCE,
    message: pickLang(f.message, ctx.lang),
    data,
  };
}

function dataEdit(e: FileEdit, ctx: DiagnosticContext): DataEdit {
  if ('create' in e) return { path: e.path, create: e.create };
  return { path: e.path, range: e.range, newText: e.newText, version: ctx.versionOf(e.path) };
}

/** True for a Diagnostic.data this server wrote (clients echo data back untouched, but check anyway). */
export function isKamaeData(data: unknown): data is KamaeDiagnosticData {
  const d = data as Partial<KamaeDiagnosticData> | undefined;
  return typeof d === 'object' && d !== null && typeof d.folder === 'string' && typeof d.ruleId === 'string' && Array.isArray(d.fixes);
}
