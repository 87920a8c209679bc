// Suppression edits (engine/suppressEdits.ts): each edit, once applied, must be honoured by the engine
// with a real reason and reported by kamae/invalid-suppression while the reason is still a placeholder.
import * as assert from 'node:assert/strict';
import { applyChanges, configSuppressionEdit, inlineSuppressionEdit, isMissingReason, suppressionStyle, type RepoReport, type SuppressionEdit } from '../server/src/engine';
import { analyzeMemory } from './helpers/repo';

const WORKFLOW = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
const DOCKERFILE = 'FROM alpine:3.20\nRUN apk add curl\nCMD ["sh"]\n';
const PLACEHOLDER = '<why this is acceptable>';

function apply(files: Record<string, string>, edit: SuppressionEdit): Record<string, string> {
  if ('create' in edit) return { ...files, [edit.path]: edit.create };
  const before = files[edit.path] ?? '';
  return { ...files, [edit.path]: applyChanges(before, [{ start: edit.span.start, end: edit.span.end, newText: edit.newText }]).text };
}
const active = (r: RepoReport, rule: string) => r.findings.filter((f) => f.ruleId === rule && !f.suppression);
const suppressed = (r: RepoReport, rule: string) => r.findings.filter((f) => f.ruleId === rule && f.suppression);

describe('suppression edits', () => {
  it('chooses a comment style the format allows, and the config for JSON and repository-level findings', () => {
    assert.deepEqual(suppressionStyle('github-workflow', '.github/workflows/ci.yml'), { kind: 'inline', open: '#' });
    assert.deepEqual(suppressionStyle('dockerfile', 'Dockerfile'), { kind: 'inline', open: '#' });
    assert.deepEqual(suppressionStyle('go-mod', 'go.mod'), { kind: 'inline', open: '//' });
    assert.deepEqual(suppressionStyle('pom-xml', 'pom.xml'), { kind: 'inline', open: '<!--' });
    assert.deepEqual(suppressionStyle('readme', 'README.md'), { kind: 'inline', open: '<!--' });
    assert.deepEqual(suppressionStyle('license', 'LICENSE'), { kind: 'config' });
    assert.deepEqual(suppressionStyle('package-json', 'package.json'), { kind: 'config' });
    assert.deepEqual(suppressionStyle('npm-lockfile', 'package-lock.json'), { kind: 'config' });
    assert.deepEqual(suppressionStyle(undefined, undefined), { kind: 'config' });
  });

  it('treats empty and angle-bracket placeholder reasons as missing', () => {
    assert.ok(isMissingReason(''));
    assert.ok(isMissingReason('  '));
    assert.ok(isMissingReason(PLACEHOLDER));
    assert.ok(isMissingReason('<許容できる理由>'));
    assert.ok(!isMissingReason('accepted: base image is rebuilt nightly'));
    assert.ok(!isMissingReason('<a> and <b> differ'));
  });

  for (const [name, path, text, rule] of [
    ['a workflow', '.github/workflows/ci.yml', WORKFLOW, 'github-actions/missing-permissions'],
    ['a Dockerfile', 'Dockerfile', DOCKERFILE, 'docker/root-user'],
  ] as const) {
    it(`inline comment in ${name}: honoured with a reason, flagged with the placeholder`, async () => {
      const files = { [path]: text, 'README.md': '# x\n' };
      const before = await analyzeMemory(files);
      const finding = active(before, rule)[0];
      assert.ok(finding?.range, `${rule} fires on the fixture`);
      const style = suppressionStyle('dockerfile', path);
      assert.equal(style.kind, 'inline');
      const edit = (reason: string) => inlineSuppressionEdit(path, text, finding.range!.start.line, rule, reason, '#');

      const count = active(before, rule).length;
      const withReason = await analyzeMemory(apply(files, edit('the image is only used in CI\nwith no secrets')));
      assert.equal(active(withReason, rule).length, count - 1, 'the comment covers the finding on the next line');
      assert.deepEqual(suppressed(withReason, rule).map((f) => [f.messageId, f.suppression?.reason]), [[finding.messageId, 'the image is only used in CI with no secrets']]);

      const withPlaceholder = await analyzeMemory(apply(files, edit(PLACEHOLDER)));
      assert.equal(active(withPlaceholder, rule).length, count, 'a placeholder hides nothing');
      assert.deepEqual(active(withPlaceholder, 'kamae/invalid-suppression').map((f) => f.messageId), ['noReason']);
    });
  }

  const lockfile = JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' }, 'node_modules/a': { version: '1.0.0', resolved: 'http://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-FAKE' } } }, null, 2);
  const configs: [string, string | undefined][] = [
    ['no .kamae.yaml yet', undefined],
    ['a .kamae.yaml without suppressions', 'profile: recommended'],
    ['a block list', 'suppressions:\n  - rule: docker/root-user\n    reason: runs as root by design\n\nprofile: recommended\n'],
    ['a list at column 0', 'suppressions:\n- rule: docker/root-user\n  reason: runs as root by design\n'],
    ['a flow list', 'suppressions: []\n'],
    ['a non-empty flow list', 'suppressions: [{ rule: docker/root-user, reason: by design }]\n'],
    ['an empty key', 'profile: recommended\nsuppressions:\n'],
  ];
  for (const [name, config] of configs) {
    it(`config entry for a JSON file, into ${name}`, async () => {
      const files: Record<string, string> = { 'package-lock.json': lockfile, 'package.json': '{"name":"x"}', 'README.md': '# x\n' };
      if (config !== undefined) files['.kamae.yaml'] = config;
      const rule = 'npm/lockfile-insecure-url';
      const before = await analyzeMemory(files);
      assert.ok(active(before, rule).length > 0, 'the lockfile rule fires');
      const edit = (reason: string) => configSuppressionEdit(config !== undefined ? '.kamae.yaml' : undefined, config, rule, 'package-lock.json', reason);

      const withReason = await analyzeMemory(apply(files, edit('mirror is on an internal network')));
      assert.deepEqual(active(withReason, 'kamae/invalid-config'), [], JSON.stringify(apply(files, edit('r'))['.kamae.yaml']));
      assert.equal(active(withReason, rule).length, 0);
      assert.ok(suppressed(withReason, rule).every((f) => f.suppression?.kind === 'config'));

      const withPlaceholder = await analyzeMemory(apply(files, edit(PLACEHOLDER)));
      assert.equal(active(withPlaceholder, rule).length, active(before, rule).length, 'a placeholder hides nothing');
      assert.deepEqual(active(withPlaceholder, 'kamae/invalid-suppression').map((f) => f.messageId), ['noReasonConfig']);
    });
  }

  it('suppresses a repository-level finding with a config entry without paths', async () => {
    const files = { 'README.md': '# x\n', LICENSE: 'MIT\n' };
    const rule = 'repo/missing-security-policy';
    assert.equal(active(await analyzeMemory(files), rule).length, 1);
    const edit = configSuppressionEdit(undefined, undefined, rule, undefined, 'reports go through the parent project');
    assert.ok('create' in edit && !edit.create.includes('paths'));
    assert.equal(active(await analyzeMemory(apply(files, edit)), rule).length, 0);
  });
});
