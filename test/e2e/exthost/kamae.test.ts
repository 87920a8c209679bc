// White-box tests inside a real VS Code extension host (code-server here, @vscode/test-electron
// elsewhere): activation, diagnostics, code actions, commands and settings through the vscode API.
// The workspace is a throwaway copy of test/fixtures/e2e-repo. Waits are on VS Code events.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KamaeExtensionApi } from '../../../client/src/extension';

const EXTENSION_ID = 'kamae.kamae';
const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const kamae = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kamae');
const summary = (ds: readonly vscode.Diagnostic[]) => ds.map((d) => `${codeOf(d)}@${d.range.start.line}`).sort();
/** Every one of `codes` (`rule` or `rule@line`) is among the diagnostics. Other rules may report too. */
const hasAll = (ds: readonly vscode.Diagnostic[], ...codes: string[]) => codes.every((c) => summary(ds).some((s) => s === c || s.startsWith(`${c}@`)));
const hasNone = (ds: readonly vscode.Diagnostic[], ...codes: string[]) => !codes.some((c) => hasAll(ds, c));

/** Resolves once Kamae's diagnostics for `uri` satisfy `accept`, checked on every diagnostics change. */
function diagnostics(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 60000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = kamae(uri);
      if (!accept(ds)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have ${JSON.stringify(summary(kamae(uri)))}`));
    }, timeoutMs);
    check();
  });
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
}

describe('Kamae in the VS Code extension host', function () {
  this.timeout(120000);
  let api: KamaeExtensionApi;

  it('activates on the workspace contents and exports its API', async () => {
    const ext = vscode.extensions.getExtension<KamaeExtensionApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal(typeof api.statusText, 'function');
  });

  it('publishes diagnostics for the workflow, the Dockerfile and package.json without opening them', async () => {
    const wf = await diagnostics(file('.github/workflows/ci.yml'), (ds) => hasAll(ds, 'github-actions/missing-permissions@1', 'github-actions/missing-permissions@5', 'github-actions/template-injection@10', 'github-actions/unpinned-action-ref@8'), 'workflow diagnostics');
    const injection = wf.find((d) => codeOf(d) === 'github-actions/template-injection')!;
    assert.equal(injection.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(typeof injection.code === 'object' ? injection.code.target.toString() : '', 'https://github.com/kamae-project/kamae/blob/main/docs/rules/github-actions/template-injection.md');
    await diagnostics(file('Dockerfile'), (ds) => hasAll(ds, 'docker/latest-base-image@0', 'docker/root-user@0'), 'Dockerfile diagnostics');
    // Repository-level findings, anchored on package.json (the fixture has no README).
    await diagnostics(file('package.json'), (ds) => hasAll(ds, 'dependency-updates/missing-update-config@0', 'repo/missing-license@0', 'repo/missing-security-policy@0'), 'package.json diagnostics');
  });

  it('shows the repository state in the status bar', async () => {
    const wanted = /^\$\(warning\) Kamae: [1-9]\d* critical, [1-9]\d* high$/;
    if (!wanted.test(api.statusText())) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`status is "${api.statusText()}"`)), 30000);
        const sub = api.onStatusChange((text) => {
          if (!wanted.test(text)) return;
          clearTimeout(timer);
          sub.dispose();
          resolve();
        });
      });
    }
  });

  it('offers the rule fix as a code action, and applying it fixes the finding', async () => {
    const uri = file('Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const root = (await diagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'docker/root-user'), 'root-user')).find((d) => codeOf(d) === 'docker/root-user')!;
    const actions = await codeActions(uri, root.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Suppress docker/root-user with a reason…'), JSON.stringify(titles));
    const fix = actions.find((a) => a.title === 'Add `USER node` to the final stage (needs review)');
    assert.ok(fix?.edit, JSON.stringify(titles));
    assert.equal(fix.kind?.value, 'quickfix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), 'FROM node:latest\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
    await diagnostics(uri, (ds) => hasNone(ds, 'docker/root-user'), 'root-user to go');
    // Back to the file on disk for the next tests.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnostics(uri, (ds) => hasAll(ds, 'docker/root-user'), 'root-user to return');
  });

  it('suppresses with a reason through the command the quick fix runs', async () => {
    const uri = file('Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    const latest = kamae(uri).find((d) => codeOf(d) === 'docker/latest-base-image')!;
    const suppress = (await codeActions(uri, latest.range)).find((a) => a.title === 'Suppress docker/latest-base-image with a reason…');
    assert.equal(suppress?.command?.command, 'kamae.suppressWithReason');
    // The client command would ask for the reason in an input box; pass it to the server command directly.
    const target: unknown = suppress.command.arguments?.[0];
    await vscode.commands.executeCommand('kamae.applySuppression', target, 'rebuilt nightly by the platform team');
    await diagnostics(uri, (ds) => hasAll(ds, 'docker/root-user@1') && hasNone(ds, 'docker/latest-base-image'), 'the suppression to apply');
    assert.equal(doc.getText().split('\n')[0], '# kamae-ignore docker/latest-base-image: rebuilt nightly by the platform team');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnostics(uri, (ds) => hasAll(ds, 'docker/root-user@0', 'docker/latest-base-image@0'), 'the original findings');
  });

  it('follows a new file on disk and fixes all its safe problems (source.fixAll.kamae)', async () => {
    const uri = file('package-lock.json');
    const lock = JSON.stringify({ name: 'e2e-repo', lockfileVersion: 3, packages: { '': { name: 'e2e-repo' }, 'node_modules/a': { version: '1.0.0', resolved: 'http://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-FAKE' }, 'node_modules/b': { version: '1.0.0', resolved: 'http://registry.npmjs.org/b/-/b-1.0.0.tgz', integrity: 'sha512-FAKE' } } }, null, 2);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lock));
    await diagnostics(uri, (ds) => ds.filter((d) => codeOf(d) === 'npm/lockfile-insecure-url').length === 2, 'lockfile diagnostics after the file watcher event');
    const doc = await vscode.workspace.openTextDocument(uri);
    // Opening the file sends didOpen, which the server analyses after its debounce; right after a
    // file-system create the first request can see the folder mid-update, so ask until it answers
    // (bounded). Seen once in CI; the protocol tests cover the server's answer deterministically.
    let actions: vscode.CodeAction[] = [];
    for (const deadline = Date.now() + 15000; Date.now() < deadline; ) {
      actions = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kamae');
      if (actions.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(actions.map((a) => a.title), ['Fix all safe Kamae problems in this file']);
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    assert.equal(doc.getText(), lock.replaceAll('http://', 'https://'));
    await diagnostics(uri, (ds) => hasNone(ds, 'npm/lockfile-insecure-url'), 'the insecure URLs to go');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.workspace.fs.delete(uri);
    await diagnostics(uri, (ds) => ds.length === 0, 'the deleted lockfile to be cleared');
  });

  it('creates a missing file from its template by command, filled from the repository', async () => {
    const created = await vscode.commands.executeCommand<string[]>('kamae.createFromTemplate', { folder: root().toString(), paths: ['SUPPORT.md'] });
    assert.deepEqual(created, ['SUPPORT.md']);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('SUPPORT.md')));
    assert.match(text, /^# Support \/ サポート/);
    // Asked again, the template is no longer offered: the file exists.
    assert.deepEqual(await vscode.commands.executeCommand<string[]>('kamae.createFromTemplate', { folder: root().toString(), paths: ['SUPPORT.md'] }), []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(file('SUPPORT.md'));
  });

  it('applies the kamae.severityOverrides setting', async () => {
    const config = vscode.workspace.getConfiguration('kamae');
    await config.update('severityOverrides', { 'docker/latest-base-image': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnostics(file('Dockerfile'), (ds) => hasAll(ds, 'docker/root-user@0') && hasNone(ds, 'docker/latest-base-image'), 'latest-base-image to be turned off');
    } finally {
      await config.update('severityOverrides', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnostics(file('Dockerfile'), (ds) => hasAll(ds, 'docker/latest-base-image'), 'latest-base-image to return');
  });

  it('shows the report as a read-only document, and rescans on command', async () => {
    await vscode.commands.executeCommand('kamae.showReport');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'kamae-report');
    assert.match(editor.document.getText(), /github\.event\.pull_request\.title is controlled/);
    await vscode.commands.executeCommand('kamae.rescan');
    await diagnostics(file('Dockerfile'), (ds) => hasAll(ds, 'docker/root-user', 'docker/latest-base-image'), 'diagnostics after the rescan');
  });
});
