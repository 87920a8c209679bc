// Code actions, built only from Diagnostic.data (the server keeps no fix state): the rule's fixes,
// "suppress with a reason", and "fix all safe problems in this file" from a fresh report.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit, type WorkspaceEdit, type CreateFile } from 'vscode-languageserver/node';
import { configSuppressionEdit, inlineSuppressionEdit, LineIndex, selectFixes, suppressionStyle, type Finding, type Lang, type SuppressionEdit } from '../engine';
import { FIX_ALL_KIND, SuppressWithReasonCommand, type DataEdit, type KamaeDiagnosticData, type SuppressionTarget } from '../protocol';
import { say } from './strings';

export interface EditCapabilities {
  /** WorkspaceEdit.documentChanges (versioned edits). */
  readonly documentChanges: boolean;
  /** CreateFile resource operations inside documentChanges. */
  readonly createFiles: boolean;
}
export interface ActionContext {
  readonly lang: Lang;
  readonly caps: EditCapabilities;
  /** The URI of `path` in the folder: the open document's own URI when it is open. */
  readonly uriOf: (folderUri: string, path: string) => string;
  /** The client asks the user for suppression reasons (VS Code); otherwise edits carry a placeholder. */
  readonly promptForReason: boolean;
}

/** One quick fix per fix the rule offered: safe ones preferred, the others labelled as needing review. */
export function fixActions(diagnostic: Diagnostic, data: KamaeDiagnosticData, ctx: ActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  data.fixes.forEach((fix, i) => {
    const edit = toWorkspaceEdit(fix.edits, data.folder, ctx);
    if (!edit) return;
    out.push({
      title: fix.safety === 'safe' ? fix.title : say('needsReview', ctx.lang, { title: fix.title }),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(fix.safety === 'safe' && i === 0 ? { isPreferred: true } : {}),
      edit,
    });
  });
  return out;
}

/** "Suppress with a reason": a client command that asks for the reason, or an edit with a placeholder reason. */
export async function suppressAction(diagnostic: Diagnostic, data: KamaeDiagnosticData, ctx: ActionContext, deps: SuppressionDeps): Promise<CodeAction | undefined> {
  if (!data.suppressible) return undefined;
  const target: SuppressionTarget = {
    folder: data.folder,
    ruleId: data.ruleId,
    ...(data.path !== undefined ? { path: data.path } : {}),
    ...(data.kind !== undefined ? { kind: data.kind } : {}),
    ...(data.line !== undefined ? { line: data.line } : {}),
    ...(data.version !== undefined ? { version: data.version } : {}),
  };
  if (ctx.promptForReason) {
    const title = say('suppressPrompt', ctx.lang, { rule: data.ruleId });
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SuppressWithReasonCommand, arguments: [target] } };
  }
  const edit = await suppressionEdit(target, say('placeholderReason', ctx.lang), ctx, deps);
  if (!edit) return undefined;
  return { title: say('suppressPlaceholder', ctx.lang, { rule: data.ruleId }), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

export interface SuppressionDeps {
  /** Current text of a file in the folder (the open document, else the disk), with its document version. */
  readonly read: (folderUri: string, path: string) => Promise<{ text: string; version: number | null } | undefined>;
  /** The folder's configuration file, when it has one. */
  readonly configPath: (folderUri: string) => string | undefined;
}

/** The edit that writes a suppression with `reason`, or undefined when the file moved on since the diagnostic. */
export async function suppressionEdit(target: SuppressionTarget, reason: string, ctx: ActionContext, deps: SuppressionDeps): Promise<WorkspaceEdit | undefined> {
  const style = suppressionStyle(target.kind, target.path);
  let edit: SuppressionEdit;
  let current: { text: string; version: number | null } | undefined;
  if (style.kind === 'inline' && target.path !== undefined && target.line !== undefined) {
    current = await deps.read(target.folder, target.path);
    if (!current) return undefined;
    // The line number is from the analysed text; a newer buffer may have moved it.
    if (target.version !== undefined && target.version !== null && current.version !== target.version) return undefined;
    edit = inlineSuppressionEdit(target.path, current.text, target.line, target.ruleId, reason, style.open);
  } else {
    const configPath = deps.configPath(target.folder);
    current = configPath !== undefined ? await deps.read(target.folder, configPath) : undefined;
    edit = configSuppressionEdit(configPath, current?.text, target.ruleId, target.path, reason);
  }
  if ('create' in edit) return toWorkspaceEdit([{ path: edit.path, create: edit.create }], target.folder, ctx);
  if (!current) return undefined;
  const range = new LineIndex(current.text).range(edit.span);
  return toWorkspaceEdit([{ path: edit.path, range, newText: edit.newText, version: current.version }], target.folder, ctx);
}

/**
 * "Fix all safe problems in this file": the safe fixes of the file's active findings that edit only
 * this file, chosen as `kamae fix` would (no overlapping edits). `findings` come from a report made
 * from the document's current text.
 */
export function fixAllAction(folderUri: string, path: string, version: number | null, findings: readonly Finding[], text: string, ctx: ActionContext): CodeAction | undefined {
  const own = findings.filter((f) => f.path === path && f.fixes.some((x) => x.safety === 'safe' && x.edits.every((e) => e.path === path && !('create' in e))));
  const { fixes } = selectFixes(own, (p) => (p === path ? text : undefined), new Set(['safe']));
  const edits: DataEdit[] = fixes.flatMap((fix) => fix.edits.flatMap((e) => ('create' in e ? [] : [{ path, range: e.range, newText: e.newText, version }])));
  if (edits.length === 0) return undefined;
  const edit = toWorkspaceEdit(edits, folderUri, ctx);
  return edit ? { title: say('fixAll', ctx.lang), kind: FIX_ALL_KIND, edit } : undefined;
}

/**
 * DataEdits -> a WorkspaceEdit: versioned TextDocumentEdits (and CreateFile) when the client supports
 * documentChanges, else plain `changes`. Undefined when the client cannot apply it (file creation).
 */
export function toWorkspaceEdit(edits: readonly DataEdit[], folderUri: string, ctx: ActionContext): WorkspaceEdit | undefined {
  const creates = edits.filter((e): e is Extract<DataEdit, { create: string }> => 'create' in e);
  const texts = edits.filter((e): e is Extract<DataEdit, { range: unknown }> => !('create' in e));
  if (creates.length > 0 && !(ctx.caps.documentChanges && ctx.caps.createFiles)) return undefined;
  const byPath = new Map<string, { version: number | null; edits: TextEdit[] }>();
  for (const e of texts) {
    const entry = byPath.get(e.path) ?? { version: e.version, edits: [] };
    entry.edits.push({ range: e.range, newText: e.newText });
    byPath.set(e.path, entry);
  }
  if (!ctx.caps.documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const [path, entry] of byPath) changes[ctx.uriOf(folderUri, path)] = entry.edits;
    return { changes };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const c of creates) {
    const uri = ctx.uriOf(folderUri, c.path);
    // overwrite false and ignoreIfExists false: if the file appeared meanwhile the client refuses the edit.
    documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.create }] });
  }
  for (const [path, entry] of byPath) documentChanges.push({ textDocument: { uri: ctx.uriOf(folderUri, path), version: entry.version }, edits: entry.edits });
  return { documentChanges };
}

