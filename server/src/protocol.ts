// The contract between the Kamae client and language server: custom requests and notifications,
// the `kamae` settings, and the shape of Diagnostic.data. Declared once, imported by both sides.
// Each message is a namespace holding its method name and a typed message type, as vscode-eslint does.
/* eslint-disable @typescript-eslint/no-namespace -- namespaces group each message's method and type, the LSP convention */
import { NotificationType, RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { AttestationEntry, FixSafety, Lang, Range, RepoReport, Severity } from './engine/model';
import type { Assessment } from './engine/report/assessment';
import type { GuidelineView } from './engine/requirements';

export type { Assessment, AssessedGroup, AssessedRequirement, EvidenceRule, EvidenceFinding } from './engine/report/assessment';
export type { AttestationEntry, Lang, RequirementStateName, Severity } from './engine/model';
export type { GuidelineView } from './engine/requirements';

// ---- settings ---------------------------------------------------------------------------------

/** `auto`: the profile .kamae.yaml names (recommended when it names none). */
export type ProfileSetting = 'auto' | 'recommended' | 'strict';
export type SeverityOverride = Severity | 'off';
export type TraceSetting = 'off' | 'messages' | 'verbose';
/** `auto`: VS Code's display language. Japanese is used for `ja*`, English for everything else. */
export type LanguageSetting = 'auto' | 'en' | 'ja';

/** The `kamae` configuration section, per workspace folder. */
export interface KamaeSettings {
  readonly enable: boolean;
  readonly profile: ProfileSetting;
  /** Rule id -> severity, or `off` to disable the rule in this editor. Layered over .kamae.yaml. */
  readonly severityOverrides: Readonly<Record<string, SeverityOverride>>;
  /** The language of diagnostics, the panel and reports (a team can get Japanese reports in an English editor). */
  readonly language: LanguageSetting;
  readonly trace: { readonly server: TraceSetting };
}

export const DEFAULT_SETTINGS: KamaeSettings = { enable: true, profile: 'auto', severityOverrides: {}, language: 'auto', trace: { server: 'off' } };

/** The language a `kamae.language` value means, given the editor's display language. */
export function resolveLanguage(setting: LanguageSetting, displayLanguage: string | undefined): Lang {
  if (setting !== 'auto') return setting;
  return displayLanguage !== undefined && /^ja\b/i.test(displayLanguage) ? 'ja' : 'en';
}

/** One setting as package.json `contributes.configuration` declares it. */
export interface SettingSchema {
  readonly type: 'boolean' | 'string' | 'object';
  readonly default: unknown;
  readonly enum?: readonly string[];
  /** For maps: the allowed values. */
  readonly valueEnum?: readonly string[];
  readonly scope: 'resource' | 'window';
}
/** Dotted names under `kamae.`; a test holds package.json and DEFAULT_SETTINGS to exactly these. */
export type SettingName = 'enable' | 'profile' | 'severityOverrides' | 'language' | 'trace.server';
const SEVERITY_VALUES: readonly SeverityOverride[] = ['critical', 'high', 'medium', 'low', 'info', 'off'];
export const SETTINGS_SCHEMA: { readonly [K in SettingName]: SettingSchema } = {
  enable: { type: 'boolean', default: DEFAULT_SETTINGS.enable, scope: 'resource' },
  profile: { type: 'string', default: DEFAULT_SETTINGS.profile, enum: ['auto', 'recommended', 'strict'] satisfies ProfileSetting[], scope: 'resource' },
  severityOverrides: { type: 'object', default: DEFAULT_SETTINGS.severityOverrides, valueEnum: SEVERITY_VALUES, scope: 'resource' },
  language: { type: 'string', default: DEFAULT_SETTINGS.language, enum: ['auto', 'en', 'ja'] satisfies LanguageSetting[], scope: 'window' },
  'trace.server': { type: 'string', default: DEFAULT_SETTINGS.trace.server, enum: ['off', 'messages', 'verbose'] satisfies TraceSetting[], scope: 'window' },
};

/** What the client tells the server at initialize (InitializeParams.initializationOptions). */
export interface KamaeInitializationOptions {
  /**
   * The client can ask the user for a suppression's reason (VS Code: an input box), so "suppress"
   * code actions run SuppressWithReasonCommand instead of inserting a placeholder reason.
   */
  readonly promptForSuppressionReason?: boolean;
}

// ---- diagnostics and code actions ---------------------------------------------------------------

/** A text edit or a file creation of a fix, with the document version the range refers to. */
export type DataEdit =
  | { readonly path: string; readonly range: Range; readonly newText: string; readonly version: number | null }
  | { readonly path: string; readonly create: string };
export interface DataFix {
  /** In the client's language. */
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly DataEdit[];
}
/** Where a finding is and how to suppress it: everything a code action needs, so the server keeps no fix state. */
export interface SuppressionTarget {
  /** Workspace folder URI; paths are relative to it. */
  readonly folder: string;
  readonly ruleId: string;
  /** Repository-relative path of the finding; absent for a repository-level finding. */
  readonly path?: string;
  /** File kind (decides between an inline comment and a .kamae.yaml entry). */
  readonly kind?: string;
  /** Zero-based line the finding starts on. */
  readonly line?: number;
  /** Version of the open document the line refers to (null: the file on disk). */
  readonly version?: number | null;
}
/** Diagnostic.data of every Kamae finding. */
export interface KamaeDiagnosticData extends SuppressionTarget {
  readonly fixes: readonly DataFix[];
  /** Engine builtins (kamae/*) report on Kamae's own files and cannot be suppressed. */
  readonly suppressible: boolean;
}

/** Code action kind of "fix all safe problems in this file". */
export const FIX_ALL_KIND = 'source.fixAll.kamae';

/** Client command (VS Code): asks for a reason, then runs ApplySuppressionCommand. Arguments: [SuppressionTarget]. */
export const SuppressWithReasonCommand = 'kamae.suppressWithReason';
/** Server command (workspace/executeCommand): writes the suppression. Arguments: [SuppressionTarget, reason: string]. */
export const ApplySuppressionCommand = 'kamae.applySuppression';

// ---- custom requests and notifications ----------------------------------------------------------

export interface FolderParams {
  /** A workspace folder URI (or any URI inside one). */
  readonly uri: string;
}

/** The full report of the repository at a workspace folder; null when Kamae is disabled there or the folder is unknown. */
export namespace RepoReportRequest {
  export const method = 'kamae/repoReport' as const;
  export const type = new RequestType<FolderParams, RepoReport | null, void>(method);
}

/** The report as text in the client's language (the report panel's first form). */
export namespace RenderReportRequest {
  export const method = 'kamae/renderReport' as const;
  export const type = new RequestType<FolderParams & { readonly format: 'text' }, string | null, void>(method);
}

/** Scans the folder (or every folder) again from disk. */
export namespace RescanRequest {
  export const method = 'kamae/rescan' as const;
  export const type = new RequestType<Partial<FolderParams>, void, void>(method);
}

export interface RuleInfo {
  readonly id: string;
  /** In the client's language. */
  readonly title: string;
  readonly severity: Severity;
  /** Documentation page relative to the package root (docs/rules/<id>.md), shipped in the extension. */
  readonly doc: string;
}
/** The rule catalogue, for the "open rule documentation" picker. */
export namespace RuleListRequest {
  export const method = 'kamae/ruleList' as const;
  export const type = new RequestType<Record<string, never>, RuleInfo[], void>(method);
}

export type FolderState = 'analyzing' | 'ready' | 'disabled' | 'error';
export interface ReportSummary {
  readonly findings: number;
  readonly suppressed: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly filesEvaluated: number;
  readonly filesNotEvaluated: number;
}
export interface ReportChangedParams {
  readonly uri: string;
  readonly state: FolderState;
  /** Present once a report exists. */
  readonly summary?: ReportSummary;
  /** Why the folder is in the error state. */
  readonly error?: string;
}
/** Sent when a folder's report or state changes; clients request the report when they need it. */
export namespace ReportChangedNotification {
  export const method = 'kamae/reportChanged' as const;
  export const type = new NotificationType<ReportChangedParams>(method);
}

// ---- compliance panel, dashboard, attestations and the self-assessment ---------------------------

export const GUIDELINE_VIEW_IDS: readonly GuidelineView[] = ['meti', 'ssdf', 'osps'];

export interface AssessmentParams extends FolderParams {
  /** METI/NCO groups, NIST SSDF practices or OSPS Baseline families. */
  readonly view: GuidelineView;
  readonly lang: Lang;
}
/** A fix of a finding, as an edit ready to apply (versioned against the text the finding came from). */
export interface PanelFix {
  readonly title: string;
  readonly safety: FixSafety;
  readonly edit: WorkspaceEdit;
}
/** A finding as the panel shows it: where it is (for opening it) and what fixes it. */
export interface PanelFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Repository-relative path; absent for a repository-level finding (shown on `anchor`). */
  readonly path?: string;
  readonly range?: Range;
  readonly fixes: readonly PanelFix[];
  readonly suppressed: boolean;
}
export interface AssessmentResponse {
  /** The workspace folder's URI. */
  readonly folder: string;
  readonly assessment: Assessment;
  /** Every finding of the repository (suppressed ones marked), most severe first. */
  readonly findings: readonly PanelFinding[];
  /** Every attestation of the repository, whatever the view. */
  readonly attestations: readonly AttestationEntry[];
  /** The file repository-level findings are shown on. */
  readonly anchor?: string;
  /** The attestations file, when there is one. */
  readonly attestationsPath?: string;
}
/** The self-assessment of a folder in the requested view and language, with what the panel needs to act on it. */
export namespace AssessmentRequest {
  export const method = 'kamae/assessment' as const;
  export const type = new RequestType<AssessmentParams, AssessmentResponse | null, void>(method);
}

export type ExportFormat = 'html' | 'markdown' | 'json';
/** The self-assessment report as a document (the same engine code as `kamae report`). */
export namespace ExportAssessmentRequest {
  export const method = 'kamae/exportAssessment' as const;
  export const type = new RequestType<AssessmentParams & { readonly format: ExportFormat }, string | null, void>(method);
}

/** What a person attests from the panel. */
export interface AttestationInput {
  /** METI/NCO requirement id (attestations are always written against METI requirements). */
  readonly requirement: string;
  /** A catalogue attestation item of that requirement; absent for the whole requirement. */
  readonly item?: string;
  readonly owner: string;
  /** A link, or a repository-relative path. */
  readonly evidence: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly expires?: string;
}
export type AttestationEditResponse =
  /** The edit appending the entry to the attestations file (or creating it), and that file's path. */
  | { readonly ok: true; readonly path: string; readonly edit: WorkspaceEdit }
  /** Why the entry cannot be written, in the requested language. */
  | { readonly ok: false; readonly problems: readonly string[] };
/** Computes (does not apply) the edit that records an attestation, validated as the engine reads the file. */
export namespace AttestationEditRequest {
  export const method = 'kamae/attestationEdit' as const;
  export const type = new RequestType<FolderParams & { readonly lang: Lang; readonly attestation: AttestationInput }, AttestationEditResponse | null, void>(method);
}

/** A file Kamae can create for a folder: the template a repository-level finding offers. */
export interface TemplateInfo {
  /** Repository-relative path of the file to create. */
  readonly path: string;
  /** What the template is, in the requested language (the fix's title). */
  readonly title: string;
  readonly ruleId: string;
  /** Creates the file; the client refuses it if the file appeared meanwhile. */
  readonly edit: WorkspaceEdit;
}
/**
 * The templates on offer for a folder (SECURITY.md, SUPPORT.md, CODEOWNERS, dependabot.yml, an SBOM
 * workflow...): the same file creations the findings' quick fixes carry, never for a file that exists.
 */
export namespace TemplatesRequest {
  export const method = 'kamae/templates' as const;
  export const type = new RequestType<FolderParams & { readonly lang: Lang }, TemplateInfo[] | null, void>(method);
}
