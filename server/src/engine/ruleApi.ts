// The one module rules/ may import: the check signatures, the context a check receives, and the
// parsing helpers rules use to read models. A check reports findings; it never decides an outcome.
import type { FileKind } from './detect';
import type { FixSafety, Range, Span } from './model';
import type { ModelFor } from './parsers';
import type { LineIndex } from './text';

export type { FileKind } from './detect';
export type { Range, Span, Text, Severity, Confidence } from './model';
export * from './parsers/yaml';
export * from './parsers/json';
export type { DockerfileModel, DockerInstruction, DockerStage, DockerWord, DockerFlag } from './parsers/dockerfile';
export { substitute as substituteDockerArgs } from './parsers/dockerfile';
export type { NpmrcEntry, NpmrcModel } from './parsers/npmrc';
export type { RequirementLine, RequirementsModel } from './parsers/requirements';
export type { GoModModel, GoReplace, GoRequire } from './parsers/gomod';
export { findTomlLine, type TomlModel } from './parsers/toml';
export type { YarnLockEntry, YarnLockField, YarnLockModel } from './parsers/yarnlock';
export { descriptorName } from './parsers/yarnlock';
export { xmlChild, xmlChildren, type XmlAttribute, type XmlElement, type XmlModel } from './parsers/xml';
export { parseImageRef, isPinnedDigest, type ImageRef } from './imageRef';
export { maskSecret, eolOf, LineIndex } from './text';
export { basename, dirname } from './detect';

/** A file the engine parsed, with the model its kind's parser produced. */
export interface ParsedFile<K extends FileKind = FileKind> {
  readonly path: string;
  readonly kind: K;
  readonly text: string;
  readonly lines: LineIndex;
  readonly model: ModelFor<K>;
}

/** Everything listed in the repository, and the parsed files of the kinds a rule reads. */
export interface RepoView {
  /** Every listed path (gitignored and vendored paths excluded), sorted. */
  readonly paths: readonly string[];
  /** The detected kind of each listed path Kamae recognises. */
  kindOf(path: string): FileKind | undefined;
  has(path: string): boolean;
  /** Parsed files of a kind. Only kinds named in the rule's `kinds` are guaranteed to be parsed. */
  filesOfKind<K extends FileKind>(kind: K): readonly ParsedFile<K>[];
  /** Listed paths of a kind, including files that could not be parsed. */
  pathsOfKind(kind: FileKind): readonly string[];
}

/** Repository-wide settings from .kamae.yaml that several rules share. */
export interface SharedSettings {
  /** Owners whose actions may use tags instead of SHAs (`allow.actionOwners`). */
  readonly actionOwners: readonly string[];
  /** Package registries the organisation trusts (`allow.registries`), host names. */
  readonly registries: readonly string[];
  /** The analysis date as YYYY-MM-DD (from the adapter), for rules that compare dates (security.txt Expires). */
  readonly today: string;
}

export type EditSpec =
  /** Replace `span` of the file (`path` defaults to the file being checked). */
  | { readonly span: Span; readonly newText: string; readonly path?: string }
  /** Create a file that does not exist yet (templates for missing SECURITY.md and the like). */
  | { readonly create: string; readonly path: string };

export interface FixSpec {
  /** A key of rule.yaml `fixes`, which holds the fix's bilingual title. */
  readonly fixId: string;
  readonly safety: FixSafety;
  readonly edits: readonly EditSpec[];
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface ReportSpec {
  /** A key of rule.yaml `messages`. */
  readonly messageId: string;
  /** Where: a span of the file's text, or an LSP-style range. Omit for a whole-file finding. */
  readonly at?: Span | Range;
  /** Values for `{placeholders}` in the message. Never put a secret here: use maskSecret(). */
  readonly data?: Readonly<Record<string, string | number>>;
  readonly fixes?: readonly FixSpec[];
}

export interface FileContext<K extends FileKind> {
  readonly file: ParsedFile<K>;
  readonly repo: RepoView;
  readonly settings: SharedSettings;
  /** The rule's options from .kamae.yaml, validated against rule.yaml `options`. */
  readonly options: Readonly<Record<string, unknown>>;
  report(spec: ReportSpec): void;
}

export interface RepoReportSpec extends ReportSpec {
  /** The file the finding is about; omit for a repository-level finding (e.g. no SECURITY.md). */
  readonly path?: string;
}

export interface RepoContext {
  readonly repo: RepoView;
  readonly settings: SharedSettings;
  readonly options: Readonly<Record<string, unknown>>;
  report(spec: RepoReportSpec): void;
  /** The rule has nothing to judge in this repository (e.g. no ecosystems to keep updated). */
  notApplicable(reason?: string): void;
}

export type FileCheck<K extends FileKind> = { readonly scope: 'file'; readonly run: (ctx: FileContext<K>) => void };
export type RepoCheck = { readonly scope: 'repository'; readonly run: (ctx: RepoContext) => void };

/** Declares a per-file check. The type parameter must name the kinds in rule.yaml; the generated catalogue checks it. */
export function fileCheck<K extends FileKind>(run: (ctx: FileContext<K>) => void): FileCheck<K> {
  return { scope: 'file', run };
}
export function repoCheck(run: (ctx: RepoContext) => void): RepoCheck {
  return { scope: 'repository', run };
}
