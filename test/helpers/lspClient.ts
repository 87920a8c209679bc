// A real LSP client for tests and scripts: starts dist/server.js --stdio as a child process and speaks
// JSON-RPC to it with vscode-languageserver-protocol. Waiting is event-driven: every message the
// server sends re-checks the pending waits, each bounded by a timeout (no fixed sleeps).
import * as cp from 'node:child_process';
import * as path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { ReportChangedNotification, type ReportChangedParams } from '../../server/src/protocol';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.resolve(ROOT, process.env.KAMAE_DIST ?? 'dist', 'server.js');

/** What a capable editor declares: versioned edits, file creation, dynamic registration, configuration. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
  },
  window: { workDoneProgress: true },
};

interface Waiter {
  check: () => boolean;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  /** The last publishDiagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly reports: ReportChangedParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: string[] = [];
  /** The `kamae` section answered to workspace/configuration, per scope URI ('' for any). */
  settings: Record<string, unknown> = {};
  private readonly waiters = new Set<Waiter>();
  private exited: Promise<number | null>;
  private stderr = '';

  private constructor(readonly child: cp.ChildProcessWithoutNullStreams) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.publishes.push(p);
      this.wake();
    });
    c.onNotification(ReportChangedNotification.type, (p) => {
      this.reports.push(p);
      this.wake();
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'kamae' ? (this.settings[i.scopeUri ?? ''] ?? this.settings[''] ?? null) : null)));
    c.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.wake();
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    c.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.appliedEdits.push(p);
      this.wake();
      return { applied: true };
    });
    c.listen();
  }

  static start(): LspClient {
    const child = cp.spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    return new LspClient(child);
  }

  async initialize(folders: readonly WorkspaceFolder[], options: { locale?: string; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: [...folders],
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the first truthy value of `probe`, re-checked on every message from the server. */
  waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | false;
          try {
            value = probe();
          } catch (e) {
            clearTimeout(timer);
            this.waiters.delete(waiter);
            reject(e instanceof Error ? e : new Error(String(e)));
            return true;
          }
          if (value === undefined || value === false) return false;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`));
      }, timeoutMs);
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** The next publish for `uri` after this call that satisfies `accept` (default: any). */
  nextPublish(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    const from = this.publishes.length;
    return this.waitFor(`diagnostics for ${uri}`, () => this.publishes.slice(from).find((p) => p.uri === uri && accept(p)), timeoutMs);
  }

  /** Waits until the last publish for `uri` satisfies `accept` (it may already have). */
  diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () => {
      const p = this.diagnostics.get(uri);
      return p && accept(p) ? p : undefined;
    }, timeoutMs);
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }
  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }
  foldersChanged(added: WorkspaceFolder[], removed: WorkspaceFolder[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added, removed } });
  }
  configurationChanged(): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }

  get serverStderr(): string {
    return this.stderr;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w.check();
  }
}
