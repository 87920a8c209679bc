// Black-box UI test of the compliance panel in the installed .vsix (code-server + chromium), driven
// with the mouse and the keyboard as a person would: the Kamae view, a group expanded, the dashboard
// (and a needs-review fix confirmed in its dialog), attesting a requirement through the quick picks
// and input boxes, exporting the self-assessment through the save dialog, and the panel in Japanese
// with kamae.language=ja. Files written are checked on disk. Screenshots go to E2E_SHOTS (panel-*.png).
// Waits are on UI elements and files, each with a timeout.
// env: E2E_HOME, E2E_PORT, E2E_WORKSPACE (a throwaway copy of test/fixtures/e2e-repo), E2E_SHOTS
'use strict';
/* global document, getComputedStyle -- used only inside page.waitForFunction, which runs in the browser */
const fs = require('node:fs');
const path = require('node:path');
const { uiHarness } = require('./ui-harness');

const { workspace, shots, check, fileBecomes, runCommand, run } = uiHarness('ui-panel-e2e', 'fail-panel');

/** The quick input once it shows `text` (a title, a prompt or an item), then types into it and accepts. */
async function answer(page, waitForText, typed, shot) {
  const widget = page.locator('.quick-input-widget');
  await widget.filter({ hasText: waitForText }).waitFor({ timeout: 20000 });
  if (typed !== undefined) await widget.locator('input').fill(typed);
  if (shot) {
    // The widget fades in: the picture is taken once it is fully shown.
    await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-widget')].some((w) => getComputedStyle(w).display !== 'none' && getComputedStyle(w).opacity === '1'), null, { timeout: 10000 });
    await page.screenshot({ path: path.join(shots, shot) });
  }
  await page.keyboard.press('Enter');
}

const row = (page, text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
const dashboard = (page) => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

run(async (page) => {
  const today = new Date();
  const ymd = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

  await check('the Kamae view in the activity bar shows the repository and its six METI/NCO groups', page, async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Kamae"]').first().click();
    await row(page, 'METI/NCO requirement groups').waitFor({ timeout: 90000 });
    // Widen the side bar (drag its edge) so that requirement titles and states are readable.
    const side = await page.locator('.part.sidebar').boundingBox();
    if (side) {
      await page.mouse.move(side.x + side.width + 1, side.y + side.height / 2);
      await page.mouse.down();
      await page.mouse.move(side.x + side.width + 260, side.y + side.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    for (const g of ['(1) Secure design', '(2) Lifecycle', '(3) Prompt handling', '(4) Developing people', '(5) Stronger relationships', '(6) Customer risk']) await row(page, g).waitFor({ timeout: 30000 });
    const text = await row(page, '(1) Secure design').innerText();
    if (!text.includes('0/4 met · 2 failing · 2 to attest')) throw new Error(`group (1) reads "${text}"`);
  });

  await check('expanding a group shows its requirements with their states, and a rule shows its findings', page, async () => {
    await row(page, '(1) Secure design').click();
    await row(page, '(1)-2 Secure build').waitFor({ timeout: 20000 });
    const req = await row(page, '(1)-2 Secure build').innerText();
    if (!req.includes('Partly met')) throw new Error(`(1)-2 reads "${req}"`);
    await row(page, '(1)-2 Secure build').click();
    await row(page, 'github-actions/template-injection').click();
    await row(page, 'github.event.pull_request.title').waitFor({ timeout: 20000 });
    await page.screenshot({ path: path.join(shots, 'panel-1-tree.png') });
    // A click on the finding opens the workflow at its line.
    await row(page, 'github.event.pull_request.title').click();
    await page.locator('.tab.active', { hasText: 'ci.yml' }).waitFor({ timeout: 20000 });
    await page.locator('.monaco-editor .cursor-line-highlight, .monaco-editor .current-line').first().waitFor({ timeout: 10000 }).catch(() => {});
  });

  await check('the dashboard (inline action on the repository) shows states per group and the top findings', page, async () => {
    const repo = row(page, 'METI/NCO requirement groups');
    await repo.hover();
    await repo.locator('.action-label[aria-label="Open Dashboard"]').click();
    const d = dashboard(page);
    await d.locator('h1', { hasText: 'Kamae — ' }).waitFor({ timeout: 30000 });
    const bars = await d.locator('.chart .row').count();
    if (bars !== 6) throw new Error(`${bars} bars`);
    const first = await d.locator('.finding').first().innerText();
    if (!first.includes('github-actions/template-injection') || !first.includes('critical')) throw new Error(`first finding: ${first}`);
    await page.screenshot({ path: path.join(shots, 'panel-2-dashboard.png') });
  });

  await check('a needs-review fix from the dashboard asks for confirmation, then edits the Dockerfile', page, async () => {
    const d = dashboard(page);
    await d.locator('.finding', { hasText: 'docker/root-user' }).locator('button', { hasText: 'USER node' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 20000 });
    if (!(await dialog.innerText()).includes('needs review')) throw new Error('no needs-review warning');
    await page.screenshot({ path: path.join(shots, 'panel-3-fix-confirm.png') });
    await dialog.locator('.monaco-button', { hasText: 'Apply' }).click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'USER node' }).waitFor({ timeout: 20000 });
    await page.keyboard.press('Control+S');
    await fileBecomes(path.join(workspace, 'Dockerfile'), (t) => t.includes('USER node'));
  });

  await check('attest a requirement from the tree: item, owner, link, date and expiry typed in, written to .kamae/attestations.yaml', page, async () => {
    // Collapse group (1) so that (4) is in view (the list only renders the rows it shows).
    await row(page, '(1) Secure design').click();
    await row(page, '(1)-2 Secure build').waitFor({ state: 'detached', timeout: 10000 });
    await row(page, '(4) Developing people').click();
    const req = row(page, '(4)-1 ');
    await req.waitFor({ timeout: 20000 });
    await req.hover();
    await req.locator('.action-label[aria-label="Attest…"]').click();
    await answer(page, 'A1 Executives own', undefined, 'panel-4-attest-item.png');
    await answer(page, 'Who vouches for this?', 'CISO <ciso@example.com>', 'panel-5-attest-owner.png');
    await answer(page, 'Choose a repository file', 'link');
    await answer(page, 'A link to the evidence', 'https://intranet.example/board/minutes-2026');
    await answer(page, 'The date of the statement', ymd(today));
    await answer(page, '2 years', undefined, 'panel-6-attest-expiry.png');
    const next = new Date(today);
    next.setFullYear(next.getFullYear() + 1);
    const file = path.join(workspace, '.kamae/attestations.yaml');
    const text = await fileBecomes(file, (t) => t.includes('owner: "CISO <ciso@example.com>"'));
    const entry = `  - requirement: "4-1"\n    item: A1\n    owner: "CISO <ciso@example.com>"\n    evidence: "https://intranet.example/board/minutes-2026"\n    date: ${ymd(today)}\n    expires: ${ymd(next)}\n`;
    if (!text.endsWith(`attestations:\n${entry}`)) throw new Error(`attestations file:\n${text}`);
    await page.locator('.pane-body .monaco-list-row', { hasText: '(4)-1 ' }).filter({ hasText: 'Attested' }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'panel-7-attested.png') });
  });

  await check('export the self-assessment as HTML through the save dialog (path typed in)', page, async () => {
    const target = path.join(workspace, 'kamae-self-assessment.html');
    await runCommand(page, 'Kamae: Export Self-Assessment Report');
    await answer(page, 'a self-contained page', 'HTML');
    // The simple save dialog lists the folder (its subfolders and .html files); the path is typed in.
    await answer(page, '.github', target);
    const html = await fileBecomes(target, (t) => t.includes('</html>'));
    if (!html.startsWith('<!DOCTYPE html>\n<html lang="en">')) throw new Error('not the English HTML report');
    if (!/<article id="req-4-1">[^]*?<span class="state attested">Attested<\/span>/.test(html)) throw new Error('the attested requirement is not attested in the report');
    await page.locator('.notifications-toasts', { hasText: 'Saved the self-assessment' }).waitFor({ timeout: 20000 });
    await page.screenshot({ path: path.join(shots, 'panel-8-exported.png') });
  });

  await check('kamae.language=ja: the panel, the dashboard and the exported report in Japanese', page, async () => {
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), '{ "kamae.language": "ja" }\n');
    await row(page, '経済産業省/NCO の要求事項群').waitFor({ timeout: 30000 });
    await row(page, '証明済み').waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'panel-9-ja-tree.png') });
    await runCommand(page, 'Kamae: Open Dashboard');
    await dashboard(page).locator('h2', { hasText: '要求事項群ごとの状態' }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'panel-10-ja-dashboard.png') });
    const target = path.join(workspace, 'kamae-self-assessment.md');
    await runCommand(page, 'Kamae: Export Self-Assessment Report');
    await answer(page, 'Markdown', 'Markdown');
    await answer(page, '.github', target);
    const md = await fileBecomes(target, (t) => t.includes('## '));
    if (!md.startsWith('# セキュア・バイ・デザイン自己評価: ')) throw new Error(`report starts ${md.slice(0, 80)}`);
  });
});
