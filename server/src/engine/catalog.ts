// The rule catalogue and guideline catalogue as the engine receives them from an adapter.
// The engine never imports rules/: adapters build a Catalog and hand it to analyzeRepo().
import type { FileKind } from './detect';
import type { Confidence, Severity, Text } from './model';
import type { FileCheck, RepoCheck } from './ruleApi';

export type Profile = 'recommended' | 'strict';
export const PROFILES: readonly Profile[] = ['recommended', 'strict'];
export type FixKind = 'none' | 'safe' | 'needs-review';
export type GuidelineSource = 'meti-cip' | 'ssdf' | 'osps' | 'cra' | 'scorecard' | 'cisa-sbd';

export interface GuidelineReference {
  readonly source: GuidelineSource;
  readonly ref: string;
  readonly relation: 'full' | 'partial';
}

/** rule.yaml, as validated by rules/rule.schema.json. */
export interface RuleMeta {
  readonly id: string;
  readonly title: Text;
  /** `file`: runs once per file of `kinds`. `repository`: runs once, reading files of `kinds`. */
  readonly scope: 'file' | 'repository';
  readonly kinds: readonly FileKind[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly lifecycle: 'stable' | 'experimental';
  readonly profiles: readonly Profile[];
  readonly network: boolean;
  readonly fix: FixKind;
  readonly references: readonly GuidelineReference[];
  readonly messages: Readonly<Record<string, Text>>;
  readonly fixes?: Readonly<Record<string, Text>>;
  readonly rationale: Text;
  readonly remediation: Text;
  /** JSON Schema of the options `.kamae.yaml` may set under `rules.<id>.options`. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Peer tools' checks this rule corresponds to (`zizmor:artipacked`, `hadolint:DL3002`); their ignore comments suppress it too. */
  readonly peers?: readonly string[];
  /** Implemented inside the engine (suppression and config checks) rather than by a check.ts. */
  readonly builtin?: boolean;
}

export interface RuleDefinition {
  readonly meta: RuleMeta;
  /** `FileCheck<never>` accepts a check of any kind; the generated catalogue checks each against its rule.yaml kinds. */
  readonly check?: FileCheck<never> | RepoCheck;
}

export interface GuidelineItem {
  readonly id: string;
  readonly title: Text;
  readonly parent?: string | null;
  /** OSPS Baseline maturity levels the item applies at. */
  readonly levels?: readonly number[];
  /** An item of a draft revision (SSDF v1.2). */
  readonly draft?: boolean;
  readonly risk?: string;
  readonly note?: Text;
}
export interface GuidelineFramework {
  readonly source: GuidelineSource;
  readonly title: Text;
  readonly version?: string;
  readonly url?: string;
  readonly note?: Text;
  readonly items: readonly GuidelineItem[];
}
export interface MetiRequirement {
  readonly id: string;
  readonly label: string;
  readonly title: Text;
  readonly description: Text;
  readonly evidence: 'found-text' | 'inferred';
  readonly checklistItem?: string | null;
  readonly note?: Text;
}
export interface MetiGroup {
  readonly id: string;
  readonly label: string;
  readonly title: Text;
  readonly responsibility: Text;
  readonly evidence: 'found-text' | 'inferred';
  readonly audience: 'provider' | 'customer';
  readonly note?: Text;
  readonly requirements: readonly MetiRequirement[];
}
export interface AttestationItem {
  readonly id: string;
  readonly requirement: string;
  readonly title: Text;
  readonly description: Text;
  readonly refs: readonly { readonly source: GuidelineSource; readonly ref: string }[];
  readonly api: boolean;
  readonly note?: Text;
}
export interface MetiCatalogue {
  readonly source: 'meti-cip';
  readonly title: Text;
  readonly version?: string;
  readonly url?: string;
  readonly note?: Text;
  readonly groups: readonly MetiGroup[];
  readonly attestations: readonly AttestationItem[];
}

export interface GuidelineCatalogue {
  readonly meti: MetiCatalogue;
  readonly frameworks: readonly GuidelineFramework[];
}

export interface Catalog {
  readonly rules: readonly RuleDefinition[];
  readonly guidelines: GuidelineCatalogue;
}

/** Builtin rule ids the engine itself reports under. Their metadata lives in rules/kamae/. */
export const BUILTIN = {
  invalidConfig: 'kamae/invalid-config',
  invalidSuppression: 'kamae/invalid-suppression',
  expiredSuppression: 'kamae/expired-suppression',
  invalidAttestation: 'kamae/invalid-attestation',
  expiredAttestation: 'kamae/expired-attestation',
} as const;
