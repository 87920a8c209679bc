// The language server entry point: stdio when started with --stdio (any LSP client), IPC from VS Code.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
