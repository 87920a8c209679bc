// Fix application and diffs: edits apply whole or not at all, never over each other, and the
// line diff always reconstructs both sides.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { applyChanges, diffLines, planFixes, unifiedDiff, type Finding } from '../../server/src/engine';

const finding = (fixes: Finding['fixes']): Finding => ({ ruleId: 'r/x', messageId: 'm', message: { en: '', ja: '' }, severity: 'low', confidence: 'high', path: 'a.txt', fixes, fingerprint: 'f' });
const edit = (start: number, end: number, newText: string) => ({ path: 'a.txt', span: { start, end }, range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, newText });

describe('fixes', () => {
  it('applies non-overlapping changes in any order and skips overlapping ones', () => {
    assert.deepEqual(applyChanges('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 1, newText: 'A' }]), { text: 'AbcdEf', skipped: 0 });
    assert.deepEqual(applyChanges('abcdef', [{ start: 0, end: 3, newText: 'X' }, { start: 2, end: 4, newText: 'Y' }]), { text: 'Xdef', skipped: 1 });
  });

  it('plans only allowed safeties, skips suppressed findings, and never creates over an existing file', () => {
    const read = (p: string) => (p === 'a.txt' ? 'hello world' : p === 'EXISTS.md' ? 'x' : undefined);
    const findings = [
      finding([{ fixId: 'a', title: { en: '', ja: '' }, safety: 'safe', edits: [edit(0, 5, 'HELLO')] }]),
      finding([{ fixId: 'b', title: { en: '', ja: '' }, safety: 'needs-review', edits: [edit(6, 11, 'WORLD')] }]),
      { ...finding([{ fixId: 'c', title: { en: '', ja: '' }, safety: 'safe', edits: [edit(6, 11, 'there')] }]), suppression: { kind: 'inline' as const, reason: 'r', path: 'a.txt' } },
      finding([{ fixId: 'd', title: { en: '', ja: '' }, safety: 'safe', edits: [{ path: 'EXISTS.md', create: 'new' }] }]),
      finding([{ fixId: 'e', title: { en: '', ja: '' }, safety: 'safe', edits: [{ path: 'NEW.md', create: 'new' }] }]),
    ];
    const safe = planFixes(findings, read, new Set(['safe']));
    assert.equal(safe.files.get('a.txt'), 'HELLO world');
    assert.equal(safe.files.get('NEW.md'), 'new');
    assert.ok(!safe.files.has('EXISTS.md'));
    assert.deepEqual([safe.applied, safe.skipped], [2, 1]);
    const all = planFixes(findings, read, new Set(['safe', 'needs-review']));
    assert.equal(all.files.get('a.txt'), 'HELLO WORLD');
  });

  it('skips a whole fix when one of its edits collides with an earlier fix', () => {
    const read = () => '0123456789';
    const plan = planFixes(
      [
        finding([{ fixId: 'a', title: { en: '', ja: '' }, safety: 'safe', edits: [edit(2, 4, 'xx')] }]),
        finding([{ fixId: 'b', title: { en: '', ja: '' }, safety: 'safe', edits: [edit(8, 9, 'Z'), edit(3, 5, 'yy')] }]),
      ],
      read,
      new Set(['safe']),
    );
    assert.equal(plan.files.get('a.txt'), '01xx456789');
    assert.deepEqual([plan.applied, plan.skipped], [1, 1]);
  });

  it('diffs lines so that both sides can be rebuilt', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const ops = diffLines(a, b);
        assert.deepEqual(ops.filter((o) => o.op !== '+').map((o) => o.text), a);
        assert.deepEqual(ops.filter((o) => o.op !== '-').map((o) => o.text), b);
      }),
      { numRuns: 500 },
    );
  });

  it('writes a standard unified diff', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    assert.equal(unifiedDiff('x.txt', before, after), '--- a/x.txt\n+++ b/x.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
    assert.equal(unifiedDiff('n.txt', '', 'a\nb\n', true), '--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    assert.equal(unifiedDiff('x.txt', 'same\n', 'same\n'), '');
  });
});
