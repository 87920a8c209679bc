// "Export Self-Assessment Report": the repository, the format (HTML, Markdown, JSON) and where to save
// it; the server renders it in the UI language with the same engine code as `kamae report`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportAssessmentRequest, type ExportFormat } from '../../../server/src/protocol';
import { t, uiLang } from '../l10n';
import { viewLabel } from './labels';
import type { AssessmentStore } from './store';

const EXT: Record<ExportFormat, string> = { html: 'html', markdown: 'md', json: 'json' };

export async function exportReport(client: LanguageClient, store: AssessmentStore, folderUri?: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folderUri !== undefined
      ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folderUri))
      : folders.length <= 1
        ? folders[0]
        : await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which repository?') });
  if (!folder) {
    if (folders.length === 0) void vscode.window.showInformationMessage(t('Open a folder to see its Kamae report.'));
    return undefined;
  }
  const title = t('Export the self-assessment of {0} ({1})', folder.name, viewLabel(store.view));
  const format = await vscode.window.showQuickPick(
    [
      { label: 'HTML', description: t('a self-contained page that prints by group'), value: 'html' as const },
      { label: 'Markdown', description: t('for a repository or a wiki'), value: 'markdown' as const },
      { label: 'JSON', description: t('for tools'), value: 'json' as const },
    ],
    { title, placeHolder: t('Which format?'), ignoreFocusOut: true },
  );
  if (!format) return undefined;
  const ext = EXT[format.value];
  const target = await vscode.window.showSaveDialog({
    title,
    defaultUri: vscode.Uri.joinPath(folder.uri, `kamae-self-assessment.${ext}`),
    filters: { [format.label]: [ext] },
    saveLabel: t('Export'),
  });
  if (!target) return undefined;
  const text = await client.sendRequest(ExportAssessmentRequest.type, { uri: folder.uri.toString(), view: store.view, lang: uiLang(), format: format.value });
  if (text === null) {
    void vscode.window.showErrorMessage(t('Kamae has no report for this folder (it may be disabled there).'));
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = t('Open');
  void vscode.window.showInformationMessage(t('Saved the self-assessment to {0}.', vscode.workspace.asRelativePath(target)), open).then(async (choice) => {
    if (choice !== open) return;
    if (format.value === 'markdown') await vscode.commands.executeCommand('markdown.showPreview', target);
    else await vscode.window.showTextDocument(target, { preview: false });
  });
  return target;
}
