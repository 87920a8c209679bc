// One workspace folder = one repository: its settings, its incremental analysis, the changes waiting
// to be analysed, and the diagnostics published for it. Work on a folder runs one step at a time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, Diagnostic, Range } from 'vscode-languageserver/node';
import { RepoAnalysis, sourceFromFs, summarise, type AnalyzeOptions, type FileChange, type FileChangeType, type FileSource, type Lang, type RepoReport } from '../engine';
import { diskFs } from '../node/diskFs';
import { CATALOG, today, VERSION } from '../node/product';
import { DEFAULT_SETTINGS, ReportChangedNotification, type FolderState, type KamaeSettings } from '../protocol';
import { linesNeeded, shownFiles, toDiagnostics, type ShownFile } from './diagnostics';
import { editorOptions } from './settings';

/** Quiet time after the last edit before analysing: short enough to feel immediate, long enough to batch a burst of keystrokes. */
export const DEBOUNCE_MS = 40;
/** How much of a file is read to find one line's extent (anchors, syntax errors); longer lines are cut. */
const LINE_PEEK_BYTES = 256 * 1024;

/** What a folder needs from the server that owns it. */
export interface FolderHost {
  readonly connection: Connection;
  readonly lang: Lang;
  /** The open document at an absolute path, if the client has it open. */
  openDocument(fsPath: string): { readonly uri: string; readonly version: number; getText(): string } | undefined;
  /** The URI to publish for an absolute path (the client's own URI when the document is open). */
  uriFor(fsPath: string): string;
  /** True when `fsPath` belongs to a folder nested inside this one, which publishes it instead. */
  ownedByNestedFolder(folder: RepoFolder, fsPath: string): boolean;
  log(message: string): void;
  error(message: string): void;
}

export class RepoFolder {
  settings: KamaeSettings = DEFAULT_SETTINGS;
  private analysis: RepoAnalysis | undefined;
  private state: FolderState = 'analyzing';
  private lastError: string | undefined;
  private readonly pending = new Map<string, FileChangeType>();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Published URIs: the signature of what was sent, and the path it stands for. */
  private readonly published = new Map<string, { signature: string; rel: string }>();
  /**
   * What each path showed at the last publish. The engine keeps the Finding objects of unchanged
   * files, so a path whose findings are the same objects (and whose version is the same) is skipped
   * without building its diagnostics: an edit costs the edited file, not the whole repository.
   */
  private readonly shown = new Map<string, ShownFile & { readonly version: number | null }>();
  /** Line extents read from disk for diagnostics without a range, until the file changes. */
  private readonly lineRanges = new Map<string, Range>();
  /**
   * Document version of the text each path's findings were computed from (null: the file on disk).
   * Fix edits carry it, so a client refuses a fix computed for an older text.
   */
  private readonly versions = new Map<string, number | null>();
  /** Versions read during the analysis in progress; committed by commitVersions. */
  private readonly readVersions = new Map<string, number | null>();
  private disposed = false;
  readonly source: FileSource;

  constructor(
    private readonly host: FolderHost,
    readonly uri: string,
    readonly root: string,
  ) {
    const disk = sourceFromFs(diskFs(root));
    // Open documents win over the disk: diagnostics follow the buffer the user is typing in.
    this.source = {
      list: (options) => disk.list(options),
      read: (rel, maxBytes) => {
        const doc = this.host.openDocument(this.abs(rel));
        this.readVersions.set(rel, doc ? doc.version : null);
        return doc ? Promise.resolve(doc.getText()) : disk.read(rel, maxBytes);
      },
    };
  }

  /** The language of this folder's diagnostics: the `kamae.language` setting, else the editor's. */
  get lang(): Lang {
    return this.settings.language === 'auto' ? this.host.lang : this.settings.language;
  }

  /** Version of the open document the findings of `rel` were computed from (null: the file on disk). */
  versionOf(rel: string): number | null {
    return this.versions.get(rel) ?? null;
  }

  get report(): RepoReport | undefined {
    return this.state === 'disabled' ? undefined : this.analysis?.report;
  }

  abs(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  /** First scan, or a new one after settings changed. */
  configure(settings: KamaeSettings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    return this.enqueue(async () => {
      if (!settings.enable) return this.disable();
      const options = this.options();
      // A new language rewrites every message, even of findings that did not change.
      const relabel = before.language !== settings.language;
      if (relabel) this.shown.clear();
      if (this.analysis && this.state !== 'disabled' && JSON.stringify(editorOptions(before)) === JSON.stringify(editorOptions(settings))) {
        if (relabel) await this.publish();
        return;
      }
      if (this.analysis && this.state !== 'disabled') {
        const before = this.analysis.report;
        await this.analysis.reconfigure(options);
        this.commitVersions(before, this.analysis.report);
        this.afterAnalysis('reconfigure');
        await this.publish();
      } else await this.scan();
    });
  }

  /** Forget everything and read the repository again. */
  rescan(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.settings.enable) return;
      this.analysis = undefined;
      await this.scan();
    });
  }

  /** A file changed (edit, open, close, save or file-system event); analysed after a short quiet time. */
  changed(rel: string, type: FileChangeType): void {
    const before = this.pending.get(rel);
    // created+changed stays created; deleted then created is a change of content.
    this.pending.set(rel, before === 'created' && type === 'changed' ? 'created' : before === 'deleted' && type === 'created' ? 'changed' : type);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.drain());
    }, DEBOUNCE_MS);
  }

  /** Resolves once every change seen so far has been analysed (requests that need a current report wait on it). */
  settle(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.enqueue(() => this.drain());
    }
    return this.chain;
  }

  /** Stops the folder; `clear` withdraws its diagnostics (a removed folder), skipped at shutdown. */
  dispose(clear: boolean): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (clear) for (const uri of this.published.keys()) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
  }

  /** Sends every diagnostic again (a nested folder that published some of these files went away). */
  republish(): Promise<void> {
    return this.enqueue(async () => {
      this.published.clear();
      this.shown.clear();
      await this.publish();
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.disposed) return;
      try {
        await work();
      } catch (e) {
        // An internal error must not stop the folder: report it, keep the last good diagnostics.
        this.lastError = e instanceof Error ? e.message : String(e);
        this.host.error(`kamae: ${this.root}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        this.setState('error');
      }
    });
    this.chain = run;
    return run;
  }

  private options(): AnalyzeOptions {
    return { toolVersion: VERSION, today: today(), ...editorOptions(this.settings) };
  }

  private async scan(): Promise<void> {
    this.pending.clear();
    this.lineRanges.clear();
    this.setState('analyzing');
    const progress = await this.host.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Kamae', undefined, path.basename(this.root));
    try {
      const before = this.analysis?.report;
      this.analysis = await RepoAnalysis.create(this.source, CATALOG, this.options(), this.analysis);
      this.commitVersions(before, this.analysis.report);
    } finally {
      progress?.done();
    }
    this.afterAnalysis('scan');
    await this.publish();
  }

  private async drain(): Promise<void> {
    if (this.pending.size === 0 || !this.analysis || this.state === 'disabled') return;
    const changes: FileChange[] = [...this.pending].map(([p, type]) => ({ path: p, type }));
    this.pending.clear();
    // Line extents read from changed files (or from inside a changed folder) are stale.
    for (const c of changes) for (const key of [...this.lineRanges.keys()]) if (key.startsWith(`${c.path}\0`) || key.startsWith(`${c.path}/`)) this.lineRanges.delete(key);
    // Expiry dates are judged against today: a session that crosses midnight re-reads with the new date.
    if (this.analysis.analyzeOptions.today !== today()) await this.analysis.reconfigure(this.options());
    const before = this.analysis.report;
    const after = await this.analysis.update(changes);
    this.commitVersions(before, after);
    // Nothing is republished when nothing changed (opening a file, saving it): republishing the same
    // diagnostics would still make editors rebuild their markers and lose what the user selected.
    if (after === before) return;
    this.afterAnalysis('update');
    await this.publish();
  }

  /**
   * A path keeps the version its findings came from while its text is unchanged (same sha256, e.g.
   * a file opened with the content on disk); a path whose text changed takes the version just read.
   */
  private commitVersions(before: RepoReport | undefined, after: RepoReport): void {
    const sha = (r: RepoReport | undefined) => new Map((r?.files ?? []).map((f) => [f.path, f.sha256]));
    const old = sha(before);
    const now = sha(after);
    for (const [rel, version] of this.readVersions) {
      const same = this.versions.has(rel) && now.get(rel) !== undefined && old.get(rel) === now.get(rel);
      if (!same) this.versions.set(rel, version);
    }
    this.readVersions.clear();
  }

  private afterAnalysis(what: string): void {
    const s = this.analysis?.stats;
    if (s && this.settings.trace.server !== 'off') this.host.log(`${what} ${path.basename(this.root)}: ${s.mode}, read ${s.filesRead}, checked ${s.filesChecked} in ${s.ms.toFixed(1)} ms`);
    this.lastError = undefined;
    this.setState('ready', true);
  }

  private disable(): Promise<void> {
    this.pending.clear();
    for (const uri of this.published.keys()) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
    this.setState('disabled');
    return Promise.resolve();
  }

  private setState(state: FolderState, reportChanged = false): void {
    if (state === this.state && !reportChanged) return;
    this.state = state;
    const report = this.report;
    const s = report ? summarise(report) : undefined;
    void this.host.connection.sendNotification(ReportChangedNotification.type, {
      uri: this.uri,
      state,
      ...(s ? { summary: { findings: s.findings, suppressed: s.suppressed, bySeverity: s.bySeverity, filesEvaluated: s.filesEvaluated, filesNotEvaluated: s.filesNotEvaluated } } : {}),
      ...(state === 'error' && this.lastError ? { error: this.lastError } : {}),
    });
  }

  /** Sends the diagnostics that changed, and clears files that no longer have any. */
  private async publish(): Promise<void> {
    const report = this.report;
    if (!report) return;
    const kinds = new Map(report.files.map((f) => [f.path, f.kind]));
    const seen = new Set<string>();
    for (const [rel, now] of shownFiles(report)) {
      const fsPath = this.abs(rel);
      if (this.host.ownedByNestedFolder(this, fsPath)) continue;
      const uri = this.host.uriFor(fsPath);
      seen.add(uri);
      const version = this.versions.get(rel) ?? null;
      const before = this.shown.get(rel);
      if (before && this.published.has(uri) && before.version === version && before.notEvaluated === now.notEvaluated && sameItems(before.findings, now.findings)) continue;
      this.shown.set(rel, { ...now, version });
      const ranges = new Map<number, Range>();
      for (const line of linesNeeded(now)) ranges.set(line, await this.lineRange(rel, line));
      const diagnostics = toDiagnostics(rel, now, kinds, {
        folderUri: this.uri,
        lang: this.lang,
        versionOf: (p) => this.versions.get(p) ?? null,
        lineRange: (_p, line) => ranges.get(line) ?? { start: { line, character: 0 }, end: { line, character: 0 } },
      });
      const signature = JSON.stringify(diagnostics);
      if (this.published.get(uri)?.signature === signature) continue;
      this.published.set(uri, { signature, rel });
      await this.send(uri, rel, diagnostics);
    }
    for (const [uri, { rel }] of [...this.published]) {
      if (seen.has(uri)) continue;
      this.published.delete(uri);
      this.shown.delete(rel);
      // A nested folder added since publishes this file now; clearing it would wipe that folder's diagnostics.
      if (this.host.ownedByNestedFolder(this, this.abs(rel))) continue;
      await this.send(uri, rel, []);
    }
  }

  private send(uri: string, rel: string, diagnostics: Diagnostic[]): Promise<void> {
    const version = this.versions.get(rel);
    return this.host.connection.sendDiagnostics({ uri, ...(typeof version === 'number' ? { version } : {}), diagnostics });
  }

  /** The extent of one line of a file (open buffer first), for diagnostics that have only a line. */
  private async lineRange(rel: string, line: number): Promise<Range> {
    let text: string | undefined = this.host.openDocument(this.abs(rel))?.getText();
    const key = `${rel}\0${line}`;
    if (text === undefined) {
      const cached = this.lineRanges.get(key);
      if (cached) return cached;
      try {
        const handle = await fs.promises.open(this.abs(rel), 'r');
        try {
          const buf = Buffer.alloc(LINE_PEEK_BYTES);
          const { bytesRead } = await handle.read(buf, 0, LINE_PEEK_BYTES, 0);
          text = buf.subarray(0, bytesRead).toString('utf8');
        } finally {
          await handle.close();
        }
      } catch {
        text = undefined;
      }
    }
    const lines = (text ?? '').split(/\r?\n/, line + 1);
    const content = lines[line] ?? '';
    const lead = content.length - content.trimStart().length;
    const range = { start: { line, character: lead }, end: { line, character: Math.max(lead, content.trimEnd().length) } };
    if (!this.host.openDocument(this.abs(rel))) this.lineRanges.set(key, range);
    return range;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
