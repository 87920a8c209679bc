// The LSP adapter over the engine. Thin for now: it answers initialize and shuts down cleanly;
// diagnostics and code actions arrive with the language-server work.
import type { Connection } from 'vscode-languageserver/node';
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { VERSION } from '../node/product';

export function startServer(connection: Connection): void {
  connection.onInitialize(() => ({
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'kamae', version: VERSION },
  }));
  connection.listen();
}
