// Runs the extension-host mocha suite inside code-server's real Node extension host, with the same
// contract as @vscode/test-electron's runTests(): the workbench is opened with
// ?payload=[[extensionDevelopmentPath,..],[extensionTestsPath,..]] and reports the suite's exit code
// through window.codeAutomationExit. Needs code-server started with E2E_SMOKE_DRIVER=1.
// env: E2E_HOME, E2E_PORT, E2E_WORKSPACE, E2E_EXT_DEV_PATH (extension root on disk),
//      E2E_EXT_TESTS_PATH (module exporting run()), E2E_TEST_OUTPUT (where the suite tees its report;
//      code-server must have been started with the same value), E2E_TIMEOUT_S (default 300)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');

const { chromium } = require(path.join(process.env.E2E_HOME, 'tools/node_modules/playwright-core'));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-chromium-'));
const host = `127.0.0.1:${process.env.E2E_PORT}`;
const remote = (p) => `vscode-remote://${host}${path.resolve(p)}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(process.env.E2E_EXT_DEV_PATH)],
  ['extensionTestsPath', remote(process.env.E2E_EXT_TESTS_PATH)],
  ['skipWelcome', 'true'],
]);
const url = `http://${host}/?folder=${encodeURIComponent(path.resolve(process.env.E2E_WORKSPACE))}&payload=${encodeURIComponent(payload)}`;
const timeoutMs = 1000 * Number(process.env.E2E_TIMEOUT_S || 300);

(async () => {
  const t0 = Date.now();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch },
  });
  let code;
  try {
    const page = await browser.newPage();
    if (process.env.E2E_VERBOSE) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (c) => resolve(c)));
    await page.goto(url);
    let timer;
    code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
  } finally {
    await browser.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const out = process.env.E2E_TEST_OUTPUT;
  if (out && fs.existsSync(out)) process.stdout.write(fs.readFileSync(out, 'utf8'));
  console.log(`[exthost-tests] extension host exit code: ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.exit(code === 0 ? 0 : 1);
})();
