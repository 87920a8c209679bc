// Guideline views: SSDF practices and OSPS Baseline families are organised like METI requirements,
// from the items rules and METI attestation items reference, with states from the same logic.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeRepo, buildAssessment, deriveRequirementStates, viewStructure, type Outcome, type RuleMeta, type RuleResult } from '../server/src/engine';
import { diskSource } from '../server/src/node/diskSource';
import { RULE_METAS } from '../server/src/node/product';
import { CATALOG, ROOT, TODAY } from './helpers/repo';

const G = CATALOG.guidelines;
const meta = (id: string, refs: RuleMeta['references']): RuleMeta => ({ ...CATALOG.rules[0]!.meta, id, references: refs });
const res = (ruleId: string, outcome: Outcome): RuleResult => ({ ruleId, outcome, evaluated: 1, findings: outcome === 'fail' ? 1 : 0, suppressed: 0 });
const item = (id: string) => G.meti.attestations.find((a) => a.id === id)!;

describe('guideline views', () => {
  it('groups SSDF and OSPS requirements under their top-level items, in catalogue order', () => {
    for (const view of ['ssdf', 'osps'] as const) {
      const framework = G.frameworks.find((f) => f.source === view)!;
      const s = viewStructure(G, RULE_METAS, view);
      const tops = framework.items.filter((i) => !i.parent).map((i) => i.id);
      assert.ok(s.groups.length > 3, view);
      assert.deepEqual(s.groups.map((g) => g.id), tops.filter((id) => s.groups.some((g) => g.id === id)), `${view}: groups in catalogue order`);
      const order = framework.items.map((i) => i.id);
      for (const g of s.groups) {
        const ids = g.requirements.map((q) => q.id);
        assert.deepEqual(ids, [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)), `${view} ${g.id}: requirements in catalogue order`);
        for (const id of ids) assert.ok(id === g.id || id.startsWith(view === 'ssdf' ? `${g.id}.` : `${g.id}-`), `${id} belongs under ${g.id}`);
      }
      // Every item a rule references is a requirement, and so is every item a METI attestation item references.
      const all = new Set(s.groups.flatMap((g) => g.requirements.map((q) => q.id)));
      for (const m of RULE_METAS) for (const r of m.references) if (r.source === view) assert.ok(all.has(r.ref), `${m.id} -> ${r.ref}`);
      for (const a of G.meti.attestations) for (const r of a.refs) if (r.source === view) assert.ok(all.has(r.ref), `${a.id} -> ${r.ref}`);
    }
  });

  it('makes a referenced top-level item a requirement of its own group (SSDF PO.6, RV.1)', () => {
    const s = viewStructure(G, RULE_METAS, 'ssdf');
    const rv1 = s.groups.find((g) => g.id === 'RV.1')!;
    assert.ok(rv1.requirements.some((q) => q.id === 'RV.1'), 'A-items reference RV.1 itself');
    assert.ok(rv1.requirements.some((q) => q.id === 'RV.1.3'), 'rules reference RV.1.3');
    assert.deepEqual(rv1.requirements.find((q) => q.id === 'RV.1')!.items.map((i) => i.id).includes(G.meti.attestations.find((a) => a.refs.some((r) => r.ref === 'RV.1'))!.id), true);
  });

  it('counts rules that reference the item or its descendants, with full coverage when any reference is full', () => {
    const metas = new Map([
      ['t/child', meta('t/child', [{ source: 'osps', ref: 'OSPS-AC-03.01', relation: 'partial' }, { source: 'meti-cip', ref: '1-1', relation: 'partial' }])],
      ['t/other', meta('t/other', [{ source: 'osps', ref: 'OSPS-AC-03.02', relation: 'full' }, { source: 'meti-cip', ref: '1-1', relation: 'partial' }])],
      ['t/elsewhere', meta('t/elsewhere', [{ source: 'osps', ref: 'OSPS-BR-01.01', relation: 'full' }, { source: 'meti-cip', ref: '1-1', relation: 'partial' }])],
    ]);
    const states = deriveRequirementStates(G, metas, [res('t/child', 'pass'), res('t/other', 'fail'), res('t/elsewhere', 'pass')], [], TODAY, 'osps');
    // OSPS-AC-03 is referenced by a METI attestation item; both its assessment requirements count for it.
    const ac03 = states.find((q) => q.requirementId === 'OSPS-AC-03')!;
    assert.equal(ac03.groupId, 'OSPS-AC');
    assert.deepEqual(ac03.rules.map((r) => `${r.ruleId}:${r.outcome}:${r.relation}`), ['t/child:pass:partial', 't/other:fail:full']);
    assert.equal(ac03.state, 'partly-met');
    assert.equal(states.find((q) => q.requirementId === 'OSPS-AC-03.01')!.state, 'met');
    assert.equal(states.find((q) => q.requirementId === 'OSPS-AC-03.02')!.state, 'not-met');
    assert.equal(states.find((q) => q.requirementId === 'OSPS-BR-01.01')!.state, 'met');
  });

  it('reads METI attestation items whose refs name the item as its attestations, with expiry', () => {
    const a2 = item('A2'); // refs SSDF PO.2.1 and OSPS-GV-01
    assert.ok(a2.refs.some((r) => r.ref === 'PO.2.1') && a2.refs.some((r) => r.ref === 'OSPS-GV-01'));
    const stateOf = (view: 'ssdf' | 'osps', id: string, records: Parameters<typeof deriveRequirementStates>[3]) => deriveRequirementStates(G, new Map(), [], records, TODAY, view).find((q) => q.requirementId === id)!;
    const base = { owner: 'o', evidence: 'e', date: '2026-01-01' };
    assert.equal(stateOf('osps', 'OSPS-GV-01', []).state, 'needs-attestation');
    const byItem = stateOf('osps', 'OSPS-GV-01', [{ ...base, requirement: a2.requirement, item: 'A2' }]);
    assert.equal(byItem.state, 'attested');
    assert.deepEqual(byItem.attestations, ['A2']);
    assert.equal(stateOf('ssdf', 'PO.2.1', [{ ...base, requirement: a2.requirement, item: 'A2', expires: '2026-02-01' }]).state, 'attestation-expired');
    // An entry's own status wins over its dates (the report decided it on the scan's day).
    assert.equal(stateOf('ssdf', 'PO.2.1', [{ ...base, requirement: a2.requirement, item: 'A2', status: 'expired' }]).state, 'attestation-expired');
    // A statement about the whole METI requirement covers its items; one about another item does not.
    assert.equal(stateOf('osps', 'OSPS-GV-01', [{ ...base, requirement: a2.requirement }]).state, 'attested');
    const other = G.meti.attestations.find((a) => a.requirement === a2.requirement && a.id !== 'A2' && !a.refs.some((r) => r.ref === 'OSPS-GV-01'));
    if (other) assert.equal(stateOf('osps', 'OSPS-GV-01', [{ ...base, requirement: other.requirement, item: other.id }]).state, 'needs-attestation');
  });

  it('keeps the METI view as the report computes it', () => {
    const s = viewStructure(G, RULE_METAS, 'meti');
    assert.deepEqual(s.groups.map((g) => g.id), G.meti.groups.map((g) => g.id));
    const metas = new Map(RULE_METAS.map((m) => [m.id, m]));
    assert.deepEqual(deriveRequirementStates(G, metas, [], [], TODAY), deriveRequirementStates(G, metas, [], [], TODAY, 'meti'));
  });

  it('builds SSDF and OSPS self-assessments of a repository from the same outcomes', async () => {
    const report = await analyzeRepo(diskSource(path.join(ROOT, 'test/fixtures/report-repo')), CATALOG, { toolVersion: '0.0.0', today: TODAY });
    for (const view of ['ssdf', 'osps'] as const) {
      const a = buildAssessment(report, CATALOG, RULE_METAS, { lang: 'en', repository: 'r', date: TODAY, view });
      assert.equal(a.view, view);
      assert.equal(a.guideline.title, G.frameworks.find((f) => f.source === view)!.title.en);
      const requirements = a.groups.flatMap((g) => g.requirements);
      for (const g of a.groups) assert.equal(Object.values(g.counts).reduce((x, y) => x + y, 0), g.requirements.length);
      // A requirement's rules are exactly the rules that ran and reference it or an item below it.
      const structure = viewStructure(G, RULE_METAS, view);
      const ran = new Set(report.rules.map((r) => r.ruleId));
      for (const q of requirements) {
        const expected = RULE_METAS.filter((m) => ran.has(m.id) && m.references.some((r) => r.source === view && structure.covers(q.id, r.ref))).map((m) => m.id).sort();
        assert.deepEqual(q.rules.map((r) => r.ruleId), expected, q.id);
        assert.equal(q.description, undefined);
        for (const i of q.attestationItems) assert.ok(G.meti.attestations.some((x) => x.id === i.id && x.requirement === i.requirement));
      }
      // The attestation of A15 (requirement 3-1, valid on TODAY) shows wherever A15 is referenced.
      const a15 = G.meti.attestations.find((x) => x.id === 'A15')!;
      for (const r of a15.refs.filter((x) => x.source === view)) {
        const q = requirements.find((x) => structure.covers(x.id, r.ref) && x.id === r.ref)!;
        assert.ok(q.attestations.some((e) => e.item === 'A15' && e.status === 'valid'), `${view} ${q.id}`);
        assert.ok(q.attestationItems.find((i) => i.id === 'A15')!.attested);
      }
    }
  });
});
