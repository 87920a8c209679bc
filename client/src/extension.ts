// VS Code entry point: starts the language server, the status bar, the compliance panel (tree and
// dashboards) and the commands. Rules live in the server only; this side renders what it reports.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportChangedNotification, type GuidelineView } from '../../server/src/protocol';
import { registerCommands, ReportDocuments } from './commands';
import { initL10n, uiLang } from './l10n';
import { createLanguageClient } from './languageClient';
import { registerPanelCommands } from './panel/commands';
import { Dashboards } from './panel/dashboard';
import { AssessmentStore } from './panel/store';
import { CompliancePanel, type PanelFilters, type PanelSnapshotNode } from './panel/tree';
import type { DashboardModel } from './webview/messages';
import { attest } from './panel/attest';
import { exportReport } from './panel/export';
import { StatusBar } from './statusBar';
import { createFromTemplates, type CreateFromTemplateArgs } from './templates';

let client: LanguageClient | undefined;

/** What the extension exports: enough for its own extension-host tests to look at the UI state. */
export interface KamaeExtensionApi {
  readonly statusText: () => string;
  readonly onStatusChange: vscode.Event<string>;
  readonly panel: {
    /** The Kamae view's tree as plain data, every node expanded, with the current filters. */
    snapshot(): Promise<PanelSnapshotNode[]>;
    readonly view: () => GuidelineView;
    readonly filters: () => PanelFilters;
    /** Fires after the server reported a change and the panel refreshed. */
    readonly onDidChange: vscode.Event<string | undefined>;
    /** The dashboard model shown for a folder, if its dashboard is open. */
    dashboard(folder: vscode.WorkspaceFolder): DashboardModel | undefined;
    readonly onDashboardRender: vscode.Event<DashboardModel>;
  };
  /** The language of the panel and reports (kamae.language, else VS Code's). */
  readonly language: () => 'en' | 'ja';
}

export async function activate(context: vscode.ExtensionContext): Promise<KamaeExtensionApi> {
  initL10n(context.extensionUri);
  client = createLanguageClient(context);
  const c = client;
  const status = new StatusBar();
  const reports = new ReportDocuments(client);
  const store = new AssessmentStore(client);
  const panel = new CompliancePanel(store);
  const output = vscode.window.createOutputChannel('Kamae Panel');
  const dashboards = new Dashboards(context.extensionUri, client, store, {
    attest: (folder) => attest(c, store, context.globalState, { folder: folder.uri.toString() }),
    exportReport: (folder) => exportReport(c, store, folder.uri.toString()),
  }, output);
  context.subscriptions.push(status, store, panel, dashboards, output);
  const tree = vscode.window.createTreeView('kamae.compliance', { treeDataProvider: panel, showCollapseAll: true });
  context.subscriptions.push(tree);
  registerCommands(context, client, reports);
  context.subscriptions.push(vscode.commands.registerCommand('kamae.createFromTemplate', (args?: CreateFromTemplateArgs) => createFromTemplates(c, args)));
  registerPanelCommands(context, { client, store, panel, dashboards, memory: context.globalState });
  context.subscriptions.push(
    client.onNotification(ReportChangedNotification.type, (p) => {
      status.update(p);
      reports.changed(p.uri);
      store.reportChanged(p);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kamae.language')) return;
      if (initL10n(context.extensionUri)) {
        store.invalidate();
        status.refresh();
      }
    }),
  );
  output.appendLine(`Kamae: VS Code display language "${vscode.env.language}", panel and reports in "${uiLang()}"`);
  await client.start();
  return {
    statusText: () => status.text,
    onStatusChange: status.onDidChange,
    panel: {
      snapshot: () => panel.snapshot(),
      view: () => store.view,
      filters: () => panel.filters,
      onDidChange: store.onDidChange,
      dashboard: (folder) => dashboards.modelFor(folder),
      onDashboardRender: dashboards.onDidRender,
    },
    language: uiLang,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
