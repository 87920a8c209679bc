// RepoReport -> LSP diagnostics per file. Each diagnostic carries the rule id as `code`, the rule's
// documentation as `codeDescription`, and in `data` its fixes and where it is, so code actions can
// be built from the diagnostic alone. Repository-level findings are shown on the report's anchor file.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { pickLang, ruleDocUrl, type FileEdit, type Finding, type Lang, type RepoReport, type Severity } from '../engine';
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
  /** Whole-line ranges the converter cannot compute from the report (anchor line 0, syntax-error lines). */
  readonly lineRange: (path: string, line: number) => Range;
}

/** The lines outside findings' own ranges that diagnostics need: the anchor's first line, not-evaluated files' problem lines. */
export function linesNeeded(report: RepoReport): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  if (report.anchor !== undefined && report.findings.some((f) => f.path === undefined && !f.suppression)) out.push({ path: report.anchor, line: 0 });
  for (const f of report.files) if (f.status === 'not-evaluated') out.push({ path: f.path, line: f.line ?? 0 });
  return out;
}

/** Diagnostics keyed by repository-relative path, in the report's order. Suppressed findings are not shown. */
export function diagnosticsByPath(report: RepoReport, ctx: DiagnosticContext): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const add = (path: string, d: Diagnostic) => {
    const list = out.get(path);
    if (list) list.push(d);
    else out.set(path, [d]);
  };
  const kinds = new Map(report.files.map((f) => [f.path, f.kind]));
  for (const f of report.findings) {
    if (f.suppression) continue;
    const shownAt = f.path ?? report.anchor;
    if (shownAt === undefined) continue;
    const range = f.range ?? ctx.lineRange(shownAt, 0);
    add(shownAt, toDiagnostic(f, range, kinds.get(f.path ?? ''), ctx));
  }
  for (const file of report.files) {
    if (file.status !== 'not-evaluated') continue;
    const line = file.line ?? 0;
    add(file.path, {
      range: ctx.lineRange(file.path, line),
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
