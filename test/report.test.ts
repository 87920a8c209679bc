// `kamae report` on a fixture repository: deterministic Markdown, HTML and JSON in both languages,
// checked against snapshots, covering all six groups with the evidence behind each state.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers/repo';

const CLI = path.join(ROOT, process.env.KAMAE_DIST ?? 'dist', 'cli.js');
const REPO = path.join(ROOT, 'test/fixtures/report-repo');
// 2026-06-01T00:00:00Z: inside the first attestation, after the second one expired.
const EPOCH = '1780272000';
const update = process.env.UPDATE_SNAPSHOTS === '1';

function report(format: string, lang: string, ...extra: string[]): string {
  const r = spawnSync(process.execPath, [CLI, 'report', REPO, '--format', format, '--lang', lang, ...extra], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function snapshot(name: string, text: string): void {
  const file = path.join(ROOT, 'test/snapshots', name);
  if (update || !fs.existsSync(file)) {
    if (!update) assert.fail(`missing snapshot test/snapshots/${name}; run with UPDATE_SNAPSHOTS=1 and review it`);
    fs.writeFileSync(file, text);
    return;
  }
  assert.equal(text, fs.readFileSync(file, 'utf8'), `test/snapshots/${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

describe('kamae report', function () {
  this.timeout(60_000);
  for (const lang of ['en', 'ja']) {
    for (const [format, ext] of [['markdown', 'md'], ['html', 'html'], ['json', 'json']] as const) {
      it(`${format} (${lang}) is deterministic and matches its snapshot`, () => {
        const a = report(format, lang);
        assert.equal(report(format, lang), a, 'two runs give the same bytes');
        assert.ok(!a.includes(ROOT), 'no absolute paths');
        snapshot(`report.${lang}.${ext}`, a);
      });
    }
  }

  it('covers all six groups with the evidence for each state', () => {
    const a = JSON.parse(report('json', 'en')) as { date: string; groups: { id: string; requirements: { id: string; state: string; rules: { ruleId: string; outcome: string; findings: { path?: string; line?: number; sha256?: string; suppressed?: { reason: string } }[] }[]; attestations: { status: string }[] }[] }[]; suppressions: { reason: string }[]; files: { sha256?: string }[] };
    assert.equal(a.date, '2026-06-01');
    assert.deepEqual(a.groups.map((g) => g.id), ['1', '2', '3', '4', '5', '6']);
    const req = (id: string) => a.groups.flatMap((g) => g.requirements).find((q) => q.id === id)!;
    // (1)-2 fails on the workflow: the evidence names the rule, the file, the line and its hash.
    assert.equal(req('1-2').state, 'partly-met');
    const injection = req('1-2').rules.find((r) => r.ruleId === 'github-actions/template-injection')!;
    assert.equal(injection.outcome, 'fail');
    assert.deepEqual([injection.findings[0]!.path, injection.findings[0]!.line], ['.github/workflows/ci.yml', 10]);
    assert.match(injection.findings[0]!.sha256!, /^[0-9a-f]{64}$/);
    // The suppressed finding is evidence too, with its reason.
    assert.ok(req('1-2').rules.find((r) => r.ruleId === 'github-actions/unpinned-action-ref')!.findings.some((f) => f.suppressed?.reason === 'GitHub-owned; pinned by org ruleset'));
    assert.equal(a.suppressions.length, 1);
    // (3)-1: the policy passes and the PSIRT is attested; (4)-1's attestation has expired.
    assert.equal(req('3-1').state, 'met');
    assert.equal(req('4-1').state, 'attestation-expired');
    assert.equal(req('4-1').attestations[0]!.status, 'expired');
    assert.ok(a.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256 ?? '')));
  });

  for (const view of ['ssdf', 'osps']) {
    it(`--view ${view}: the ${view.toUpperCase()} self-assessment from the same engine code (markdown en, json)`, () => {
      snapshot(`report.${view}.en.md`, report('markdown', 'en', '--view', view));
      const a = JSON.parse(report('json', 'ja', '--view', view)) as { view: string; lang: string; groups: { id: string; requirements: { id: string }[] }[] };
      assert.equal(a.view, view);
      assert.equal(a.lang, 'ja');
      assert.ok(a.groups.length > 3 && a.groups.every((g) => g.requirements.length > 0));
    });
  }
  it('refuses an unknown --view', () => {
    const r = spawnSync(process.execPath, [CLI, 'report', REPO, '--view', 'iso'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--view must be one of meti, ssdf, osps/);
  });

  it('writes HTML that needs nothing from the network and prints by group', () => {
    const html = report('html', 'ja');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="ja">/);
    assert.doesNotMatch(html, /<script|<link |src="http|href="http|@import/i);
    const print = html.slice(html.indexOf('@media print{'), html.indexOf('@page'));
    assert.ok(print.includes('section.group{break-before:page}'), 'each group starts a printed page');
    assert.equal((html.match(/<section class="group"/g) ?? []).length, 6);
    assert.match(html, /証明期限切れ/);
  });
});
