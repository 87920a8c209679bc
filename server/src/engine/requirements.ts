// Guideline requirement states, derived from the outcomes of the rules mapped to each requirement and
// from attestations. No blended score: each requirement gets one named state and its evidence.
// Three views share one derivation: METI/NCO requirements (the default), and the items of NIST SSDF
// or the OSPS Baseline that rules (or METI attestation items) reference, grouped by top-level item.
import type { AttestationItem, GuidelineCatalogue, GuidelineFramework, GuidelineSource, RuleMeta } from './catalog';
import type { Outcome, RequirementState, RequirementStateName, RuleResult, Text } from './model';

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
  /** Decided already (a report's entries); otherwise `expires` is compared with today. */
  readonly status?: 'valid' | 'expired';
}

/** Which guideline a panel or report is organised by. */
export type GuidelineView = 'meti' | 'ssdf' | 'osps';
export const GUIDELINE_VIEWS: readonly GuidelineView[] = ['meti', 'ssdf', 'osps'];

/** A requirement of a view: what counts as its evidence and which attestation items speak to it. */
export interface ViewRequirement {
  readonly id: string;
  readonly groupId: string;
  readonly title: Text;
  /** Attestation items (METI catalogue) whose statements count for this requirement. */
  readonly items: readonly AttestationItem[];
}
export interface ViewGroup {
  readonly id: string;
  readonly title: Text;
  readonly requirements: readonly ViewRequirement[];
}
export interface ViewStructure {
  readonly view: GuidelineView;
  readonly source: GuidelineSource;
  readonly groups: readonly ViewGroup[];
  /** True when a rule reference of `source` counts for requirement `id`. */
  covers(requirementId: string, ref: string): boolean;
  /** True when the attestation record counts for the requirement. */
  attests(requirement: ViewRequirement, record: AttestationRecord): boolean;
}

type RuleState = 'none' | 'not-applicable' | 'met' | 'not-met' | 'partly-met';

/**
 * The groups and requirements of a view. METI: its groups and requirements as catalogued. SSDF/OSPS:
 * every item that a rule in `metas` or a METI attestation item references, under its top-level item,
 * in catalogue order; a reference to an item also counts for its ancestors' requirements.
 */
export function viewStructure(guidelines: GuidelineCatalogue, metas: Iterable<RuleMeta>, view: GuidelineView): ViewStructure {
  if (view === 'meti') {
    return {
      view,
      source: 'meti-cip',
      groups: guidelines.meti.groups.map((g) => ({
        id: g.id,
        title: g.title,
        requirements: g.requirements.map((q) => ({ id: q.id, groupId: g.id, title: q.title, items: guidelines.meti.attestations.filter((a) => a.requirement === q.id) })),
      })),
      covers: (id, ref) => id === ref,
      attests: (q, r) => r.requirement === q.id,
    };
  }
  const framework = guidelines.frameworks.find((f) => f.source === view);
  if (!framework) return { view, source: view, groups: [], covers: () => false, attests: () => false };
  const parent = new Map(framework.items.map((i) => [i.id, i.parent ?? null]));
  /** The item and its ancestors, nearest first (cycles and unknown parents end the chain). */
  const lineage = (id: string): string[] => {
    const out: string[] = [];
    for (let cur: string | null | undefined = id; cur && parent.has(cur) && !out.includes(cur); cur = parent.get(cur)) out.push(cur);
    return out;
  };
  const referenced = new Set<string>();
  for (const m of metas) for (const r of m.references) if (r.source === view && parent.has(r.ref)) referenced.add(r.ref);
  for (const a of guidelines.meti.attestations) for (const r of a.refs) if (r.source === view && parent.has(r.ref)) referenced.add(r.ref);
  const covers = (id: string, ref: string) => lineage(ref).includes(id);
  const itemsFor = (id: string) => guidelines.meti.attestations.filter((a) => a.refs.some((r) => r.source === view && covers(id, r.ref)));
  const groups: ViewGroup[] = [];
  for (const top of framework.items.filter((i) => !i.parent)) {
    const requirements = framework.items
      .filter((i) => referenced.has(i.id) && lineage(i.id).at(-1) === top.id)
      .map((i): ViewRequirement => ({ id: i.id, groupId: top.id, title: i.title, items: itemsFor(i.id) }));
    if (requirements.length > 0) groups.push({ id: top.id, title: top.title, requirements });
  }
  return {
    view,
    source: view,
    groups,
    covers,
    // A statement about an item counts where that item does; one about a whole METI requirement covers its items.
    attests: (q, r) => q.items.some((i) => (r.item !== undefined ? i.id === r.item : i.requirement === r.requirement)),
  };
}

/** The framework catalogue behind a view (undefined for METI, which has its own). */
export function viewFramework(guidelines: GuidelineCatalogue, view: GuidelineView): GuidelineFramework | undefined {
  return view === 'meti' ? undefined : guidelines.frameworks.find((f) => f.source === view);
}

export function deriveRequirementStates(
  guidelines: GuidelineCatalogue,
  metas: ReadonlyMap<string, RuleMeta>,
  results: readonly RuleResult[],
  attestations: readonly AttestationRecord[],
  today: string,
  view: GuidelineView = 'meti',
): RequirementState[] {
  const structure = viewStructure(guidelines, metas.values(), view);
  const byRule = new Map(results.map((r) => [r.ruleId, r]));
  const out: RequirementState[] = [];
  for (const group of structure.groups) {
    for (const req of group.requirements) {
      const rules: { ruleId: string; outcome: Outcome; relation: 'full' | 'partial' }[] = [];
      for (const meta of metas.values()) {
        const refs = meta.references.filter((r) => r.source === structure.source && structure.covers(req.id, r.ref));
        const result = byRule.get(meta.id);
        if (refs.length > 0 && result) rules.push({ ruleId: meta.id, outcome: result.outcome, relation: refs.some((r) => r.relation === 'full') ? 'full' : 'partial' });
      }
      rules.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
      const records = attestations.filter((a) => structure.attests(req, a));
      const state = combine(ruleState(rules.map((r) => r.outcome)), req.items.length > 0, attestationState(records, today));
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

/** Whether a statement still counts on `today`. */
export function attestationValid(r: AttestationRecord, today: string): boolean {
  return r.status !== undefined ? r.status === 'valid' : r.expires === undefined || r.expires >= today;
}

function attestationState(records: readonly AttestationRecord[], today: string): 'none' | 'attested' | 'expired' {
  if (records.length === 0) return 'none';
  return records.some((r) => attestationValid(r, today)) ? 'attested' : 'expired';
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
