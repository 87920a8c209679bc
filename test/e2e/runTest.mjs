#!/usr/bin/env node
// The extension-host suite under @vscode/test-electron, for machines that can download VS Code
// (it fetches a VS Code build from update.code.visualstudio.com). It cannot run on the offline CI
// machine, where the same suite runs inside code-server instead (run.sh, exthost-tests.js); both
// load out/e2e/exthost/index.js through the same run() contract.
//   node scripts/build.mjs && node test/e2e/build.mjs && node test/e2e/runTest.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-electron-'));
fs.cpSync(path.join(root, 'test/fixtures/e2e-repo'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/e2e/exthost/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`runTest: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
