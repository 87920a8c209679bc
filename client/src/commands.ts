// The "Kamae" commands. Each asks the server for what it shows (rules, reports) and knows nothing
// about rules itself: rescan, show the report, open a rule's documentation, suppress with a reason.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ApplySuppressionCommand, RenderReportRequest, RescanRequest, RuleListRequest, SuppressWithReasonCommand, type SuppressionTarget } from '../../server/src/protocol';
import { t } from './l10n';

/** Reports open as read-only virtual documents that refresh when the server says the report changed. */
export const REPORT_SCHEME = 'kamae-report';

export class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  constructor(private readonly client: LanguageClient) {}

  static uriFor(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${folder.name}.txt`, query: folder.uri.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const text = await this.client.sendRequest(RenderReportRequest.type, { uri: uri.query, format: 'text' });
    return text ?? t('Kamae has no report for this folder (it may be disabled there).');
  }

  /** The server's report for `folderUri` changed: refresh an open report document. */
  changed(folderUri: string): void {
    const folderKey = vscode.Uri.parse(folderUri).toString();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === REPORT_SCHEME && vscode.Uri.parse(doc.uri.query).toString() === folderKey) this.emitter.fire(doc.uri);
    }
  }
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, reports: ReportDocuments): void {
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('kamae.rescan', () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Kamae: rescanning…') }, () => client.sendRequest(RescanRequest.type, {})),
  );

  register('kamae.showReport', async () => {
    const folder = await pickFolder();
    if (!folder) return;
    const doc = await vscode.workspace.openTextDocument(ReportDocuments.uriFor(folder));
    await vscode.window.showTextDocument(doc, { preview: false });
  });

  register('kamae.openRuleDocs', async () => {
    const rules = await client.sendRequest(RuleListRequest.type, {});
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.title, detail: t('Severity: {0}', r.severity), doc: r.doc })),
      { placeHolder: t('Open the documentation of a Kamae rule'), matchOnDescription: true },
    );
    if (!picked) return;
    // The pages ship inside the extension, so this works offline.
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, ...picked.doc.split('/')));
  });

  register(SuppressWithReasonCommand, async (target: SuppressionTarget) => {
    const reason = await vscode.window.showInputBox({
      title: t('Suppress {0}', target.ruleId),
      prompt: t('Why is this finding acceptable? The reason is kept with the suppression for reviewers.'),
      placeHolder: t('e.g. the image is rebuilt nightly by the platform team'),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? t('A reason is required.') : undefined),
    });
    if (reason === undefined) return;
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: ApplySuppressionCommand, arguments: [target, reason] })) as { applied?: boolean } | null;
    if (!result?.applied) void vscode.window.showWarningMessage(t('Kamae could not write the suppression: the file changed since the problem was reported, or the reason was refused.'));
  });

  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports));
}

/** The active editor's folder, the only folder, or the user's choice. */
async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const own = active && active.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (own) return own;
  if (folders.length <= 1) {
    if (folders.length === 0) void vscode.window.showInformationMessage(t('Open a folder to see its Kamae report.'));
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which repository?') });
}
