// The engine's public API for adapters. Rules import ruleApi.ts instead.
export { analyzeRepo, allRuleMetas, anchorOf, compareFindings, DEFAULT_MAX_FILE_MB, type AnalyzeOptions } from './runner';
export { RepoAnalysis, type FileChange, type FileChangeType, type UpdateStats } from './analysis';
export { BUILTIN_RULES } from './builtins';
export { suppressionStyle, inlineSuppressionEdit, configSuppressionEdit, type SuppressionStyle, type SuppressionEdit } from './suppressEdits';
export { isMissingReason } from './suppressions';
export * from './catalog';
export * from './model';
export { ALL_KINDS, FILE_KINDS, detectByPath, detectByContent, pathContext, type FileKind } from './detect';
export { MemoryFs, type FileSource, type FsLike, type Listing, type DirEntry, type LinkTarget } from './source';
export { walk, sourceFromFs, DEFAULT_SKIPPED_DIRS, type WalkOptions } from './walker';
export { loadConfig, ruleSetting, CONFIG_FILES, type KamaeConfig, type RuleSetting } from './config';
export { applyChanges, planFixes, selectFixes, unifiedDiff, diffLines, type FixPlan } from './fixes';
export { deriveRequirementStates, type AttestationRecord } from './requirements';
export { LineIndex, maskSecret, interpolate } from './text';
export { toJson } from './report/json';
export { toSarif, type SarifOptions } from './report/sarif';
export { toText, type TextOptions } from './report/text';
export { atLeast, summarise, ruleDocUrl, t as pickLang } from './report/common';
