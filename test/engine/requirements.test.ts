// Requirement states come from the outcomes of the rules mapped to a requirement and from
// attestations; failing evidence is never hidden by a statement.
import * as assert from 'node:assert/strict';
import { deriveRequirementStates, type Outcome, type RuleMeta, type RuleResult } from '../../server/src/engine';
import { CATALOG, TODAY } from '../helpers/repo';

const mk = (id: string, ref: string): RuleMeta => ({ ...CATALOG.rules[0]!.meta, id, references: [{ source: 'meti-cip', ref, relation: 'partial' }] });
const res = (ruleId: string, outcome: Outcome): RuleResult => ({ ruleId, outcome, evaluated: outcome === 'not-applicable' ? 0 : 1, findings: outcome === 'fail' ? 1 : 0, suppressed: 0 });

function stateOf(reqId: string, outcomes: Outcome[], attest: { expires?: string }[] = []): string {
  const metas = new Map(outcomes.map((_, i) => [`t/r${i}`, mk(`t/r${i}`, reqId)]));
  const results = outcomes.map((o, i) => res(`t/r${i}`, o));
  const records = attest.map((a) => ({ requirement: reqId, owner: 'o', evidence: 'e', date: '2026-01-01', ...a }));
  return deriveRequirementStates(CATALOG.guidelines, metas, results, records, TODAY).find((s) => s.requirementId === reqId)!.state;
}

describe('requirement states', () => {
  // A requirement no person needs to vouch for, and one with attestation items.
  const attested = new Set(CATALOG.guidelines.meti.attestations.map((a) => a.requirement));
  const ids = CATALOG.guidelines.meti.groups.flatMap((g) => g.requirements.map((q) => q.id));
  const plain = ids.find((id) => !attested.has(id)) ?? assert.fail('every requirement has attestation items');
  const withItems = ids.find((id) => attested.has(id)) ?? assert.fail('no requirement has attestation items');

  it('is met, not met or partly met from rule outcomes', () => {
    assert.equal(stateOf(plain, ['pass', 'pass']), 'met');
    assert.equal(stateOf(plain, ['fail', 'fail']), 'not-met');
    assert.equal(stateOf(plain, ['pass', 'fail']), 'partly-met');
    assert.equal(stateOf(plain, ['pass', 'not-applicable']), 'met');
    assert.equal(stateOf(plain, ['not-applicable']), 'not-applicable');
  });
  it('never reads an error as met', () => {
    assert.equal(stateOf(plain, ['pass', 'error']), 'partly-met');
    assert.equal(stateOf(plain, ['error']), 'partly-met');
  });
  it('needs attestation where a person must vouch, and honours expiry', () => {
    assert.equal(stateOf(withItems, ['pass']), 'needs-attestation');
    assert.equal(stateOf(withItems, ['pass'], [{}]), 'met');
    assert.equal(stateOf(withItems, [], [{}]), 'attested');
    assert.equal(stateOf(withItems, [], [{ expires: '2026-01-31' }]), 'attestation-expired');
    assert.equal(stateOf(withItems, ['fail'], [{}]), 'not-met');
  });
  it('covers every requirement of the catalogue', () => {
    const all = deriveRequirementStates(CATALOG.guidelines, new Map(), [], [], TODAY);
    assert.equal(all.length, CATALOG.guidelines.meti.groups.reduce((n, g) => n + g.requirements.length, 0));
  });
});
