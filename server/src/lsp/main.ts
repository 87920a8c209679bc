// The language server entry point: stdio when started with --stdio (any LSP client), IPC from VS Code.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// Last line of defence: an error that escaped every handler is logged, and the session goes on.
// (stdout carries the protocol in --stdio mode, so nothing here may print to it.)
process.on('uncaughtException', (e) => connection.console.error(`kamae: uncaught ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`kamae: unhandled rejection ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
startServer(connection);
