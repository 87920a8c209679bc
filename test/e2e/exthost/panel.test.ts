// The compliance panel inside a real extension host: the Kamae view's tree for the fixture
// repository (through the extension's exported API), its filters and guideline views, the dashboard
// model, attestations read back into the tree, kamae.language, and "go to the most severe finding".
// Waits are on the extension's own events.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KamaeExtensionApi } from '../../../client/src/extension';
import type { PanelSnapshotNode } from '../../../client/src/panel/tree';

const root = () => vscode.workspace.workspaceFolders![0]!;
const find = (nodes: readonly PanelSnapshotNode[] | undefined, label: RegExp): PanelSnapshotNode | undefined => nodes?.find((n) => label.test(n.label));
const labels = (nodes: readonly PanelSnapshotNode[] | undefined) => (nodes ?? []).map((n) => n.label);

/** Resolves once the panel's tree satisfies `accept`, re-checked whenever the panel changes. */
async function tree(api: KamaeExtensionApi, accept: (t: PanelSnapshotNode[]) => boolean, what: string, timeoutMs = 60000): Promise<PanelSnapshotNode[]> {
  let last: PanelSnapshotNode[] = await api.panel.snapshot();
  if (accept(last)) return last;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; tree: ${JSON.stringify(last).slice(0, 2000)}`));
    }, timeoutMs);
    const sub = api.panel.onDidChange(async () => {
      last = await api.panel.snapshot();
      if (!accept(last)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(last);
    });
  });
}

describe('the Kamae compliance panel', function () {
  this.timeout(120000);
  let api: KamaeExtensionApi;

  before(async () => {
    api = await vscode.extensions.getExtension<KamaeExtensionApi>('kamae.kamae')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.kamae');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('kamae.filterShowAll');
    await vscode.commands.executeCommand('kamae.filterSeverity', 'all');
    await vscode.commands.executeCommand('kamae.switchView', 'meti');
  });

  it('shows repository -> METI/NCO groups -> requirements with states -> rules -> findings', async () => {
    const t = await tree(api, (t) => (t[0]?.children?.length ?? 0) === 6, 'six groups');
    assert.equal(t.length, 1);
    const repo = t[0]!;
    assert.equal(repo.label, root().name);
    assert.equal(repo.description, 'METI/NCO requirement groups');
    assert.equal(repo.contextValue, 'kamae.repository');
    assert.deepEqual(labels(repo.children).map((l) => l.slice(0, 3)), ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']);
    const g1 = repo.children![0]!;
    assert.equal(g1.description, '0/4 met · 2 failing · 2 to attest');
    const q12 = find(g1.children, /^\(1\)-2 /)!;
    assert.deepEqual([q12.description, q12.icon, q12.contextValue], ['Partly met', 'warning', 'kamae.requirement.attestable']);
    const injection = q12.children!.find((n) => n.description?.endsWith('github-actions/template-injection'))!;
    assert.match(injection.description!, /^fail · 1 finding · /);
    assert.equal(injection.icon, 'error');
    const [finding] = injection.children!;
    assert.match(finding!.label, /github\.event\.pull_request\.title/);
    assert.equal(finding!.description, 'critical · .github/workflows/ci.yml:11');
    // A requirement no file can show: its open attestation items are listed under it.
    const q41 = find(repo.children![3]!.children, /^\(4\)-1 /)!;
    assert.equal(q41.description, 'Needs attestation');
    assert.ok(q41.children!.some((n) => n.contextValue === 'kamae.item' && n.description === 'not attested'));
    // Repository-level findings open on the anchor file (package.json: the fixture has no README).
    const q31 = find(repo.children![2]!.children, /^\(3\)-1 /)!;
    const policy = q31.children!.find((n) => n.description?.endsWith('repo/missing-security-policy'))!;
    assert.match(policy.children![0]!.description!, / · package\.json$/);
  });

  it('filters: failing only hides met, not applicable and attested; a severity hides what only lower findings failed', async () => {
    await vscode.commands.executeCommand('kamae.filterFailingOnly');
    const failing = await tree(api, (t) => api.panel.filters().failingOnly && !JSON.stringify(t).includes('"Not applicable"'), 'failing only');
    const states = new Set(failing[0]!.children!.flatMap((g) => g.children!.map((q) => q.description)));
    assert.deepEqual([...states].sort(), ['Needs attestation', 'Not met', 'Partly met']);
    await vscode.commands.executeCommand('kamae.filterShowAll');
    await vscode.commands.executeCommand('kamae.filterSeverity', 'critical');
    const critical = await tree(api, () => api.panel.filters().minSeverity === 'critical', 'critical only');
    const all = JSON.stringify(critical);
    assert.ok(all.includes('github-actions/template-injection'));
    assert.ok(!all.includes('docker/root-user'), 'high findings are filtered out');
    assert.ok(!/\(3\)-1 /.test(all), '(3)-1 failed only through a lower-severity finding');
    assert.ok(/\(4\)-1 /.test(all), 'requirements without findings stay');
  });

  it('switches to NIST SSDF practices and OSPS Baseline families', async () => {
    await vscode.commands.executeCommand('kamae.switchView', 'ssdf');
    const ssdf = await tree(api, (t) => t[0]?.description === 'NIST SSDF practices' && (t[0].children?.length ?? 0) > 3, 'the SSDF view');
    assert.ok(labels(ssdf[0]!.children).every((l) => /^(PO|PS|PW|RV)\.\d+ /.test(l)), JSON.stringify(labels(ssdf[0]!.children)));
    await vscode.commands.executeCommand('kamae.switchView', 'osps');
    const osps = await tree(api, (t) => t[0]?.description === 'OSPS Baseline families', 'the OSPS view');
    assert.ok(labels(osps[0]!.children).every((l) => /^OSPS-[A-Z]{2} /.test(l)));
  });

  it('opens the dashboard: states per group, the most severe findings with their fixes', async () => {
    const rendered = new Promise<void>((resolve) => {
      const sub = api.panel.onDashboardRender(() => {
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('kamae.openDashboard', root().uri.toString());
    await rendered;
    const m = api.panel.dashboard(root())!;
    assert.equal(m.groups.length, 6);
    assert.equal(m.findings[0]!.ruleId, 'github-actions/template-injection');
    assert.equal(m.findings[0]!.severity, 'critical');
    assert.ok(m.findings.some((f) => f.ruleId === 'docker/root-user' && f.fixes.some((x) => x.needsReview)));
    assert.ok(m.findings.length <= 10);
    assert.deepEqual(m.attestations, []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('reads a new attestation into the tree, and lists it on the dashboard when it is about to expire', async () => {
    const file = vscode.Uri.joinPath(root().uri, '.kamae', 'attestations.yaml');
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`attestations:\n  - requirement: "4-1"\n    item: A1\n    owner: "CISO"\n    evidence: https://intranet.example/board\n    date: 2026-01-01\n    expires: ${soon}\n`));
    try {
      const t = await tree(api, (t) => JSON.stringify(t).includes('A1 attested by CISO'), 'the attestation in the tree');
      const q41 = find(t[0]!.children![3]!.children, /^\(4\)-1 /)!;
      assert.equal(q41.description, 'Attested');
      assert.deepEqual(q41.children!.map((n) => [n.label, n.description]), [['A1 attested by CISO', `valid until ${soon}`]]);
      // Expiring within 30 days: the dashboard lists it.
      const rendered = new Promise<void>((resolve) => {
        const sub = api.panel.onDashboardRender((m) => {
          if (m.attestations.length === 0) return;
          sub.dispose();
          resolve();
        });
      });
      await vscode.commands.executeCommand('kamae.openDashboard', root().uri.toString());
      await rendered;
      const [a] = api.panel.dashboard(root())!.attestations;
      assert.deepEqual([a!.label, a!.owner, a!.expired, a!.days], ['A1 (requirement 4-1)', 'CISO', false, 10]);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root().uri, '.kamae'), { recursive: true });
    }
    await tree(api, (t) => !JSON.stringify(t).includes('A1 attested by CISO'), 'the attestation gone');
  });

  it('follows kamae.language: Japanese panel in an English VS Code, and back', async () => {
    const config = vscode.workspace.getConfiguration('kamae');
    await config.update('language', 'ja', vscode.ConfigurationTarget.Workspace);
    try {
      const ja = await tree(api, (t) => t[0]?.description === '経済産業省/NCO の要求事項群', 'the Japanese panel');
      assert.equal(api.language(), 'ja');
      const g1 = ja[0]!.children![0]!;
      assert.match(g1.label, /^\(1\) [^A-Za-z]*設計/);
      assert.equal(find(g1.children, /^\(1\)-2 /)!.description, '一部充足');
      // The server speaks Japanese too.
      const ds = await new Promise<vscode.Diagnostic[]>((resolve) => {
        const uri = vscode.Uri.joinPath(root().uri, 'Dockerfile');
        const check = () => {
          const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'kamae');
          if (d.some((x) => /root で実行されます/.test(x.message))) {
            sub.dispose();
            resolve(d);
          }
        };
        const sub = vscode.languages.onDidChangeDiagnostics(check);
        check();
      });
      assert.ok(ds.length > 0);
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await tree(api, (t) => t[0]?.description === 'METI/NCO requirement groups', 'the English panel again');
  });

  it('goes to the most severe finding (the walkthrough step)', async () => {
    await vscode.commands.executeCommand('kamae.openTopFinding', root().uri.toString());
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /\.github\/workflows\/ci\.yml$/);
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [10, 30]);
  });
});
