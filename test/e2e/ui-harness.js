// What both black-box UI tests share: chromium launched offline against the running code-server,
// named checks that count passes and failures and take a screenshot of a failure, waits on files and
// on the command palette, and the `N passed, N failed` line run.sh reads.
// env: E2E_HOME, E2E_PORT, E2E_WORKSPACE, E2E_SHOTS (see run.sh)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');

/**
 * @param {string} name      the prefix of log lines, and of the result file (`<name>.result.json`)
 * @param {string} failShot  the prefix of failure screenshots
 */
function uiHarness(name, failShot) {
  const { chromium } = require(path.join(process.env.E2E_HOME, 'tools/node_modules/playwright-core'));
  const port = process.env.E2E_PORT;
  const workspace = process.env.E2E_WORKSPACE;
  const shots = process.env.E2E_SHOTS;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-chromium-'));
  const t0 = Date.now();
  const log = (m) => console.log(`[${name} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  let passed = 0;
  let failed = 0;

  async function check(title, page, fn) {
    try {
      await fn();
      passed++;
      log(`PASS ${title}`);
    } catch (e) {
      failed++;
      log(`FAIL ${title}: ${String(e.message).split('\n').slice(0, 3).join(' / ')}`);
      await page.screenshot({ path: path.join(shots, `${failShot}-${title.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    }
  }

  /** Resolves when `file` on disk satisfies `accept`; fs.watch events, bounded by a timeout. */
  function fileBecomes(file, accept, timeoutMs = 30000) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new Promise((resolve, reject) => {
      const test = () => {
        const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
        if (text !== undefined && accept(text)) {
          clearTimeout(timer);
          watcher.close();
          resolve(text);
        }
      };
      const watcher = fs.watch(path.dirname(file), test);
      const timer = setTimeout(() => {
        watcher.close();
        reject(new Error(`${path.basename(file)} did not become as expected; it is ${fs.existsSync(file) ? JSON.stringify(fs.readFileSync(file, 'utf8').slice(0, 400)) : 'missing'}`));
      }, timeoutMs);
      test();
    });
  }

  async function runCommand(page, title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
  }

  /** Opens the workspace in chromium, runs `body(page)`, and exits with the counts. */
  async function run(body) {
    fs.mkdirSync(shots, { recursive: true });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch }, // keep chromium out of $HOME
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
      log('workbench loaded');
      await body(page);
    } catch (e) {
      failed++;
      log(`FAIL workbench: ${String(e.message).split('\n')[0]}`);
      await page.screenshot({ path: path.join(shots, `${failShot}-workbench.png`) }).catch(() => {});
    } finally {
      await browser.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    fs.writeFileSync(path.join(shots, `${name}.result.json`), JSON.stringify({ passed, failed }));
    console.log(`${name}: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }

  return { workspace, shots, log, check, fileBecomes, runCommand, run };
}

module.exports = { uiHarness };
