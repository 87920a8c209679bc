// The language server over its real protocol: dist/server.js --stdio in a child process, spoken to
// with vscode-languageserver-protocol as an editor would. Every wait is on a message, with a timeout.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeActionRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeRepo, buildAssessment, type RepoReport } from '../server/src/engine';
import { diskSource } from '../server/src/node/diskSource';
import { CATALOG, RULE_METAS, today, VERSION } from '../server/src/node/product';
import { pathToUri } from '../server/src/lsp/uri';
import { ApplySuppressionCommand, AssessmentRequest, AttestationEditRequest, ExportAssessmentRequest, FIX_ALL_KIND, TemplatesRequest, RenderReportRequest, RepoReportRequest, RuleListRequest, SuppressWithReasonCommand, type AssessmentResponse, type KamaeDiagnosticData, type SuppressionTarget } from '../server/src/protocol';
import { LspClient, ROOT } from './helpers/lspClient';

const E2E_REPO = path.join(ROOT, 'test/fixtures/e2e-repo');
const LOCKFILE = JSON.stringify(
  {
    name: 'demo',
    lockfileVersion: 3,
    packages: {
      '': { name: 'demo' },
      'node_modules/a': { version: '1.0.0', resolved: 'http://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-FAKEFAKEFAKE' },
      'node_modules/b': { version: '2.0.0', resolved: 'http://registry.npmjs.org/b/-/b-2.0.0.tgz', integrity: 'sha512-FAKEFAKEFAKE' },
    },
  },
  null,
  2,
);

/** A throwaway copy of a fixture repository plus extra files, on disk (the server reads disk). */
function makeRepo(extra: Record<string, string> = {}, from = E2E_REPO): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-lsp-'));
  fs.cpSync(from, dir, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
const uriOf = (dir: string, rel: string) => pathToUri(path.join(dir, ...rel.split('/')));
const folder = (dir: string) => ({ uri: pathToUri(dir), name: path.basename(dir) });
const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${String(d.code ?? '-')}@${d.range.start.line}`).sort();
/** True when a publish has a diagnostic of `rule`, or of `rule@line`. */
const has = (p: { diagnostics: readonly Diagnostic[] }, code: string) => codes(p.diagnostics).some((c) => c === code || c.startsWith(`${code}@`));

/**
 * What the engine itself reports for a folder on disk, as `rule@line` per shown path (repository-level
 * findings on the anchor): the language server must publish exactly this. Comparing with the engine,
 * rather than with a fixed list, keeps these tests about the adapter while the rule catalogue grows.
 */
async function engineCodes(dir: string): Promise<Map<string, string[]>> {
  const report = await analyzeRepo(diskSource(dir), CATALOG, { toolVersion: VERSION, today: today() });
  const out = new Map<string, string[]>();
  for (const f of report.findings) {
    if (f.suppression) continue;
    const at = f.path ?? report.anchor!;
    out.set(at, [...(out.get(at) ?? []), `${f.ruleId}@${f.range?.start.line ?? 0}`].sort());
  }
  return out;
}
const dataOf = (d: Diagnostic) => d.data as KamaeDiagnosticData;

/** Applies a WorkspaceEdit's edits for `uri` to `text`, as an editor would. */
function applyTo(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  const edits = (edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri).flatMap((c) => c.edits);
  const plain = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'text', 0, text), [...edits, ...plain] as never);
}

describe('language server (stdio, real protocol)', function () {
  this.timeout(30000);
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  const start = () => {
    const c = LspClient.start();
    clients.push(c);
    return c;
  };
  const repo = (extra?: Record<string, string>, from?: string) => {
    const d = makeRepo(extra, from);
    dirs.push(d);
    return d;
  };
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('a workspace on disk', () => {
    let client: LspClient;
    let dir: string;
    before(async () => {
      dir = repo({ 'package-lock.json': LOCKFILE, '.github/workflows/broken.yml': 'on: [push\njobs:\n  a: 1\n' });
      client = start();
      const init = await client.initialize([folder(dir)]);
      assert.equal(init.serverInfo?.name, 'kamae');
      assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false });
    });

    it('registers a file watcher for the whole workspace', async () => {
      const reg = await client.waitFor('watcher registration', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
      assert.deepEqual(reg.registerOptions, { watchers: [{ globPattern: '**/*' }] });
    });

    it('publishes diagnostics for every unopened file with findings', async () => {
      const expected = await engineCodes(dir);
      for (const rel of ['.github/workflows/ci.yml', 'Dockerfile', 'package-lock.json', 'package.json']) {
        const p = await client.diagnosticsFor(uriOf(dir, rel));
        assert.deepEqual(codes(p.diagnostics), expected.get(rel), rel);
      }
      const wf = client.diagnostics.get(uriOf(dir, '.github/workflows/ci.yml'))!;
      for (const c of ['github-actions/missing-permissions@1', 'github-actions/missing-permissions@5', 'github-actions/template-injection@10', 'github-actions/unpinned-action-ref@8']) assert.ok(has(wf, c), c);
      const docker = client.diagnostics.get(uriOf(dir, 'Dockerfile'))!;
      for (const c of ['docker/latest-base-image@0', 'docker/root-user@0']) assert.ok(has(docker, c), c);
      const lock = client.diagnostics.get(uriOf(dir, 'package-lock.json'))!;
      assert.deepEqual(codes(lock.diagnostics).filter((c) => c.startsWith('npm/lockfile-insecure-url')), ['npm/lockfile-insecure-url@14', 'npm/lockfile-insecure-url@9']);
    });

    it('carries the rule id, documentation link, severity, message and fixes', async () => {
      const wf = await client.diagnosticsFor(uriOf(dir, '.github/workflows/ci.yml'));
      const injection = wf.diagnostics.find((d) => d.code === 'github-actions/template-injection')!;
      assert.equal(injection.source, 'kamae');
      assert.equal(injection.severity, 1, 'critical -> Error');
      assert.equal(injection.codeDescription?.href, 'https://github.com/kamae-project/kamae/blob/main/docs/rules/github-actions/template-injection.md');
      assert.match(msg(injection), /github\.event\.pull_request\.title/);
      assert.deepEqual(injection.range, { start: { line: 10, character: 30 }, end: { line: 10, character: 68 } });
      const data = dataOf(injection);
      assert.deepEqual({ folder: data.folder, ruleId: data.ruleId, path: data.path, kind: data.kind, line: data.line, version: data.version, suppressible: data.suppressible }, { folder: pathToUri(dir), ruleId: 'github-actions/template-injection', path: '.github/workflows/ci.yml', kind: 'github-workflow', line: 10, version: null, suppressible: true });
      assert.equal(data.fixes[0]?.safety, 'needs-review');
      const perms = wf.diagnostics.find((d) => d.code === 'github-actions/missing-permissions' && d.range.start.line === 1)!;
      assert.equal(perms.severity, 2, 'medium -> Warning');
    });

    it('anchors repository-level findings to an editable file (package.json when there is no README)', async () => {
      const pkg = await client.diagnosticsFor(uriOf(dir, 'package.json'));
      for (const c of ['dependency-updates/missing-update-config@0', 'repo/missing-license@0', 'repo/missing-security-policy@0']) assert.ok(has(pkg, c), c);
      const policy = pkg.diagnostics.find((d) => d.code === 'repo/missing-security-policy')!;
      assert.deepEqual(policy.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, 'the first line of the anchor file');
      assert.equal(dataOf(policy).path, undefined, 'a repository-level finding has no path');
      // Its fix creates SECURITY.md: a CreateFile followed by the content.
      const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(dir, 'package.json') }, range: policy.range, context: { diagnostics: [policy] } });
      const create = (actions as CodeAction[]).find((a) => a.title.startsWith('Create SECURITY.md'))!;
      assert.ok(create, JSON.stringify((actions as CodeAction[]).map((a) => a.title)));
      assert.match(create.title, /\(needs review\)$/);
      const changes = create.edit!.documentChanges!;
      assert.deepEqual(changes[0], { kind: 'create', uri: uriOf(dir, 'SECURITY.md'), options: { overwrite: false, ignoreIfExists: false } });
      assert.match(((changes[1] as TextDocumentEdit).edits[0] as { newText: string }).newText, /vulnerab/i);
    });

    it('reports files it could not evaluate, at the syntax error', async () => {
      const broken = await client.diagnosticsFor(uriOf(dir, '.github/workflows/broken.yml'));
      assert.equal(broken.diagnostics.length, 1);
      const d = broken.diagnostics[0]!;
      assert.equal(d.code, undefined);
      assert.equal(d.severity, 2);
      assert.match(msg(d), /^Kamae could not check this file: YAML syntax error at line \d+/);
    });

    it('answers kamae/repoReport with the same findings it publishes', async () => {
      const report = (await client.connection.sendRequest(RepoReportRequest.type, { uri: pathToUri(dir) })) as RepoReport;
      assert.equal(report.tool.name, 'kamae');
      assert.equal(report.anchor, 'package.json');
      const docker = report.findings.filter((f) => f.path === 'Dockerfile').map((f) => `${f.ruleId}@${f.range!.start.line}`).sort();
      assert.deepEqual(docker, codes(client.diagnostics.get(uriOf(dir, 'Dockerfile'))!.diagnostics));
      const text = await client.connection.sendRequest(RenderReportRequest.type, { uri: pathToUri(dir), format: 'text' });
      assert.match(text ?? '', /docker\/root-user/);
      const rules = await client.connection.sendRequest(RuleListRequest.type, {});
      assert.ok(rules.some((r) => r.id === 'docker/root-user' && r.doc === 'docs/rules/docker/root-user.md' && fs.existsSync(path.join(ROOT, r.doc))));
      assert.ok(client.reports.some((r) => r.uri === pathToUri(dir) && r.state === 'ready' && (r.summary?.bySeverity.critical ?? 0) >= 1));
    });

    it('follows edits of an open document, publishing for the version it analysed', async () => {
      const uri = uriOf(dir, '.github/workflows/ci.yml');
      const text = fs.readFileSync(path.join(dir, '.github/workflows/ci.yml'), 'utf8');
      const initial = codes(client.diagnostics.get(uri)!.diagnostics);
      const before = client.publishes.length;
      await client.open(uri, text, 'yaml', 1);
      // Insert top-level permissions above `jobs:` (line 4): both missing-permissions findings go.
      await client.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'permissions:\n  contents: read\n' }]);
      const edited = await client.nextPublish(uri, (p) => p.version === 2);
      assert.ok(!has(edited, 'github-actions/missing-permissions') && has(edited, 'github-actions/template-injection@12') && has(edited, 'github-actions/unpinned-action-ref@10'), JSON.stringify(codes(edited.diagnostics)));
      assert.equal(dataOf(edited.diagnostics[0]!).version, 2, 'fixes are tied to the version they were computed for');
      // Opening a file whose text is on disk changed nothing, so nothing was republished for it.
      assert.deepEqual(client.publishes.slice(before).filter((p) => p.uri === uri).map((p) => p.version), [2]);
      // Break the YAML: the file is reported as not evaluated, nothing crashes; then repair it.
      await client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x: [\n' }]);
      const broken = await client.nextPublish(uri, (p) => p.version === 3);
      assert.match(msg(broken.diagnostics[0]!), /YAML syntax error/);
      await client.change(uri, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
      await client.nextPublish(uri, (p) => p.version === 4 && codes(p.diagnostics).join() === codes(edited.diagnostics).join());
      // Closing the buffer falls back to the file on disk, which still lacks permissions.
      await client.close(uri);
      await client.diagnosticsFor(uri, (p) => codes(p.diagnostics).join() === initial.join());
    });

    it('offers the rule fix, labelled needs-review, whose edit fixes the text', async () => {
      const uri = uriOf(dir, 'Dockerfile');
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      const root = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'docker/root-user')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: root.range, context: { diagnostics: [root] } })) as CodeAction[];
      const fix = actions.find((a) => a.title === 'Add `USER node` to the final stage (needs review)');
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.isPreferred, undefined, 'needs-review fixes are not preferred');
      assert.equal(applyTo(text, fix.edit, uri), 'FROM node:latest\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
    });

    it('fixes all safe problems of a file (source.fixAll.kamae), from the current text', async () => {
      const uri = uriOf(dir, 'package-lock.json');
      await client.open(uri, LOCKFILE, 'json', 1);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
      assert.deepEqual(actions.map((a) => [a.kind, a.title]), [[FIX_ALL_KIND, 'Fix all safe Kamae problems in this file']]);
      const after = applyTo(LOCKFILE, actions[0]!.edit, uri);
      assert.equal(after, LOCKFILE.replaceAll('http://registry', 'https://registry'));
      const versioned = actions[0]!.edit!.documentChanges![0] as TextDocumentEdit;
      assert.equal(versioned.textDocument.version, 1, 'the edit is tied to the version of the text it was computed from');
      // Single quick fixes of a safe rule are preferred.
      const diag = client.diagnostics.get(uri)!.diagnostics[0]!;
      const quick = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
      assert.equal(quick.find((a) => a.title.startsWith('Use https'))?.isPreferred, true, JSON.stringify(quick.map((a) => a.title)));
      await client.close(uri);
    });

    it('suppresses with a placeholder reason that the engine flags until it is replaced', async () => {
      const uri = uriOf(dir, 'Dockerfile');
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      await client.open(uri, text, 'dockerfile', 1);
      const latest = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'docker/latest-base-image')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: latest.range, context: { diagnostics: [latest], only: ['quickfix'] } })) as CodeAction[];
      const suppress = actions.find((a) => a.title.startsWith('Suppress docker/latest-base-image'))!;
      assert.ok(suppress, JSON.stringify(actions.map((a) => a.title)));
      const withPlaceholder = applyTo(text, suppress.edit, uri);
      assert.equal(withPlaceholder.split('\n')[0], '# kamae-ignore docker/latest-base-image: <why this is acceptable>');
      await client.change(uri, 2, [{ text: withPlaceholder }]);
      const flagged = await client.nextPublish(uri, (p) => p.version === 2);
      for (const c of ['docker/latest-base-image@1', 'docker/root-user@1', 'kamae/invalid-suppression@0']) assert.ok(has(flagged, c), c);
      assert.equal(dataOf(flagged.diagnostics.find((d) => d.code === 'kamae/invalid-suppression')!).suppressible, false);
      await client.change(uri, 3, [{ text: withPlaceholder.replace('<why this is acceptable>', 'pinned by the base-image pipeline') }]);
      const done = await client.nextPublish(uri, (p) => p.version === 3);
      assert.ok(!has(done, 'docker/latest-base-image') && !has(done, 'kamae/invalid-suppression') && has(done, 'docker/root-user@1'), JSON.stringify(codes(done.diagnostics)));
      await client.change(uri, 4, [{ text }]);
      await client.nextPublish(uri, (p) => p.version === 4);
    });

    it('suppresses with the reason a prompting client supplies (kamae.applySuppression)', async () => {
      const uri = uriOf(dir, 'Dockerfile');
      const root = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'docker/root-user')!;
      const data = dataOf(root);
      const target: SuppressionTarget = { folder: data.folder, ruleId: data.ruleId, path: data.path!, kind: data.kind!, line: data.line!, version: data.version! };
      const from = client.appliedEdits.length;
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ApplySuppressionCommand, arguments: [target, 'the image only runs batch jobs\nin a sandbox'] });
      assert.deepEqual(result, { applied: true });
      const applied = client.appliedEdits[from]!;
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'); // the open buffer holds the same text
      assert.equal(applyTo(text, applied.edit, uri).split('\n')[0], '# kamae-ignore docker/root-user: the image only runs batch jobs in a sandbox');
      // An empty or placeholder reason is refused.
      assert.equal(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ApplySuppressionCommand, arguments: [target, '<why this is acceptable>'] }), null);
      await client.close(uri);
    });

    it('writes JSON suppressions into .kamae.yaml (creating it)', async () => {
      const uri = uriOf(dir, 'package-lock.json');
      const diag = (await client.diagnosticsFor(uri)).diagnostics.find((d) => d.code === 'npm/lockfile-insecure-url')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
      const suppress = actions.find((a) => a.title.startsWith('Suppress npm/lockfile-insecure-url'))!;
      const changes = suppress.edit!.documentChanges!;
      assert.deepEqual(changes[0], { kind: 'create', uri: uriOf(dir, '.kamae.yaml'), options: { overwrite: false, ignoreIfExists: false } });
      assert.equal(((changes[1] as TextDocumentEdit).edits[0] as { newText: string }).newText, 'suppressions:\n  - rule: npm/lockfile-insecure-url\n    paths: ["package-lock.json"]\n    reason: "<why this is acceptable>"\n');
    });

    it('follows files created, changed and deleted on disk (didChangeWatchedFiles)', async () => {
      const rel = 'svc/Dockerfile';
      const uri = uriOf(dir, rel);
      fs.mkdirSync(path.join(dir, 'svc'));
      fs.writeFileSync(path.join(dir, rel), 'FROM alpine\n');
      await client.filesChanged([{ uri, type: 1 }]);
      const created = await client.diagnosticsFor(uri);
      assert.ok(has(created, 'docker/latest-base-image@0') && has(created, 'docker/root-user@0'), JSON.stringify(codes(created.diagnostics)));
      fs.writeFileSync(path.join(dir, rel), 'FROM alpine:3.20\nUSER 10001\n');
      await client.filesChanged([{ uri, type: 2 }]);
      await client.diagnosticsFor(uri, (p) => !has(p, 'docker/root-user') && !has(p, 'docker/latest-base-image'));
      fs.writeFileSync(path.join(dir, rel), 'FROM alpine\n');
      await client.filesChanged([{ uri, type: 2 }]);
      await client.diagnosticsFor(uri, (p) => has(p, 'docker/root-user') && has(p, 'docker/latest-base-image'));
      // Deleting the folder arrives as one event for the folder.
      fs.rmSync(path.join(dir, 'svc'), { recursive: true });
      await client.filesChanged([{ uri: uriOf(dir, 'svc'), type: 3 }]);
      await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    });

    it('re-reads .kamae.yaml when it changes', async () => {
      fs.writeFileSync(path.join(dir, '.kamae.yaml'), 'rules:\n  docker/root-user: off\n');
      await client.filesChanged([{ uri: uriOf(dir, '.kamae.yaml'), type: 1 }]);
      await client.diagnosticsFor(uriOf(dir, 'Dockerfile'), (p) => !has(p, 'docker/root-user') && has(p, 'docker/latest-base-image@0'));
      fs.rmSync(path.join(dir, '.kamae.yaml'));
      await client.filesChanged([{ uri: uriOf(dir, '.kamae.yaml'), type: 3 }]);
      await client.diagnosticsFor(uriOf(dir, 'Dockerfile'), (p) => has(p, 'docker/root-user'));
    });

    it('survives binary, huge and malformed documents', async () => {
      const binUri = uriOf(dir, 'deploy/blob.yaml');
      await client.open(binUri, '\u0000\u0001\u0002'.repeat(1000), 'yaml');
      const hugeUri = uriOf(dir, '.github/workflows/huge.yml');
      await client.open(hugeUri, `on: push\njobs:\n${'  j: { runs-on: x }\n'.repeat(20000)}`, 'yaml');
      const badUri = uriOf(dir, 'Dockerfile');
      await client.open(badUri, 'FROM\n\\\n\u0000', 'dockerfile', 7);
      await client.nextPublish(badUri, (p) => p.version === 7);
      const report = (await client.connection.sendRequest(RepoReportRequest.type, { uri: pathToUri(dir) })) as RepoReport;
      assert.ok(report.findings.length > 0, 'the server still answers');
      for (const u of [binUri, hugeUri, badUri]) await client.close(u);
    });
  });

  it('speaks Japanese to a Japanese client', async () => {
    const dir = repo();
    const client = start();
    await client.initialize([folder(dir)], { locale: 'ja-JP' });
    const docker = await client.diagnosticsFor(uriOf(dir, 'Dockerfile'));
    const root = docker.diagnostics.find((d) => d.code === 'docker/root-user')!;
    assert.match(msg(root), /root で実行されます/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(dir, 'Dockerfile') }, range: root.range, context: { diagnostics: [root] } })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === '最終ステージに `USER node` を追加する (要確認)'), JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => a.title.startsWith('docker/root-user を抑制')));
  });

  it('speaks Japanese when kamae.language is ja, whatever the client locale, and back', async () => {
    const dir = repo();
    const client = start();
    client.settings[''] = { language: 'ja' };
    await client.initialize([folder(dir)], { locale: 'en-US' });
    const uri = uriOf(dir, 'Dockerfile');
    const ja = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'docker/root-user'));
    assert.match(msg(ja.diagnostics.find((d) => d.code === 'docker/root-user')!), /root で実行されます/);
    const root = ja.diagnostics.find((d) => d.code === 'docker/root-user')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: root.range, context: { diagnostics: [root] } })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === '最終ステージに `USER node` を追加する (要確認)'), JSON.stringify(actions.map((a) => a.title)));
    client.settings[''] = { language: 'auto' };
    await client.configurationChanged();
    const en = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'docker/root-user' && !/root で/.test(msg(d))));
    assert.doesNotMatch(en.diagnostics.map(msg).join('\n'), /[ぁ-ん]/, 'every message is English again');
  });

  describe('the compliance panel requests', () => {
    let client: LspClient;
    let dir: string;
    const request = (view: 'meti' | 'ssdf' | 'osps', lang: 'en' | 'ja' = 'en') => client.connection.sendRequest(AssessmentRequest.type, { uri: pathToUri(dir), view, lang }) as Promise<AssessmentResponse>;
    before(async () => {
      dir = repo();
      client = start();
      await client.initialize([folder(dir)]);
      await client.diagnosticsFor(uriOf(dir, 'Dockerfile'));
    });

    it('kamae/assessment: the engine\'s self-assessment in the view and language asked for', async () => {
      const a = await request('meti');
      const report = await analyzeRepo(diskSource(dir), CATALOG, { toolVersion: VERSION, today: today() });
      assert.deepEqual(a.assessment, JSON.parse(JSON.stringify(buildAssessment(report, CATALOG, RULE_METAS, { lang: 'en', repository: path.basename(dir), date: today() }))));
      assert.equal(a.folder, pathToUri(dir));
      assert.equal(a.anchor, 'package.json');
      assert.deepEqual(a.assessment.groups.map((g) => g.id), ['1', '2', '3', '4', '5', '6']);
      const ssdf = await request('ssdf', 'ja');
      assert.equal(ssdf.assessment.view, 'ssdf');
      assert.equal(ssdf.assessment.lang, 'ja');
      assert.match(ssdf.assessment.groups[0]!.title, /[ぁ-ん一-龯]/);
      assert.match(ssdf.findings.find((f) => f.ruleId === 'docker/root-user')!.message, /root で実行されます/);
      assert.equal((await request('osps')).assessment.view, 'osps');
      assert.equal(await client.connection.sendRequest(AssessmentRequest.type, { uri: pathToUri(dir), view: 'iso' as never, lang: 'en' }), null, 'an unknown view is refused');
    });

    it('lists every finding most severe first, with fixes as edits ready to apply', async () => {
      const { findings } = await request('meti');
      const order = ['critical', 'high', 'medium', 'low', 'info'];
      assert.deepEqual(findings.map((f) => order.indexOf(f.severity)), [...findings.map((f) => order.indexOf(f.severity))].sort((x, y) => x - y));
      assert.equal(findings[0]!.ruleId, 'github-actions/template-injection');
      assert.deepEqual(findings[0]!.range?.start, { line: 10, character: 30 });
      const root = findings.find((f) => f.ruleId === 'docker/root-user')!;
      const fix = root.fixes[0]!;
      assert.equal(fix.safety, 'needs-review');
      const uri = uriOf(dir, 'Dockerfile');
      assert.equal(applyTo(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), fix.edit, uri), 'FROM node:latest\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
      const policy = findings.find((f) => f.ruleId === 'repo/missing-security-policy')!;
      assert.equal(policy.path, undefined, 'repository-level: shown on the anchor');
      assert.equal((policy.fixes[0]!.edit.documentChanges![0] as { kind: string }).kind, 'create');
    });

    it('kamae/exportAssessment renders HTML, Markdown and JSON with the same code as kamae report', async () => {
      const params = { uri: pathToUri(dir), view: 'meti' as const, lang: 'ja' as const };
      const html = await client.connection.sendRequest(ExportAssessmentRequest.type, { ...params, format: 'html' });
      assert.match(html!, /^<!DOCTYPE html>\n<html lang="ja">/);
      assert.match((await client.connection.sendRequest(ExportAssessmentRequest.type, { ...params, format: 'markdown' }))!, /^# セキュア・バイ・デザイン自己評価: /);
      const json = JSON.parse((await client.connection.sendRequest(ExportAssessmentRequest.type, { ...params, view: 'osps', format: 'json' }))!);
      assert.deepEqual([json.kamaeAssessment, json.view, json.lang], [1, 'osps', 'ja']);
    });

    it('kamae/attestationEdit: creates the attestations file, then appends to it; the engine reads it back', async () => {
      const attestation = { requirement: '3-1', item: 'A15', owner: 'PSIRT lead', evidence: 'https://intranet.example/psirt', date: '2026-05-01', expires: '2099-05-01' };
      const first = await client.connection.sendRequest(AttestationEditRequest.type, { uri: pathToUri(dir), lang: 'en', attestation });
      assert.ok(first?.ok, JSON.stringify(first));
      assert.equal(first.path, '.kamae/attestations.yaml');
      const changes = first.edit.documentChanges!;
      assert.deepEqual(changes[0], { kind: 'create', uri: uriOf(dir, '.kamae/attestations.yaml'), options: { overwrite: false, ignoreIfExists: false } });
      const created = ((changes[1] as TextDocumentEdit).edits[0] as { newText: string }).newText;
      fs.mkdirSync(path.join(dir, '.kamae'));
      fs.writeFileSync(path.join(dir, '.kamae/attestations.yaml'), created);
      const from = client.reports.length;
      await client.filesChanged([{ uri: uriOf(dir, '.kamae/attestations.yaml'), type: 1 }]);
      await client.waitFor('the report after the new file', () => client.reports.slice(from).some((r) => r.state === 'ready'));
      assert.deepEqual((await request('meti')).attestations.map((e) => `${e.requirement}/${e.item}/${e.status}`), ['3-1/A15/valid']);
      const second = await client.connection.sendRequest(AttestationEditRequest.type, { uri: pathToUri(dir), lang: 'en', attestation: { ...attestation, requirement: '4-1', item: 'A1' } });
      assert.ok(second?.ok, JSON.stringify(second));
      const appended = applyTo(created, second.edit, uriOf(dir, '.kamae/attestations.yaml'));
      assert.ok(appended.startsWith(created), 'appended, nothing rewritten');
      assert.match(appended.slice(created.length), /^ {2}- requirement: "4-1"\n {4}item: A1\n/);
      const a = await request('meti');
      const q = a.assessment.groups.flatMap((g) => g.requirements).find((r) => r.id === '3-1')!;
      assert.ok(q.attestations.some((e) => e.item === 'A15' && e.status === 'valid'));
    });

    it('kamae/attestationEdit refuses what the engine would not read, in the language asked for', async () => {
      const bad = await client.connection.sendRequest(AttestationEditRequest.type, { uri: pathToUri(dir), lang: 'ja', attestation: { requirement: '3-1', item: 'A1', owner: 'x', evidence: 'y', date: '2026-05-01' } });
      assert.ok(bad && !bad.ok);
      assert.match(bad.problems.join('\n'), /証明項目 A1 は要求事項 3-1 ではなく 4-1 に属します/);
      assert.equal(await client.connection.sendRequest(AttestationEditRequest.type, { uri: pathToUri(dir), lang: 'en', attestation: null as never }), null);
    });
  });

  it('kamae/templates lists the files the findings offer to create, filled from the repository, never existing ones', async () => {
    const dir = repo();
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-demo', version: '3.1.4', repository: 'github:acme/demo' }));
    const client = start();
    await client.initialize([folder(dir)]);
    await client.diagnosticsFor(uriOf(dir, 'Dockerfile'));
    const list = (await client.connection.sendRequest(TemplatesRequest.type, { uri: pathToUri(dir), lang: 'ja' }))!;
    const paths = list.map((x) => x.path);
    for (const p of ['SECURITY.md', 'SUPPORT.md', '.github/CODEOWNERS', '.github/dependabot.yml']) assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    assert.deepEqual([...paths].sort(), paths, 'sorted by path');
    const security = list.find((x) => x.path === 'SECURITY.md')!;
    assert.equal(security.ruleId, 'repo/missing-security-policy');
    assert.match(security.title, /テンプレート/);
    const changes = security.edit.documentChanges!;
    assert.deepEqual(changes[0], { kind: 'create', uri: uriOf(dir, 'SECURITY.md'), options: { overwrite: false, ignoreIfExists: false } });
    const text = ((changes[1] as TextDocumentEdit).edits[0] as { newText: string }).newText;
    assert.match(text, /https:\/\/github\.com\/acme\/demo\/security\/advisories\/new/);
    assert.match(text, /\| 3\.1\.x \|/);
    // Once the file exists it is no longer on offer, even before the report catches up.
    fs.writeFileSync(path.join(dir, 'SECURITY.md'), '# mine\n');
    const after = (await client.connection.sendRequest(TemplatesRequest.type, { uri: pathToUri(dir), lang: 'en' }))!;
    assert.ok(!after.some((x) => x.path === 'SECURITY.md'));
    assert.equal(await client.connection.sendRequest(TemplatesRequest.type, { uri: 'file:///nowhere', lang: 'en' }), null);
  });

  it('offers a prompting client a command instead of a placeholder', async () => {
    const dir = repo();
    const client = start();
    await client.initialize([folder(dir)], { initializationOptions: { promptForSuppressionReason: true } });
    const docker = await client.diagnosticsFor(uriOf(dir, 'Dockerfile'));
    const root = docker.diagnostics.find((d) => d.code === 'docker/root-user')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(dir, 'Dockerfile') }, range: root.range, context: { diagnostics: [root] } })) as CodeAction[];
    const suppress = actions.find((a) => a.command?.command === SuppressWithReasonCommand)!;
    assert.equal(suppress.title, 'Suppress docker/root-user with a reason…');
    assert.equal(suppress.edit, undefined);
    assert.deepEqual(suppress.command!.arguments, [{ folder: pathToUri(dir), ruleId: 'docker/root-user', path: 'Dockerfile', kind: 'dockerfile', line: 0, version: null }]);
  });

  it('applies client settings: severity overrides, profile, and enable', async () => {
    const dir = repo();
    const client = start();
    client.settings[''] = { enable: true, profile: 'auto', severityOverrides: { 'docker/root-user': 'off', 'docker/latest-base-image': 'critical' }, trace: { server: 'verbose' } };
    await client.initialize([folder(dir)]);
    const docker = await client.diagnosticsFor(uriOf(dir, 'Dockerfile'));
    assert.ok(!has(docker, 'docker/root-user'), 'turned off');
    assert.equal(docker.diagnostics.find((d) => d.code === 'docker/latest-base-image')?.severity, 1, 'raised to critical -> Error');
    assert.ok(client.logs.some((l) => /^scan .*: full, read \d+, checked \d+ in [\d.]+ ms$/.test(l)), client.logs.join('\n'));
    client.settings[''] = { enable: false };
    await client.configurationChanged();
    await client.diagnosticsFor(uriOf(dir, 'Dockerfile'), (p) => p.diagnostics.length === 0);
    await client.waitFor('disabled state', () => client.reports.some((r) => r.state === 'disabled'));
    assert.equal(await client.connection.sendRequest(RepoReportRequest.type, { uri: pathToUri(dir) }), null);
    client.settings[''] = { enable: true };
    await client.configurationChanged();
    await client.diagnosticsFor(uriOf(dir, 'Dockerfile'), (p) => has(p, 'docker/root-user'));
  });

  it('keeps one report per workspace folder, and follows folders added and removed', async () => {
    const a = repo();
    const b = repo({ 'README.md': '# b\n' });
    const client = start();
    await client.initialize([folder(a)]);
    await client.diagnosticsFor(uriOf(a, 'Dockerfile'));
    await client.foldersChanged([folder(b)], []);
    const readme = await client.diagnosticsFor(uriOf(b, 'README.md'));
    assert.ok(codes(readme.diagnostics).includes('repo/missing-security-policy@0'), 'b anchors on its README');
    const reportB = (await client.connection.sendRequest(RepoReportRequest.type, { uri: pathToUri(b) })) as RepoReport;
    assert.equal(reportB.anchor, 'README.md');
    await client.foldersChanged([], [folder(a)]);
    await client.diagnosticsFor(uriOf(a, 'Dockerfile'), (p) => p.diagnostics.length === 0);
    assert.equal(await client.connection.sendRequest(RepoReportRequest.type, { uri: pathToUri(a) }), null);
  });

  it('publishes a nested folder\'s files from that folder only, and hands them back when it is removed', async () => {
    const outer = repo({ 'svc/Dockerfile': 'FROM alpine\n', 'svc/README.md': '# svc\n' });
    const inner = path.join(outer, 'svc');
    const client = start();
    await client.initialize([folder(outer)]);
    const uri = uriOf(outer, 'svc/Dockerfile');
    const from = (p: { diagnostics: readonly Diagnostic[] }, f: string) => has(p, 'docker/root-user') && p.diagnostics.every((d) => dataOf(d).folder === pathToUri(f));
    await client.diagnosticsFor(uri, (p) => from(p, outer));
    await client.foldersChanged([folder(inner)], []);
    await client.diagnosticsFor(uri, (p) => from(p, inner));
    // A change the outer folder sees must not clear what the inner folder published.
    fs.writeFileSync(path.join(outer, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    await client.filesChanged([{ uri: uriOf(outer, 'Dockerfile'), type: 2 }]);
    await client.diagnosticsFor(uriOf(outer, 'Dockerfile'), (p) => !has(p, 'docker/root-user'));
    assert.ok(from(client.diagnostics.get(uri)!, inner), 'the inner folder\'s diagnostics are still there');
    await client.foldersChanged([], [folder(inner)]);
    await client.diagnosticsFor(uri, (p) => from(p, outer));
  });

  it('checks a document outside every workspace folder in the repository around it (.git)', async () => {
    const dir = repo({ '.git/HEAD': 'ref: refs/heads/main\n' });
    const client = start();
    await client.initialize([]);
    const uri = uriOf(dir, 'Dockerfile');
    await client.open(uri, fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'dockerfile', 1);
    const p = await client.diagnosticsFor(uri);
    assert.ok(has(p, 'docker/latest-base-image@0') && has(p, 'docker/root-user@0'), JSON.stringify(codes(p.diagnostics)));
    assert.equal(dataOf(p.diagnostics[0]!).folder, pathToUri(dir));
  });

  it('shuts down and exits cleanly', async () => {
    const client = start();
    await client.initialize([]);
    assert.equal(await client.stop(), 0);
  });
});
