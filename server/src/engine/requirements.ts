// Guideline requirement states, derived from the outcomes of the rules mapped to each requirement and
// from attestations. No blended score: each requirement gets one named state and its evidence.
import type { GuidelineCatalogue, RuleMeta } from './catalog';
import type { Outcome, RequirementState, RequirementStateName, RuleResult } from './model';

/** One person's statement that a requirement (or one of its attestation items) is satisfied. */
export interface AttestationRecord {
  readonly requirement: string;
  /** The catalogue attestation item (A1...) the statement covers, when it names one. */
  readonly item?: string;
  readonly owner: string;
  readonly evidence: string;
  /** YYYY-MM-DD the statement was made. */
  readonly date: string;
  /** YYYY-MM-DD after which the statement no longer counts. */
  readonly expires?: string;
}

type RuleState = 'none' | 'not-applicable' | 'met' | 'not-met' | 'partly-met';

export function deriveRequirementStates(
  guidelines: GuidelineCatalogue,
  metas: ReadonlyMap<string, RuleMeta>,
  results: readonly RuleResult[],
  attestations: readonly AttestationRecord[],
  today: string,
): RequirementState[] {
  const byRule = new Map(results.map((r) => [r.ruleId, r]));
  const out: RequirementState[] = [];
  for (const group of guidelines.meti.groups) {
    for (const req of group.requirements) {
      const rules: { ruleId: string; outcome: Outcome; relation: 'full' | 'partial' }[] = [];
      for (const meta of metas.values()) {
        const ref = meta.references.find((r) => r.source === 'meti-cip' && r.ref === req.id);
        const result = byRule.get(meta.id);
        if (ref && result) rules.push({ ruleId: meta.id, outcome: result.outcome, relation: ref.relation });
      }
      rules.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
      const items = guidelines.meti.attestations.filter((a) => a.requirement === req.id);
      const records = attestations.filter((a) => a.requirement === req.id);
      const state = combine(ruleState(rules.map((r) => r.outcome)), items.length > 0, attestationState(records, today));
      out.push({
        requirementId: req.id,
        groupId: group.id,
        state,
        rules,
        attestations: records.map((r) => r.item ?? r.requirement).sort(),
      });
    }
  }
  return out;
}

function ruleState(outcomes: readonly Outcome[]): RuleState {
  if (outcomes.length === 0) return 'none';
  const applicable = outcomes.filter((o) => o !== 'not-applicable');
  if (applicable.length === 0) return 'not-applicable';
  const failing = applicable.filter((o) => o === 'fail').length;
  const errored = applicable.filter((o) => o === 'error').length;
  const passing = applicable.length - failing - errored;
  if (failing === 0 && errored === 0) return 'met';
  if (passing === 0 && errored === 0) return 'not-met';
  // Some evidence passes and some fails or could not be evaluated: an error never reads as met.
  return 'partly-met';
}

function attestationState(records: readonly AttestationRecord[], today: string): 'none' | 'attested' | 'expired' {
  if (records.length === 0) return 'none';
  return records.some((r) => r.expires === undefined || r.expires >= today) ? 'attested' : 'expired';
}

function combine(rules: RuleState, hasItems: boolean, att: 'none' | 'attested' | 'expired'): RequirementStateName {
  // Failing evidence in the repository is never overridden by a statement.
  if (rules === 'not-met' || rules === 'partly-met') return rules;
  const fromAttestation: RequirementStateName = att === 'attested' ? 'attested' : att === 'expired' ? 'attestation-expired' : 'needs-attestation';
  if (rules === 'met') {
    if (!hasItems) return 'met';
    return att === 'attested' ? 'met' : fromAttestation;
  }
  if (rules === 'not-applicable' && !hasItems && att === 'none') return 'not-applicable';
  return fromAttestation;
}
