// Black-box UI test of the installed .vsix in a real VS Code (code-server), driven like a person
// would with playwright-core in Debian's chromium: Problems panel, status bar, a quick fix, a
// suppression with a typed reason, the report, and the offline rule documentation.
// Screenshots go to E2E_SHOTS. Waits are on UI elements, each with a timeout.
// env: E2E_HOME, E2E_PORT, E2E_WORKSPACE (a throwaway copy of test/fixtures/e2e-repo), E2E_SHOTS
'use strict';
const path = require('node:path');
const { uiHarness } = require('./ui-harness');

const { workspace, shots, log, check, fileBecomes, runCommand, run } = uiHarness('ui-e2e', 'fail');

/** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is not already visible). */
async function showProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: 10000 });
}

/**
 * Opens the quick-fix menu of a Problems row, picks an item by its exact title, and waits for
 * `outcome`. The Problems list re-renders while diagnostics update and can close an open menu, so
 * the whole gesture is tried up to three times, each attempt bounded by timeouts.
 */
async function quickFix(page, problemText, actionTitle, outcome) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await showProblems(page);
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: problemText }).first();
      await row.waitFor({ timeout: 30000 });
      await row.click();
      // The selected row shows a light bulb once VS Code has the server's code actions for it.
      const bulb = row.locator('.markers-panel-action-quickfix');
      await bulb.waitFor({ timeout: 30000 });
      await bulb.click();
      const item = page.getByRole('menuitem', { name: actionTitle, exact: true });
      await item.waitFor({ timeout: 15000 });
      log(`quick fixes: ${(await page.getByRole('menuitem').allInnerTexts()).filter((t) => t).join(' | ')}`);
      await item.click();
      await outcome();
      return;
    } catch (e) {
      lastError = e;
      log(`quick fix attempt ${attempt} did not complete: ${String(e.message).split('\n')[0]}`);
      await page.keyboard.press('Escape');
    }
  }
  throw lastError;
}

async function saveActiveEditor(page) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+S');
}

run(async (page) => {
  await check('diagnostics for the workflow, the Dockerfile and package.json in the Problems panel', page, async () => {
    await showProblems(page);
    const panel = page.locator('.markers-panel');
    // One rule per file: the workflow's injection, the Dockerfile's root user, and the
    // repository-level finding anchored on package.json (the fixture has no README).
    for (const code of ['github-actions/template-injection', 'docker/root-user', 'repo/missing-security-policy']) {
      await panel.locator('.monaco-list-row', { hasText: code }).first().waitFor({ timeout: 90000 });
    }
    const rows = await panel.locator('.monaco-list-row').allInnerTexts();
    log(`problems:\n  ${rows.map((r) => r.replace(/\n/g, ' · ')).join('\n  ')}`);
    for (const file of ['ci.yml', 'Dockerfile', 'package.json']) {
      if (!rows.some((r) => r.startsWith(file))) throw new Error(`no Problems group for ${file}`);
    }
    if (!rows.some((r) => r.includes('kamae') && r.includes('[Ln 11, Col 31]'))) throw new Error('template-injection is not at line 11, column 31');
    await page.screenshot({ path: path.join(shots, '1-problems.png') });
  });

  await check('status bar shows the critical and high findings', page, async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Kamae:' });
    await item.waitFor({ timeout: 30000 });
    const text = (await item.innerText()).trim();
    log(`status bar: ${text}`);
    // The fixture has one critical finding (template injection) and several high ones.
    if (!/Kamae: [1-9]\d* critical, [1-9]\d* high/.test(text)) throw new Error(`unexpected status text "${text}"`);
  });

  await check('a quick fix edits the Dockerfile (saved to disk)', page, async () => {
    await quickFix(page, 'docker/root-user', 'Add `USER node` to the final stage (needs review)', () => page.locator('.monaco-editor .view-lines', { hasText: 'USER node' }).waitFor({ timeout: 15000 }));
    await saveActiveEditor(page);
    const text = await fileBecomes(path.join(workspace, 'Dockerfile'), (t) => t.includes('USER node'));
    if (text !== 'FROM node:latest\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n') throw new Error(`Dockerfile is now:\n${text}`);
    // The finding is gone once the server re-checks the edited buffer.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'docker/root-user' }).waitFor({ state: 'detached', timeout: 30000 });
    await page.screenshot({ path: path.join(shots, '2-quick-fix.png') });
  });

  await check('suppress with a reason typed into the input box', page, async () => {
    const input = page.locator('.quick-input-widget input');
    await quickFix(page, 'docker/latest-base-image', 'Suppress docker/latest-base-image with a reason…', () => input.waitFor({ timeout: 15000 }));
    await input.fill('the base image is rebuilt nightly by the platform team');
    await page.screenshot({ path: path.join(shots, '3-suppress-prompt.png') });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'kamae-ignore docker/latest-base-image' }).waitFor({ timeout: 30000 });
    await saveActiveEditor(page);
    await fileBecomes(path.join(workspace, 'Dockerfile'), (t) => t.startsWith('# kamae-ignore docker/latest-base-image: the base image is rebuilt nightly by the platform team\nFROM node:latest\n'));
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'docker/latest-base-image' }).waitFor({ state: 'detached', timeout: 30000 });
    await page.screenshot({ path: path.join(shots, '4-suppressed.png') });
  });

  await check('a quick fix creates SECURITY.md from the template (repository-level finding)', page, async () => {
    const target = path.join(workspace, 'SECURITY.md');
    await quickFix(page, 'repo/missing-security-policy', 'Create SECURITY.md from the bilingual template (needs review)', () => fileBecomes(target, (t) => t !== undefined, 15000));
    // The created file opens in an editor; save what the edit put in it, then show it.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('SECURITY.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'SECURITY.md' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'Security Policy' }).waitFor({ timeout: 15000 });
    await saveActiveEditor(page);
    const text = await fileBecomes(target, (t) => t !== undefined && t.startsWith('# Security Policy / セキュリティポリシー'));
    if (!/IPA/.test(text) || !/\| Version \/ バージョン \|/.test(text)) throw new Error(`SECURITY.md is:\n${text}`);
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'repo/missing-security-policy' }).waitFor({ state: 'detached', timeout: 30000 });
    await page.screenshot({ path: path.join(shots, '7-template-security-md.png') });
  });

  await check('Kamae: Show Report opens the text report', page, async () => {
    await runCommand(page, 'Kamae: Show Report');
    await page.locator('.monaco-editor .view-lines', { hasText: 'github-actions/template-injection' }).waitFor({ timeout: 30000 });
    await page.locator('.tab', { hasText: 'workspace.txt' }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(shots, '5-report.png') });
  });

  await check('Kamae: Open Rule Documentation previews the shipped page offline', page, async () => {
    await runCommand(page, 'Kamae: Open Rule Documentation');
    await page.locator('.quick-input-widget input').fill('docker/root-user');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'docker/root-user' }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
    const preview = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await preview.locator('h1', { hasText: 'docker/root-user: Container image runs as root' }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, '6-rule-docs.png') });
  });
});
