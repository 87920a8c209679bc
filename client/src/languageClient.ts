// Starts the bundled language server (dist/server.js) over IPC. The client forwards documents,
// settings and file events; everything about rules happens in the server.
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { KamaeInitializationOptions } from '../../server/src/protocol';

export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: KamaeInitializationOptions = { promptForSuppressionReason: true };
  const clientOptions: LanguageClientOptions = {
    // Kamae decides by path (.github/workflows/*, Dockerfile, package.json...), not by language id,
    // so every file document is synchronised; the server ignores those it does not read.
    documentSelector: [{ scheme: 'file' }],
    diagnosticCollectionName: 'kamae',
    outputChannelName: 'Kamae',
    initializationOptions,
  };
  // The id 'kamae' makes the client honour the `kamae.trace.server` setting.
  return new LanguageClient('kamae', 'Kamae', serverOptions, clientOptions);
}
