// Attestation edits (engine/attestationEdits.ts): a new entry is appended to .kamae/attestations.yaml
// keeping what is there, validated as the engine reads it, and read back as an attestation.
import * as assert from 'node:assert/strict';
import { applyChanges, attestationEdit, type NewAttestation, type SuppressionEdit } from '../server/src/engine';
import { analyzeMemory, CATALOG, TODAY } from './helpers/repo';

const G = CATALOG.guidelines;
const A15: NewAttestation = { requirement: '3-1', item: 'A15', owner: 'PSIRT lead <psirt@example.com>', evidence: 'https://intranet.example/psirt', date: '2026-05-01', expires: '2027-05-01' };
const FILE = '.kamae/attestations.yaml';

function apply(text: string | undefined, edit: SuppressionEdit): string {
  if ('create' in edit) return edit.create;
  return applyChanges(text ?? '', [{ start: edit.span.start, end: edit.span.end, newText: edit.newText }]).text;
}
function edited(text: string | undefined, entry: NewAttestation = A15): string {
  const r = attestationEdit(text === undefined ? undefined : FILE, text, entry, G);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return apply(text, r.edit);
}
/** The attestations the engine reads from the file, with no complaint about it. */
async function readBack(text: string): Promise<string[]> {
  const report = await analyzeMemory({ [FILE]: text });
  assert.deepEqual(report.findings.filter((f) => f.ruleId.startsWith('kamae/')).map((f) => f.message.en), [], text);
  return report.attestations.map((a) => `${a.requirement}/${a.item ?? '-'}/${a.status}`);
}

describe('attestation edits', () => {
  it('creates the file with a header when there is none, and the engine reads the attestation', async () => {
    const r = attestationEdit(undefined, undefined, A15, G);
    assert.ok(r.ok && 'create' in r.edit);
    assert.equal(r.edit.path, FILE);
    const text = apply(undefined, r.edit);
    assert.match(text, /^# Attestations: /);
    assert.ok(text.endsWith('attestations:\n  - requirement: "3-1"\n    item: A15\n    owner: "PSIRT lead <psirt@example.com>"\n    evidence: "https://intranet.example/psirt"\n    date: 2026-05-01\n    expires: 2027-05-01\n'), text);
    const report = await analyzeMemory({ [FILE]: text });
    assert.deepEqual(report.attestations.map((a) => [a.requirement, a.item, a.status]), [['3-1', 'A15', 'valid']]);
  });

  it('appends to a block list, keeping comments, blank lines and the other entries as written', async () => {
    const before = '# reviewed quarterly\nattestations:\n  # the PSIRT\n  - requirement: "4-2"   # roles\n    item: A2\n    owner: CISO\n    evidence: docs/roles.md\n    date: 2026-01-10\n\n# end of list\n';
    const after = edited(before);
    assert.ok(after.startsWith(before.slice(0, before.indexOf('\n\n'))), after);
    assert.ok(after.includes('# end of list'));
    assert.ok(after.includes('# roles'));
    assert.match(after, /date: 2026-01-10\n {2}- requirement: "3-1"\n {4}item: A15\n/);
    assert.deepEqual(await readBack(after), ['4-2/A2/valid', '3-1/A15/valid']);
  });

  it('appends to a list at column 0, a flow list, an empty key, and a file without the key', async () => {
    const cases = [
      'attestations:\n- requirement: "4-2"\n  item: A2\n  owner: CISO\n  evidence: docs/roles.md\n  date: 2026-01-10\n',
      'attestations: []\n',
      'attestations: [{ requirement: "4-2", item: A2, owner: CISO, evidence: docs/roles.md, date: 2026-01-10 }]\n',
      'attestations:\n',
      '# nothing yet\n',
      'attestations:\r\n- requirement: "4-2"\r\n  item: A2\r\n  owner: CISO\r\n  evidence: docs/roles.md\r\n  date: 2026-01-10\r\n',
    ];
    for (const before of cases) {
      const after = edited(before);
      const report = await analyzeMemory({ [FILE]: after });
      assert.deepEqual(report.findings.filter((f) => f.ruleId.startsWith('kamae/')).map((f) => f.message.en), [], after);
      assert.ok(report.attestations.some((a) => a.item === 'A15' && a.owner === A15.owner), after);
      assert.equal(report.attestations.length, before.includes('A2') ? 2 : 1, after);
      if (before.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), 'keeps CRLF line ends');
    }
  });

  it('writes a whole-requirement attestation without an item, quoting what needs quoting', async () => {
    const entry: NewAttestation = { requirement: '4-1', owner: 'Board: "security committee"', evidence: 'docs/minutes #3.md', date: TODAY };
    const text = edited(undefined, entry);
    assert.ok(text.includes('owner: "Board: \\"security committee\\""'));
    assert.ok(!text.includes('item:') && !text.includes('expires:'));
    const report = await analyzeMemory({ [FILE]: text });
    assert.deepEqual(report.attestations.map((a) => [a.owner, a.evidence]), [[entry.owner, entry.evidence]]);
  });

  it('refuses entries the engine would not count, saying why in both languages', () => {
    const refused = (entry: Partial<NewAttestation>, text?: string) => {
      const r = attestationEdit(text === undefined ? undefined : FILE, text, { ...A15, ...entry }, G);
      assert.ok(!r.ok, JSON.stringify(entry));
      for (const p of r.problems) assert.ok(p.en && /[ぁ-んァ-ン一-龯]/.test(p.ja), JSON.stringify(p));
      return r.problems.map((p) => p.en).join(' | ');
    };
    assert.match(refused({ owner: '  ' }), /owner is empty/);
    assert.match(refused({ evidence: '' }), /evidence is empty/);
    assert.match(refused({ date: '2026-02-30' }), /not a valid date/);
    assert.match(refused({ expires: '2026-04-01' }), /not after the date/);
    assert.match(refused({ requirement: '9-9', item: undefined }), /requirement/);
    assert.match(refused({ item: 'A99' }), /unknown attestation item "A99"/);
    assert.match(refused({ item: 'A1' }), /item A1 belongs to requirement 4-1, not 3-1/);
    // A file that is not YAML cannot take an entry.
    assert.match(refused({}, 'attestations: [\n'), /could not take the new entry|YAML|yaml/i);
  });
});
