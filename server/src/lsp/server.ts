// The LSP adapter over the engine: one RepoFolder per workspace folder, documents and file events
// routed to the folders that contain them, code actions built from Diagnostic.data, and the custom
// kamae/* requests. The server only reads: files change only through edits the client applies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { assessmentToHtml, assessmentToMarkdown, attestationEdit, buildAssessment, isMissingReason, LineIndex, pickLang, SEVERITIES, toText, type Finding, type Lang } from '../engine';
import { CATALOG, RULE_METAS, today, VERSION } from '../node/product';
import {
  ApplySuppressionCommand,
  AssessmentRequest,
  AttestationEditRequest,
  TemplatesRequest,
  type TemplateInfo,
  ExportAssessmentRequest,
  FIX_ALL_KIND,
  GUIDELINE_VIEW_IDS,
  RenderReportRequest,
  RepoReportRequest,
  RescanRequest,
  RuleListRequest,
  type AssessmentParams,
  type AssessmentResponse,
  type AttestationEditResponse,
  type AttestationInput,
  type DataEdit,
  type KamaeInitializationOptions,
  type PanelFinding,
  type RuleInfo,
  type SuppressionTarget,
} from '../protocol';
import { fixActions, fixAllAction, suppressAction, suppressionEdit, toWorkspaceEdit, type ActionContext, type EditCapabilities, type SuppressionDeps } from './codeActions';
import { isKamaeData, SOURCE } from './diagnostics';
import { RepoFolder, type FolderHost } from './folder';
import { readSettings } from './settings';
import { langOf, say } from './strings';
import { pathToUri, relativeInside, uriToPath } from './uri';

interface ClientSupport {
  workspaceFolders: boolean;
  configuration: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchedFiles: boolean;
  edits: EditCapabilities;
}

export function startServer(connection: Connection): void {
  new KamaeServer(connection).listen();
}

class KamaeServer implements FolderHost {
  lang: Lang = 'en';
  private support: ClientSupport = { workspaceFolders: false, configuration: false, dynamicConfiguration: false, dynamicWatchedFiles: false, edits: { documentChanges: false, createFiles: false } };
  private initOptions: KamaeInitializationOptions = {};
  private readonly documents = new TextDocuments(TextDocument);
  /** By workspace folder URI, as the client sent it. */
  private readonly folders = new Map<string, RepoFolder>();
  private readonly openByPath = new Map<string, TextDocument>();
  /** Settings pushed with didChangeConfiguration, for clients that cannot be asked (no workspace/configuration). */
  private pushedSettings: unknown;
  private readonly outsideRepositories = new Set<string>();
  private started = false;

  constructor(readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.guard('initialized', () => this.initialized(), undefined));
    c.onShutdown(() => {
      for (const f of this.folders.values()) f.dispose(false);
      this.folders.clear();
    });

    this.documents.onDidOpen((e) => {
      const p = uriToPath(e.document.uri);
      if (p !== undefined) this.openByPath.set(p, e.document);
    });
    // Fires on open and on every edit; folders debounce.
    this.documents.onDidChangeContent((e) => this.fileChanged(e.document.uri, 'changed', true));
    this.documents.onDidClose((e) => {
      const p = uriToPath(e.document.uri);
      if (p !== undefined && this.openByPath.get(p) === e.document) this.openByPath.delete(p);
      // The disk version takes over from the closed buffer.
      this.fileChanged(e.document.uri, 'changed', false);
    });

    c.onDidChangeWatchedFiles((p) => {
      for (const change of p.changes) {
        const type = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        this.fileChanged(change.uri, type, false);
      }
    });
    c.onDidChangeConfiguration((p) => {
      this.pushedSettings = (p.settings as { kamae?: unknown } | null | undefined)?.kamae;
      void this.guard('configuration', () => this.refreshSettings(), undefined);
    });
    c.onCodeAction((p) => this.guard('codeAction', () => this.codeActions(p), []));
    c.onExecuteCommand((p) => this.guard('executeCommand', () => this.executeCommand(p.command, p.arguments ?? []), null));
    c.onRequest(RepoReportRequest.type, (p) => this.guard('repoReport', async () => {
      const folder = this.folderForUri(p.uri);
      if (!folder) return null;
      await folder.settle();
      return folder.report ?? null;
    }, null));
    c.onRequest(RenderReportRequest.type, (p) => this.guard('renderReport', async () => {
      const folder = this.folderForUri(p.uri);
      if (!folder) return null;
      await folder.settle();
      const report = folder.report;
      return report ? toText(report, { lang: folder.lang, color: false, guidelines: CATALOG.guidelines }) : null;
    }, null));
    c.onRequest(RescanRequest.type, (p) => this.guard('rescan', async () => {
      const targets = p.uri !== undefined ? [this.folderForUri(p.uri)].filter((f): f is RepoFolder => f !== undefined) : [...this.folders.values()];
      await Promise.all(targets.map((f) => f.rescan()));
    }, undefined));
    c.onRequest(AssessmentRequest.type, (p) => this.guard('assessment', () => this.assessment(p), null));
    c.onRequest(ExportAssessmentRequest.type, (p) => this.guard('exportAssessment', async () => {
      const result = await this.assessment(p);
      if (!result) return null;
      const a = result.assessment;
      return p.format === 'html' ? assessmentToHtml(a) : p.format === 'json' ? `${JSON.stringify(a, null, 2)}\n` : assessmentToMarkdown(a);
    }, null));
    c.onRequest(AttestationEditRequest.type, (p) => this.guard('attestationEdit', () => this.attestationEdit(p.uri, p.lang, p.attestation), null));
    c.onRequest(TemplatesRequest.type, (p) => this.guard('templates', () => this.templates(p.uri, p.lang), null));
    c.onRequest(RuleListRequest.type, () =>
      CATALOG.rules.map((r): RuleInfo => ({ id: r.meta.id, title: pickLang(r.meta.title, this.lang), severity: r.meta.severity, doc: `docs/rules/${r.meta.id}.md` })),
    );

    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.lang = langOf(params.locale);
    this.initOptions = (params.initializationOptions ?? {}) as KamaeInitializationOptions;
    const ws = params.capabilities.workspace;
    const edit = ws?.workspaceEdit;
    this.support = {
      workspaceFolders: ws?.workspaceFolders === true,
      configuration: ws?.configuration === true,
      dynamicConfiguration: ws?.didChangeConfiguration?.dynamicRegistration === true,
      dynamicWatchedFiles: ws?.didChangeWatchedFiles?.dynamicRegistration === true,
      edits: { documentChanges: edit?.documentChanges === true, createFiles: (edit?.resourceOperations ?? []).includes('create') },
    };
    const initial: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'root') }] : []);
    for (const f of initial) this.createFolder(f.uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [ApplySuppressionCommand] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kamae', version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    this.started = true;
    // The folder-change event exists only once the client said it supports workspace folders.
    if (this.support.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const removed of e.removed) {
          const folder = this.folders.get(removed.uri);
          if (!folder) continue;
          folder.dispose(true);
          this.folders.delete(removed.uri);
          // Folders around the removed one take back the files it was publishing.
          for (const outer of this.foldersContaining(folder.root)) void outer.republish();
        }
        void this.guard('workspace folders', async () => {
          await Promise.all(e.added.map((f) => this.addFolder(f)));
        }, undefined);
      });
    }
    if (this.support.dynamicWatchedFiles) {
      // Every file: a folder deletion arrives as one event for the folder, and .gitignore changes matter.
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (this.support.dynamicConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'kamae' });
    await Promise.all([...this.folders.values()].map(async (f) => f.configure(await this.settingsFor(f))));
  }

  // ---- folders ---------------------------------------------------------------------------------

  private createFolder(uri: string): RepoFolder | undefined {
    const root = uriToPath(uri);
    if (root === undefined || this.folders.has(uri)) return this.folders.get(uri);
    const folder = new RepoFolder(this, uri, root);
    this.folders.set(uri, folder);
    return folder;
  }

  private async addFolder(f: WorkspaceFolder): Promise<void> {
    const folder = this.createFolder(f.uri);
    if (folder && this.started) await folder.configure(await this.settingsFor(folder));
  }

  /** Folders containing the path, deepest first. */
  private foldersContaining(fsPath: string): RepoFolder[] {
    return [...this.folders.values()].filter((f) => relativeInside(f.root, fsPath) !== undefined).sort((a, b) => b.root.length - a.root.length);
  }

  private folderForUri(uri: string): RepoFolder | undefined {
    const exact = this.folders.get(uri);
    if (exact) return exact;
    const p = uriToPath(uri);
    return p !== undefined ? this.foldersContaining(p)[0] : undefined;
  }

  /** A document outside every workspace folder is checked in the repository around it (found by its .git), if any. */
  private implicitFolder(fsPath: string): RepoFolder | undefined {
    // Edits call this on every keystroke: directories already known to be in no repository are not walked again.
    if (this.outsideRepositories.has(path.dirname(fsPath))) return undefined;
    let dir = path.dirname(fsPath);
    for (;;) {
      if (fs.existsSync(path.join(dir, '.git'))) {
        const folder = this.createFolder(pathToUri(dir));
        if (folder && this.started) void this.guard('implicit folder', async () => folder.configure(await this.settingsFor(folder)), undefined);
        return folder;
      }
      const up = path.dirname(dir);
      if (up === dir) {
        this.outsideRepositories.add(path.dirname(fsPath));
        return undefined;
      }
      dir = up;
    }
  }

  private fileChanged(uri: string, type: 'changed' | 'created' | 'deleted', isDocument: boolean): void {
    const fsPath = uriToPath(uri);
    if (fsPath === undefined) return;
    let folders = this.foldersContaining(fsPath);
    if (folders.length === 0 && isDocument) folders = [this.implicitFolder(fsPath)].filter((f): f is RepoFolder => f !== undefined);
    // Outer folders list files of nested ones too, so each containing folder hears about the change.
    for (const f of folders) {
      const rel = relativeInside(f.root, fsPath);
      if (rel !== undefined && rel !== '') f.changed(rel, type);
    }
  }

  private async settingsFor(folder: RepoFolder) {
    if (!this.support.configuration) return readSettings(this.pushedSettings);
    try {
      return readSettings(await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'kamae' }));
    } catch {
      return readSettings(this.pushedSettings);
    }
  }

  private async refreshSettings(): Promise<void> {
    await Promise.all([...this.folders.values()].map(async (f) => f.configure(await this.settingsFor(f))));
  }

  // ---- FolderHost ------------------------------------------------------------------------------

  openDocument(fsPath: string): TextDocument | undefined {
    return this.openByPath.get(fsPath);
  }
  uriFor(fsPath: string): string {
    return this.openByPath.get(fsPath)?.uri ?? pathToUri(fsPath);
  }
  ownedByNestedFolder(folder: RepoFolder, fsPath: string): boolean {
    return this.foldersContaining(fsPath)[0] !== folder;
  }
  log(message: string): void {
    this.connection.console.log(message);
  }
  error(message: string): void {
    this.connection.console.error(message);
  }

  // ---- code actions and commands ---------------------------------------------------------------

  private actionContext(lang: Lang = this.lang): ActionContext {
    return {
      lang,
      caps: this.support.edits,
      promptForReason: this.initOptions.promptForSuppressionReason === true,
      uriOf: (folderUri, rel) => {
        const root = uriToPath(folderUri);
        return root === undefined ? `${folderUri.replace(/\/$/, '')}/${rel}` : this.uriFor(path.join(root, ...rel.split('/')));
      },
    };
  }

  private suppressionDeps(): SuppressionDeps {
    return {
      read: async (folderUri, rel) => {
        const root = uriToPath(folderUri);
        if (root === undefined) return undefined;
        const abs = path.join(root, ...rel.split('/'));
        const doc = this.openByPath.get(abs);
        if (doc) return { text: doc.getText(), version: doc.version };
        try {
          return { text: await fs.promises.readFile(abs, 'utf8'), version: null };
        } catch {
          return undefined;
        }
      },
      configPath: (folderUri) => this.folderForUri(folderUri)?.report?.files.find((f) => f.kind === 'kamae-config')?.path,
    };
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const ctx = this.actionContext(this.folderForUri(params.textDocument.uri)?.lang);
    const actions: CodeAction[] = [];
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && isKamaeData(d.data));
    if (wants(CodeActionKind.QuickFix)) {
      for (const d of ours) {
        if (!isKamaeData(d.data)) continue;
        actions.push(...fixActions(d, d.data, ctx));
        const suppress = await suppressAction(d, d.data, ctx, this.suppressionDeps());
        if (suppress) actions.push(suppress);
      }
    }
    // "Fix all" on request (source.fixAll, e.g. on save), or beside quick fixes when one of them is safe.
    const offerFixAll = only ? wants(FIX_ALL_KIND) : ours.some((d) => isKamaeData(d.data) && d.data.fixes.some((f) => f.safety === 'safe'));
    if (offerFixAll) {
      const fixAll = await this.fixAll(params.textDocument.uri, ctx);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** Brings the document's folder up to date with its text, then collects its safe fixes. */
  private async fixAll(uri: string, ctx: ActionContext): Promise<CodeAction | undefined> {
    const fsPath = uriToPath(uri);
    if (fsPath === undefined) return undefined;
    const folder = this.foldersContaining(fsPath)[0];
    if (!folder) return undefined;
    await folder.settle();
    const report = folder.report;
    const rel = relativeInside(folder.root, fsPath);
    if (!report || rel === undefined) return undefined;
    const read = await this.suppressionDeps().read(folder.uri, rel);
    if (!read) return undefined;
    return fixAllAction(folder.uri, rel, read.version, report.findings, read.text, ctx);
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (command !== ApplySuppressionCommand) return null;
    const [target, reason] = args as [SuppressionTarget | undefined, unknown];
    if (!target || typeof target.folder !== 'string' || typeof target.ruleId !== 'string' || typeof reason !== 'string' || isMissingReason(reason)) {
      throw new Error('kamae.applySuppression needs a finding and a non-empty reason');
    }
    const edit = await suppressionEdit(target, reason, this.actionContext(this.folderForUri(target.folder)?.lang), this.suppressionDeps());
    if (!edit) return { applied: false };
    const result = await this.connection.workspace.applyEdit({ label: `Kamae: suppress ${target.ruleId}`, edit });
    return { applied: result.applied };
  }

  // ---- panel, dashboard, attestations and export ------------------------------------------------

  private async assessment(p: AssessmentParams): Promise<AssessmentResponse | null> {
    if (typeof p?.uri !== 'string' || !GUIDELINE_VIEW_IDS.includes(p.view)) return null;
    const lang: Lang = p.lang === 'ja' ? 'ja' : 'en';
    const folder = this.folderForUri(p.uri);
    if (!folder) return null;
    await folder.settle();
    const report = folder.report;
    if (!report) return null;
    const assessment = buildAssessment(report, CATALOG, RULE_METAS, { lang, repository: path.basename(folder.root), date: today(), view: p.view });
    const ctx = this.actionContext(lang);
    const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
    const findings = [...report.findings]
      .sort((a, b) => rank(a) - rank(b) || Number(!!a.suppression) - Number(!!b.suppression) || (a.path ?? '').localeCompare(b.path ?? '') || (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0))
      .map((f): PanelFinding => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: pickLang(f.message, lang),
        ...(f.path !== undefined ? { path: f.path } : {}),
        ...(f.range ? { range: f.range } : {}),
        suppressed: f.suppression !== undefined,
        fixes: f.suppression
          ? []
          : f.fixes.flatMap((fix) => {
              const edits: DataEdit[] = fix.edits.map((e) => ('create' in e ? { path: e.path, create: e.create } : { path: e.path, range: e.range, newText: e.newText, version: folder.versionOf(e.path) }));
              const edit = toWorkspaceEdit(edits, folder.uri, ctx);
              return edit ? [{ title: pickLang(fix.title, lang), safety: fix.safety, edit }] : [];
            }),
      }));
    const attestationsPath = report.files.find((f) => f.kind === 'kamae-attestations')?.path;
    return {
      folder: folder.uri,
      assessment,
      findings,
      attestations: report.attestations,
      ...(report.anchor !== undefined ? { anchor: report.anchor } : {}),
      ...(attestationsPath !== undefined ? { attestationsPath } : {}),
    };
  }

  /** The file creations the folder's findings offer, one per path, for files that still do not exist. */
  private async templates(uri: unknown, rawLang: unknown): Promise<TemplateInfo[] | null> {
    const lang: Lang = rawLang === 'ja' ? 'ja' : 'en';
    const folder = typeof uri === 'string' ? this.folderForUri(uri) : undefined;
    if (!folder) return null;
    await folder.settle();
    const report = folder.report;
    if (!report) return null;
    const ctx = this.actionContext(lang);
    const out = new Map<string, TemplateInfo>();
    for (const f of report.findings) {
      if (f.suppression) continue;
      for (const fix of f.fixes) {
        const creates = fix.edits.filter((e): e is Extract<typeof e, { create: string }> => 'create' in e);
        if (creates.length === 0 || creates.length !== fix.edits.length) continue;
        const first = creates[0]!;
        if (out.has(first.path) || fs.existsSync(folder.abs(first.path))) continue;
        const edit = toWorkspaceEdit(creates.map((e) => ({ path: e.path, create: e.create })), folder.uri, ctx);
        if (edit) out.set(first.path, { path: first.path, title: pickLang(fix.title, lang), ruleId: f.ruleId, edit });
      }
    }
    return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private async attestationEdit(uri: unknown, rawLang: unknown, input: AttestationInput | undefined): Promise<AttestationEditResponse | null> {
    const lang: Lang = rawLang === 'ja' ? 'ja' : 'en';
    const folder = typeof uri === 'string' ? this.folderForUri(uri) : undefined;
    if (!folder || !input || typeof input !== 'object') return null;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const entry = {
      requirement: str(input.requirement),
      owner: str(input.owner),
      evidence: str(input.evidence),
      date: str(input.date),
      ...(typeof input.item === 'string' ? { item: input.item } : {}),
      ...(typeof input.expires === 'string' ? { expires: input.expires } : {}),
    };
    await folder.settle();
    const existing = folder.report?.files.find((f) => f.kind === 'kamae-attestations')?.path;
    const current = existing !== undefined ? await this.suppressionDeps().read(folder.uri, existing) : undefined;
    const result = attestationEdit(current ? existing : undefined, current?.text, entry, CATALOG.guidelines);
    if (!result.ok) return { ok: false, problems: result.problems.map((t) => pickLang(t, lang)) };
    const ctx = this.actionContext(lang);
    const e = result.edit;
    const edit =
      'create' in e
        ? toWorkspaceEdit([{ path: e.path, create: e.create }], folder.uri, ctx)
        : toWorkspaceEdit([{ path: e.path, range: new LineIndex(current!.text).range(e.span), newText: e.newText, version: current!.version }], folder.uri, ctx);
    if (!edit) return { ok: false, problems: [say('cannotCreate', lang)] };
    return { ok: true, path: e.path, edit };
  }

  /** Runs a handler; an internal error is logged and answered with `fallback`, never a crash or an unhandled rejection. */
  private async guard<T>(what: string, work: () => Promise<T> | T, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (e) {
      this.error(`kamae: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }
}
