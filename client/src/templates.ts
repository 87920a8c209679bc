// "Create Missing Files from Templates…": the files the repository's findings offer to create
// (SECURITY.md, SUPPORT.md, CODEOWNERS, dependabot.yml, an SBOM workflow), chosen in one list.
// The server builds them from the repository; nothing is ever written over an existing file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TemplatesRequest, type TemplateInfo } from '../../server/src/protocol';
import { t, uiLang } from './l10n';

/** Arguments for automation (tests, other commands): the folder and the paths to create, skipping the pickers. */
export interface CreateFromTemplateArgs {
  readonly folder?: string;
  readonly paths?: readonly string[];
}

export async function createFromTemplates(client: LanguageClient, args: CreateFromTemplateArgs = {}): Promise<string[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    args.folder !== undefined
      ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(args.folder))
      : folders.length <= 1
        ? folders[0]
        : await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which repository?') });
  if (!folder) return [];
  const templates = (await client.sendRequest(TemplatesRequest.type, { uri: folder.uri.toString(), lang: uiLang() })) ?? [];
  if (templates.length === 0) {
    void vscode.window.showInformationMessage(t('Nothing to create: every file Kamae has a template for exists in {0}.', folder.name));
    return [];
  }
  let chosen: readonly TemplateInfo[];
  if (args.paths) chosen = templates.filter((x) => args.paths!.includes(x.path));
  else {
    const picked = await vscode.window.showQuickPick(
      templates.map((x) => ({ label: x.path, description: x.title, detail: x.ruleId, picked: true, template: x })),
      { canPickMany: true, title: t('Create missing files in {0}', folder.name), placeHolder: t('Files Kamae can create from its templates (review them before committing)'), ignoreFocusOut: true },
    );
    if (!picked) return [];
    chosen = picked.map((p) => p.template);
  }
  const created: string[] = [];
  for (const template of chosen) {
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(template.edit);
    // The edit creates the file without overwriting: it fails if the file appeared meanwhile.
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage(t('{0} was not created: the file exists.', template.path));
      continue;
    }
    const uri = vscode.Uri.joinPath(folder.uri, ...template.path.split('/'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    created.push(template.path);
  }
  if (created[0] !== undefined) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...created[0].split('/')), { preview: false });
  return created;
}
