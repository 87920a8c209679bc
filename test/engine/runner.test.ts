// The runner on catalogues of test rules: outcomes, isolation of a failing rule, suppressions,
// configuration problems, fingerprints and determinism.
import * as assert from 'node:assert/strict';
import { analyzeRepo, MemoryFs, sourceFromFs, type Catalog, type RuleDefinition, type RuleMeta } from '../../server/src/engine';
import { fileCheck, repoCheck, scalarText, yamlAt, nodeSpan } from '../../server/src/engine/ruleApi';
import { analyzeMemory, CATALOG, TODAY } from '../helpers/repo';

function meta(id: string, over: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    title: { en: id, ja: id },
    scope: 'file',
    kinds: ['github-workflow'],
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    profiles: ['recommended', 'strict'],
    network: false,
    fix: 'none',
    references: [{ source: 'meti-cip', ref: '1-2', relation: 'partial' }],
    messages: { hit: { en: 'found {what}', ja: '{what} を検出' } },
    rationale: { en: 'r', ja: 'r' },
    remediation: { en: 'r', ja: 'r' },
    ...over,
  };
}
const cat = (...rules: RuleDefinition[]): Catalog => ({ rules, guidelines: CATALOG.guidelines });

/** Reports every `name:` value of a workflow. */
const names: RuleDefinition = {
  meta: meta('test/names'),
  check: fileCheck<'github-workflow'>((ctx) => {
    const n = yamlAt(ctx.file.model.docs[0]?.contents, 'name');
    if (n) ctx.report({ messageId: 'hit', at: nodeSpan(n)!, data: { what: scalarText(n) ?? '' } });
  }),
};
const throws: RuleDefinition = { meta: meta('test/throws'), check: fileCheck<'github-workflow'>(() => { throw new Error('boom'); }) };
const badMessage: RuleDefinition = { meta: meta('test/bad-message'), check: fileCheck<'github-workflow'>((ctx) => ctx.report({ messageId: 'nope' })) };
const dockerOnly: RuleDefinition = { meta: meta('test/docker', { kinds: ['dockerfile'] }), check: fileCheck<'dockerfile'>(() => undefined) };
const repoNa: RuleDefinition = { meta: meta('test/repo-na', { scope: 'repository', kinds: ['security-policy'] }), check: repoCheck((ctx) => ctx.notApplicable('nothing here')) };
const repoHit: RuleDefinition = { meta: meta('test/repo-hit', { scope: 'repository', kinds: ['security-policy'] }), check: repoCheck((ctx) => ctx.report({ messageId: 'hit', data: { what: 'repo' } })) };
const strictOnly: RuleDefinition = { meta: meta('test/strict', { profiles: ['strict'] }), check: names.check! };

const WF = '.github/workflows/ci.yml';

describe('runner', () => {
  it('derives pass, fail, not-applicable and error outcomes, isolating a rule that throws', async () => {
    const report = await analyzeMemory({ [WF]: 'name: ci\non: push\n' }, cat(names, throws, badMessage, dockerOnly, repoNa, repoHit));
    const outcome = Object.fromEntries(report.rules.map((r) => [r.ruleId, r.outcome]));
    assert.equal(outcome['test/names'], 'fail');
    assert.equal(outcome['test/throws'], 'error');
    assert.equal(outcome['test/bad-message'], 'error');
    assert.equal(outcome['test/docker'], 'not-applicable');
    assert.equal(outcome['test/repo-na'], 'not-applicable');
    assert.equal(outcome['test/repo-hit'], 'fail');
    assert.match(report.rules.find((r) => r.ruleId === 'test/throws')!.detail!, /ci\.yml: boom/);
    assert.match(report.rules.find((r) => r.ruleId === 'test/bad-message')!.detail!, /unknown message id "nope"/);
    const f = report.findings.find((x) => x.ruleId === 'test/names')!;
    assert.deepEqual(f.message, { en: 'found ci', ja: 'ci を検出' });
    assert.deepEqual(f.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 8 } });
    assert.equal(report.findings.find((x) => x.ruleId === 'test/repo-hit')!.path, undefined);
  });

  it('passes a rule that evaluated files and found nothing', async () => {
    const report = await analyzeMemory({ [WF]: 'on: push\n' }, cat(names));
    assert.equal(report.rules.find((r) => r.ruleId === 'test/names')!.outcome, 'pass');
  });

  it('lists files it cannot evaluate with the reason, and still checks the others', async () => {
    const report = await analyzeMemory({ [WF]: 'name: ok\non: push\n', '.github/workflows/bad.yml': 'on: [\n', Dockerfile: '' }, cat(names, dockerOnly));
    const bad = Object.fromEntries(report.files.filter((f) => f.status === 'not-evaluated').map((f) => [f.path, f.reason!.en]));
    assert.match(bad['.github/workflows/bad.yml']!, /YAML syntax error/);
    assert.match(bad.Dockerfile!, /empty/);
    assert.equal(report.findings.filter((f) => f.ruleId === 'test/names').length, 1);
  });

  it('chooses rules by profile, and by .kamae.yaml settings', async () => {
    const files = { [WF]: 'name: ci\n' };
    assert.equal((await analyzeMemory(files, cat(strictOnly))).rules.filter((r) => r.ruleId === 'test/strict').length, 0);
    const strict = await analyzeRepo(sourceFromFs(new MemoryFs(files)), cat(strictOnly), { toolVersion: 't', today: TODAY, profile: 'strict' });
    assert.equal(strict.rules.find((r) => r.ruleId === 'test/strict')!.outcome, 'fail');
    const configured = await analyzeMemory({ ...files, '.kamae.yaml': 'rules:\n  test/names: off\n  test/strict: high\n' }, cat(names, strictOnly));
    assert.equal(configured.rules.find((r) => r.ruleId === 'test/names'), undefined);
    assert.equal(configured.findings.find((f) => f.ruleId === 'test/strict')!.severity, 'high');
  });

  it('produces identical, path-free output for the same input', async () => {
    const files = { [WF]: 'name: ci\n', 'SECURITY.md': '' };
    const a = JSON.stringify(await analyzeMemory(files, cat(names, repoHit)));
    const b = JSON.stringify(await analyzeMemory(files, cat(names, repoHit)));
    assert.equal(a, b);
    assert.doesNotMatch(a, /\/tmp\/|\/work\/|\\\\/);
  });

  it('keeps fingerprints stable when unrelated lines move the finding', async () => {
    const a = await analyzeMemory({ [WF]: 'name: ci\non: push\n' }, cat(names));
    const b = await analyzeMemory({ [WF]: '# a comment\n\nname: ci\non: push\n' }, cat(names));
    assert.equal(a.findings[0]!.fingerprint, b.findings[0]!.fingerprint);
    assert.notEqual(a.findings[0]!.range!.start.line, b.findings[0]!.range!.start.line);
  });

  it('anchors repository-level findings to a file users can open', async () => {
    const r = await analyzeMemory({ 'README.md': '# x\n', 'package.json': '{}' }, cat(repoHit));
    assert.equal(r.anchor, 'README.md');
  });
});

describe('suppressions', () => {
  const run = (wf: string, extra: Record<string, string> = {}) => analyzeMemory({ [WF]: wf, ...extra }, cat(names));
  const active = (r: Awaited<ReturnType<typeof run>>, id: string) => r.findings.filter((f) => f.ruleId === id && !f.suppression);

  it('honours a comment on the line above and a trailing comment, keeping the finding visible as suppressed', async () => {
    for (const wf of ['# kamae-ignore test/names: the name is public\nname: ci\n', 'name: ci # kamae-ignore test/names: the name is public\n']) {
      const r = await run(wf);
      assert.equal(active(r, 'test/names').length, 0, wf);
      const s = r.findings.find((f) => f.ruleId === 'test/names')!.suppression!;
      assert.equal(s.kind, 'inline');
      assert.equal(s.reason, 'the name is public');
      assert.equal(r.rules.find((x) => x.ruleId === 'test/names')!.outcome, 'pass');
      assert.equal(r.rules.find((x) => x.ruleId === 'test/names')!.suppressed, 1);
    }
  });

  it('honours kamae-ignore-file for the whole file', async () => {
    const r = await run('# kamae-ignore-file test/names: generated file\n\nname: ci\n');
    assert.equal(active(r, 'test/names').length, 0);
  });

  it('does not honour a suppression without a reason, and reports it', async () => {
    const r = await run('# kamae-ignore test/names\nname: ci\n');
    assert.equal(active(r, 'test/names').length, 1);
    const bad = active(r, 'kamae/invalid-suppression');
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.messageId, 'noReason');
    assert.equal(bad[0]!.range!.start.line, 0);
  });

  it('reports unknown rules, bad dates and unreadable comments', async () => {
    const r = await run('# kamae-ignore test/nope: x\n# kamae-ignore test/names until 2026-02-30: x\n# kamae-ignore: why\nname: ci\n');
    assert.deepEqual(active(r, 'kamae/invalid-suppression').map((f) => f.messageId).sort(), ['badDate', 'malformed', 'unknownRule']);
  });

  it('reads only <!-- --> comments as suppressions in Markdown, where a # line is a heading', async () => {
    const invalid = async (readme: string) => (await analyzeMemory({ 'README.md': readme })).findings.filter((f) => f.ruleId === 'kamae/invalid-suppression').map((f) => f.messageId);
    assert.deepEqual(await invalid('# Usage\n\n`# kamae-ignore <rule-id>: <reason>` hides a finding.\n'), []);
    assert.deepEqual(await invalid('# Usage\n\n<!-- kamae-ignore nope/rule: not a rule -->\n'), ['unknownRule']);
  });

  it('turns an expired suppression into a finding of its own and stops honouring it', async () => {
    const r = await run('# kamae-ignore test/names until 2026-01-31: accepted for the migration\nname: ci\n');
    assert.equal(active(r, 'test/names').length, 1);
    const expired = active(r, 'kamae/expired-suppression');
    assert.equal(expired.length, 1);
    assert.match(expired[0]!.message.en, /expired on 2026-01-31/);
    const stillValid = await run(`# kamae-ignore test/names until ${TODAY}: last day still counts\nname: ci\n`);
    assert.equal(active(stillValid, 'test/names').length, 0);
  });

  it('applies .kamae.yaml suppressions by rule and path glob, with expiry', async () => {
    const config = 'suppressions:\n  - rule: test/names\n    paths: [".github/workflows/*.yml"]\n    reason: reviewed\n  - rule: test/names\n    reason: old\n    expires: 2025-01-01\n';
    const r = await run('name: ci\n', { '.kamae.yaml': config });
    const f = r.findings.find((x) => x.ruleId === 'test/names')!;
    assert.equal(f.suppression?.kind, 'config');
    assert.equal(f.suppression?.path, '.kamae.yaml');
    const expired = active(r, 'kamae/expired-suppression');
    assert.equal(expired.length, 1);
    assert.equal(expired[0]!.path, '.kamae.yaml');
    assert.equal(expired[0]!.range!.start.line, 4);
  });
});

describe('peer suppressions', () => {
  const peered: RuleDefinition = { meta: meta('test/names', { peers: ['zizmor:name-audit', 'hadolint:DL3007'] }), check: names.check! };
  const run = (wf: string, extra: Record<string, string> = {}) => analyzeMemory({ [WF]: wf, ...extra }, cat(peered));
  const active = (r: Awaited<ReturnType<typeof run>>) => r.findings.filter((f) => f.ruleId === 'test/names' && !f.suppression);

  it("honours a zizmor ignore comment on the finding's line for a rule that names the audit as a peer", async () => {
    const r = await run('name: ci # zizmor: ignore[other-audit, name-audit]\n');
    assert.equal(active(r).length, 0);
    const s = r.findings.find((f) => f.ruleId === 'test/names')!.suppression!;
    assert.equal(s.kind, 'inline');
    assert.equal(s.line, 0);
    assert.match(s.reason, /^zizmor: ignore\[other-audit, name-audit\] \(a zizmor ignore comment/);
  });

  it('ignores a peer comment for another audit, on another line, or for a rule without peers', async () => {
    assert.equal(active(await run('name: ci # zizmor: ignore[other-audit]\n')).length, 1);
    assert.equal(active(await run('# zizmor: ignore[name-audit]\nname: ci\n')).length, 1);
    const plain = await analyzeMemory({ [WF]: 'name: ci # zizmor: ignore[name-audit]\n' }, cat(names));
    assert.equal(plain.findings.filter((f) => f.ruleId === 'test/names' && !f.suppression).length, 1);
  });

  it('can be turned off with peerSuppressions: false in .kamae.yaml', async () => {
    const r = await run('name: ci # zizmor: ignore[name-audit]\n', { '.kamae.yaml': 'peerSuppressions: false\n' });
    assert.equal(active(r).length, 1);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'kamae/invalid-config'), []);
  });

  it('honours hadolint ignore pragmas on the next instruction, continuation lines included, and global ones', async () => {
    const analyze = (files: Record<string, string>) => analyzeMemory(files, CATALOG, undefined, { profile: 'strict' });
    const df = 'FROM alpine:3.20\n# hadolint ignore=DL3008,DL3018\nRUN apk add \\\n    curl\nRUN apk add git\n';
    const r = await analyze({ Dockerfile: df });
    const pins = r.findings.filter((f) => f.ruleId === 'docker/unpinned-package-install');
    assert.deepEqual(pins.filter((f) => !f.suppression).map((f) => f.range!.start.line), [4]);
    assert.ok(pins.some((f) => f.suppression?.line === 1));
    const global = await analyze({ Dockerfile: `# hadolint global ignore=DL3018\n${df}` });
    assert.equal(global.findings.filter((f) => f.ruleId === 'docker/unpinned-package-install' && !f.suppression).length, 0);
  });
});

describe('.kamae.yaml problems', () => {
  const problems = async (config: string) => {
    const r = await analyzeMemory({ '.kamae.yaml': config, [WF]: 'name: ci\n' }, cat(names));
    return { r, list: r.findings.filter((f) => f.ruleId === 'kamae/invalid-config') };
  };
  it('names the file, the bad key and its line, and applies the rest', async () => {
    const { r, list } = await problems('profile: strict\nrulez:\n  a: b\nrules:\n  test/names: off\n');
    assert.equal(list.length, 1);
    assert.match(list[0]!.message.en, /\.kamae\.yaml: unknown key "rulez" in the top level/);
    assert.match(list[0]!.message.ja, /\.kamae\.yaml: 最上位 に不明なキー "rulez"/);
    assert.equal(list[0]!.range!.start.line, 1);
    assert.equal(r.profile, 'strict');
    assert.equal(r.rules.find((x) => x.ruleId === 'test/names'), undefined, 'rules: still applied');
  });
  it('explains bad values, unknown rule ids and malformed YAML', async () => {
    assert.match((await problems('profile: paranoid\n')).list[0]!.message.en, /profile must be one of recommended, strict/);
    assert.match((await problems('rules:\n  nope/rule: off\n')).list[0]!.message.en, /unknown rule id "nope\/rule"/);
    assert.match((await problems('rules:\n  test/names: loud\n')).list[0]!.message.en, /must be off, on, one of critical/);
    assert.match((await problems('suppressions:\n  - rule: test/names\n')).list[0]!.message.en, /missing the required key "reason"/);
    assert.match((await problems('allow: [\n')).list[0]!.message.en, /YAML syntax error.*using defaults/);
    assert.match((await problems('rules:\n  test/names:\n    options: { x: 1 }\n')).list[0]!.message.en, /takes no options/);
  });
  it('fails the builtin rule when there are problems and passes it otherwise', async () => {
    assert.equal((await problems('profile: x\n')).r.rules.find((x) => x.ruleId === 'kamae/invalid-config')!.outcome, 'fail');
    assert.equal((await problems('profile: strict\n')).r.rules.find((x) => x.ruleId === 'kamae/invalid-config')!.outcome, 'pass');
  });
});

describe('reading', () => {
  it('reports binary, invalid UTF-8, UTF-16 and oversized files by name and reason', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const r = await analyzeMemory(
      {
        'package.json': new Uint8Array([0x7b, 0x00, 0x7d]),
        'package-lock.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
        '.npmrc': new Uint8Array([0xff, 0xfe, 0x61, 0x00]),
        'requirements.txt': big,
        '.kamae.yaml': 'limits:\n  maxFileSizeMB: 1\n',
      },
      CATALOG,
    );
    const reasons = Object.fromEntries(r.files.filter((f) => f.status === 'not-evaluated').map((f) => [f.path, f.reason!.en]));
    assert.match(reasons['package.json']!, /binary/);
    assert.match(reasons['package-lock.json']!, /not valid UTF-8/);
    assert.match(reasons['.npmrc']!, /UTF-16/);
    assert.match(reasons['requirements.txt']!, /over the 1\.0 MB limit.*limits\.maxFileSizeMB/);
  });
  it('reports Helm templates as not evaluated rather than as YAML errors', async () => {
    const k8s: RuleDefinition = { meta: meta('test/k8s', { kinds: ['kubernetes'] }), check: fileCheck<'kubernetes'>(() => undefined) };
    const r = await analyzeMemory(
      {
        'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
        'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
        'deploy/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\n',
        'docs/notes.yaml': 'title: not kubernetes\n',
      },
      cat(k8s),
    );
    const f = r.files.find((x) => x.path === 'chart/templates/deploy.yaml');
    assert.equal(f?.status, 'not-evaluated');
    assert.match(f.reason!.en, /Helm template/);
    assert.ok(!r.files.some((x) => x.reason?.en.includes('YAML syntax')));
    // Kubernetes manifests are recognised by content wherever they live; other YAML is left alone.
    assert.deepEqual(r.files.filter((x) => x.kind === 'kubernetes').map((x) => x.path), ['deploy/app.yaml']);
    assert.equal(r.rules.find((x) => x.ruleId === 'test/k8s')!.evaluated, 1);
  });
});

describe('attestations', () => {
  const att = (body: string) => analyzeMemory({ '.kamae/attestations.yaml': body, 'README.md': '# x\n' }, cat(names));
  const withItem = CATALOG.guidelines.meti.attestations[0]!;
  const state = (r: Awaited<ReturnType<typeof att>>, id: string) => r.requirements.find((q) => q.requirementId === id)!.state;

  it('records a valid attestation and marks its requirement attested', async () => {
    const r = await att(`attestations:\n  - requirement: "${withItem.requirement}"\n    item: ${withItem.id}\n    owner: "PSIRT <psirt@example.com>"\n    evidence: https://intranet.example/psirt\n    date: 2026-05-01\n    expires: 2027-05-01\n`);
    assert.equal(state(r, withItem.requirement), 'attested');
    assert.deepEqual(r.attestations.map((a) => [a.requirement, a.item, a.status, a.line]), [[withItem.requirement, withItem.id, 'valid', 1]]);
    assert.equal(r.findings.filter((f) => f.ruleId.startsWith('kamae/')).length, 0);
    assert.equal(r.files.find((f) => f.path === '.kamae/attestations.yaml')?.status, 'evaluated');
  });

  it('reports an expired attestation on its line, and the requirement reads as expired', async () => {
    const r = await att(`attestations:\n  - requirement: "${withItem.requirement}"\n    owner: Alice\n    evidence: docs/psirt.md\n    date: 2025-01-01\n    expires: 2026-01-01\n`);
    assert.equal(state(r, withItem.requirement), 'attestation-expired');
    const f = r.findings.find((x) => x.ruleId === 'kamae/expired-attestation')!;
    assert.match(f.message.en, /by Alice expired on 2026-01-01/);
    assert.equal(f.range!.start.line, 1);
  });

  it('reports invalid entries by name and line, ignoring them', async () => {
    const other = CATALOG.guidelines.meti.attestations.find((a) => a.requirement !== withItem.requirement)!;
    const r = await att(['attestations:', '  - requirement: "9-9"', '    owner: a', '    evidence: e', '    date: 2026-01-01', `  - requirement: "${withItem.requirement}"`, `    item: ${other.id}`, '    owner: a', '    evidence: e', '    date: 2026-01-01', '  - requirement: "1-1"', '    owner: a', '    date: 2026-01-01', '    colour: blue', '  - requirement: "3-9"', '    owner: a', '    evidence: e', '    date: 2026-01-01', ''].join('\n'));
    const problems = r.findings.filter((f) => f.ruleId === 'kamae/invalid-attestation').map((f) => [f.range?.start.line, f.message.en]);
    assert.equal(problems.length, 4, JSON.stringify(problems));
    assert.ok(problems.some(([l, m]) => l === 14 && /unknown requirement "3-9"/.test(String(m))));
    assert.ok(problems.some(([l, m]) => l === 10 && /attestations\[2\]: missing "evidence"; unknown key "colour"/.test(String(m))), JSON.stringify(problems));
    assert.ok(problems.some(([l, m]) => l === 1 && /attestations\[0\]: requirement must be a METI\/NCO requirement id/.test(String(m))));
    assert.ok(problems.some(([l, m]) => l === 5 && new RegExp(`item ${other.id} belongs to requirement ${other.requirement}`).test(String(m))));
    assert.equal(r.attestations.length, 0);
  });
});
