// One runner over every rule's fixtures: valid/* must raise nothing from the rule, invalid/* must
// raise exactly what its snapshot records, and every fix must remove its finding and keep the file
// parseable. UPDATE_SNAPSHOTS=1 rewrites the snapshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planFixes, unifiedDiff, type Finding, type RepoReport } from '../server/src/engine';
import { analyzeMemory, CATALOG, catalogOf, loadFixture, ROOT } from './helpers/repo';

const update = process.env.UPDATE_SNAPSHOTS === '1';

function fixtures(ruleId: string, which: 'valid' | 'invalid'): string[] {
  const dir = path.join(ROOT, 'rules', ruleId, 'fixtures', which);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => !f.endsWith('.snap'))
    .sort()
    .map((f) => path.join(dir, f));
}

function render(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const where = f.range ? `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}` : (f.path ?? '(repository)');
      const fixes = f.fixes.map((x) => `\n    fix ${x.fixId} (${x.safety}): ${x.title.en}`).join('');
      return `${where} ${f.messageId} [${f.severity}]\n    ${f.message.en}\n    ${f.message.ja}${fixes}`;
    })
    .join('\n');
}

function readFrom(files: Record<string, string | Uint8Array>) {
  return (p: string): string | undefined => {
    const v = files[p];
    return v === undefined ? undefined : typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
  };
}

describe('rule fixtures', () => {
  for (const def of CATALOG.rules) {
    const id = def.meta.id;
    const cat = catalogOf(def);
    const kind = def.meta.kinds[0]!;
    // Fixtures test the rule whatever profile it belongs to (strict-only rules included).
    const enable = { ruleOverrides: { [id]: { enabled: true } } };
    describe(id, () => {
      const seenMessages = new Set<string>();
      const seenFixes = new Set<string>();
      it('has valid and invalid fixtures', () => {
        assert.ok(fixtures(id, 'valid').length > 0, `rules/${id}/fixtures/valid is empty`);
        assert.ok(fixtures(id, 'invalid').length > 0, `rules/${id}/fixtures/invalid is empty`);
      });
      for (const file of fixtures(id, 'valid')) {
        it(`valid/${path.basename(file)} raises nothing`, async () => {
          const report = await analyzeMemory(loadFixture(file, kind), cat, undefined, enable);
          const mine = report.findings.filter((f) => f.ruleId === id);
          assert.deepEqual(mine.map((f) => `${f.path}:${(f.range?.start.line ?? -1) + 1} ${f.message.en}`), []);
          assertNoErrors(report, id);
          assert.ok(report.rules.find((r) => r.ruleId === id)?.outcome !== 'fail');
        });
      }
      for (const file of fixtures(id, 'invalid')) {
        it(`invalid/${path.basename(file)} matches its snapshot`, async () => {
          const files = loadFixture(file, kind);
          const report = await analyzeMemory(files, cat, undefined, enable);
          assertNoErrors(report, id);
          const mine = report.findings.filter((f) => f.ruleId === id && !f.suppression);
          assert.ok(mine.length > 0, 'an invalid fixture must raise at least one finding');
          for (const f of mine) {
            seenMessages.add(f.messageId);
            for (const x of f.fixes) seenFixes.add(x.fixId);
            assert.ok(!/\{[A-Za-z]+\}/.test(f.message.en + f.message.ja), `unfilled placeholder in "${f.message.en}" / "${f.message.ja}"`);
          }
          let snapshot = render(mine);
          // Apply every fix, show the diff, and check the rule no longer reports what was fixed.
          const plan = planFixes(mine, readFrom(files), new Set(['safe', 'needs-review']));
          if (plan.applied > 0) {
            const fixed = { ...files };
            const diffs: string[] = [];
            for (const [p, content] of plan.files) {
              diffs.push(unifiedDiff(p, readFrom(files)(p) ?? '', content, plan.created.has(p)));
              fixed[p] = content;
            }
            snapshot += `\n\n--- fixes applied: ${plan.applied} ---\n${diffs.join('')}`;
            const after = await analyzeMemory(fixed, cat, undefined, enable);
            const remaining = after.findings.filter((f) => f.ruleId === id && !f.suppression);
            assert.ok(remaining.length <= mine.length - plan.applied, `fixes applied ${plan.applied} but ${remaining.length} of ${mine.length} findings remain:\n${render(remaining)}`);
            for (const p of plan.files.keys()) {
              const status = after.files.find((f) => f.path === p);
              assert.ok(!status || status.status === 'evaluated', `${p} no longer parses after the fix: ${status?.reason?.en}`);
            }
          }
          const snapPath = `${file}.snap`;
          const expected = `${snapshot}\n`;
          if (update || !fs.existsSync(snapPath)) {
            if (!update) assert.fail(`missing snapshot ${path.relative(ROOT, snapPath)}; run with UPDATE_SNAPSHOTS=1 and review it`);
            fs.writeFileSync(snapPath, expected);
          } else {
            assert.equal(expected, fs.readFileSync(snapPath, 'utf8'), `snapshot ${path.relative(ROOT, snapPath)} differs (UPDATE_SNAPSHOTS=1 to accept)`);
          }
        });
      }
      it('uses every message and fix it declares in its invalid fixtures', () => {
        assert.deepEqual(Object.keys(def.meta.messages).filter((m) => !seenMessages.has(m)), [], 'messages never produced by an invalid fixture');
        assert.deepEqual(Object.keys(def.meta.fixes ?? {}).filter((m) => !seenFixes.has(m)), [], 'fixes never offered by an invalid fixture');
      });
    });
  }
});

function assertNoErrors(report: RepoReport, id: string): void {
  const r = report.rules.find((x) => x.ruleId === id);
  assert.notEqual(r?.outcome, 'error', `rule errored: ${r?.detail}`);
  const bad = report.files.filter((f) => f.status === 'not-evaluated');
  assert.deepEqual(bad.map((f) => `${f.path}: ${f.reason?.en}`), [], 'fixture files must parse');
}
