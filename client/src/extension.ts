// VS Code entry point: starts the language server, the status bar and the commands. Rules live in
// the server only; this side renders what the server reports.
import type { Event, ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportChangedNotification } from '../../server/src/protocol';
import { registerCommands, ReportDocuments } from './commands';
import { initL10n } from './l10n';
import { createLanguageClient } from './languageClient';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What the extension exports: enough for its own extension-host tests to look at the UI state. */
export interface KamaeExtensionApi {
  readonly statusText: () => string;
  readonly onStatusChange: Event<string>;
}

export async function activate(context: ExtensionContext): Promise<KamaeExtensionApi> {
  initL10n();
  client = createLanguageClient(context);
  const status = new StatusBar();
  const reports = new ReportDocuments(client);
  context.subscriptions.push(status);
  registerCommands(context, client, reports);
  context.subscriptions.push(
    client.onNotification(ReportChangedNotification.type, (p) => {
      status.update(p);
      reports.changed(p.uri);
    }),
  );
  await client.start();
  return { statusText: () => status.text, onStatusChange: status.onDidChange };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
