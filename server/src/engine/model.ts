// The engine's data model: what a scan produces (RepoReport) and the pieces it is built from.
// Everything here is plain, serialisable data so adapters can send it over LSP or write it as JSON.

/** A bilingual text. English is the fallback for every other language. */
export interface Text {
  readonly en: string;
  readonly ja: string;
}
export type Lang = keyof Text;

/** Impact if the finding is real. Kept apart from Confidence (how likely it is real). */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export type Confidence = 'high' | 'medium' | 'low';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}
export interface Range {
  readonly start: Position;
  readonly end: Position;
}
/** Half-open UTF-16 offsets into a file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type FixSafety = 'safe' | 'needs-review';

/** One change to one file: replace `span` with `newText`, or create the file with `create`. */
export type FileEdit =
  | { readonly path: string; readonly span: Span; readonly range: Range; readonly newText: string }
  | { readonly path: string; readonly create: string };

export interface Fix {
  readonly fixId: string;
  readonly title: Text;
  readonly safety: FixSafety;
  readonly edits: readonly FileEdit[];
}

export type SuppressionKind = 'inline' | 'config';
export interface AppliedSuppression {
  readonly kind: SuppressionKind;
  readonly reason: string;
  readonly expires?: string;
  /** Where the suppression itself is written (the comment line, or the config file). */
  readonly path: string;
  readonly line?: number;
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: Text;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Repository-relative POSIX path; absent for repository-level findings (e.g. no SECURITY.md). */
  readonly path?: string;
  readonly range?: Range;
  readonly fixes: readonly Fix[];
  /** Stable across unrelated edits: rule, path, message id, the flagged text and its occurrence. */
  readonly fingerprint: string;
  readonly suppression?: AppliedSuppression;
}

export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'error';

export interface RuleResult {
  readonly ruleId: string;
  readonly outcome: Outcome;
  /** How many targets (files, or 1 for the repository) the rule inspected. */
  readonly evaluated: number;
  readonly findings: number;
  readonly suppressed: number;
  /** Why the rule errored or was not applicable, when known. */
  readonly detail?: string;
}

export type FileStatus = 'evaluated' | 'not-evaluated';
export interface FileResult {
  readonly path: string;
  readonly kind: string;
  readonly status: FileStatus;
  /** Why a file was not evaluated: parse error, size limit, binary, invalid UTF-8... */
  readonly reason?: Text;
  /** Zero-based line of the problem (a syntax error), when the parser knows it. */
  readonly line?: number;
  readonly sha256?: string;
}

/** A path the walker saw but did not read, with the reason (symlink out of the root, over a limit...). */
export interface SkippedPath {
  readonly path: string;
  readonly reason: Text;
}

export type RequirementStateName =
  | 'met'
  | 'not-met'
  | 'partly-met'
  | 'not-applicable'
  | 'needs-attestation'
  | 'attested'
  | 'attestation-expired';

export interface RequirementState {
  readonly requirementId: string;
  readonly groupId: string;
  readonly state: RequirementStateName;
  /** Rule outcomes that decided the state, in rule-id order. */
  readonly rules: readonly { readonly ruleId: string; readonly outcome: Outcome; readonly relation: 'full' | 'partial' }[];
  readonly attestations: readonly string[];
}

/** An attestation as the report shows it: the statement, and whether it still counts. */
export interface AttestationEntry {
  readonly requirement: string;
  readonly item?: string;
  readonly owner: string;
  readonly evidence: string;
  readonly date: string;
  readonly expires?: string;
  readonly note?: string;
  readonly status: 'valid' | 'expired';
  /** Where it is written (the attestations file), for links and diagnostics. */
  readonly path?: string;
  readonly line?: number;
}

export interface RepoReport {
  readonly tool: { readonly name: 'kamae'; readonly version: string };
  /** The profile the rules were chosen by. */
  readonly profile: string;
  readonly files: readonly FileResult[];
  readonly skipped: readonly SkippedPath[];
  readonly rules: readonly RuleResult[];
  /** Active and suppressed findings; a suppressed finding carries `suppression`. */
  readonly findings: readonly Finding[];
  readonly requirements: readonly RequirementState[];
  readonly attestations: readonly AttestationEntry[];
  /** The file repository-level findings are shown on (README, package.json...), when the repository has one. */
  readonly anchor?: string;
}
