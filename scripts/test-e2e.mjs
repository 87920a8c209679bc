#!/usr/bin/env node
// `npm run test:e2e` (and the real-editor step of `npm test`): runs test/e2e/run.sh, which installs
// its own tools, builds and packages the extension, tests it in code-server, in VS Code's extension
// host and with Neovim, prints `N passed, N failed` and writes the counts to $KAMAE_TEST_RESULTS_E2E.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync('bash', [path.join(root, 'test/e2e/run.sh')], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
