// analyzeRepo: list -> detect -> read -> parse -> run rules -> suppress -> outcomes -> requirement states.
// A rule that throws only errors its own outcome; a file that cannot be read or parsed is listed as
// not evaluated with its reason; output is sorted and holds no clock or absolute path.
// Each step is a function over plain data (ScanState) so analysis.ts can redo only the steps a
// changed file affects and still assemble the report exactly as a full scan would.
import { createHash } from 'node:crypto';
import { ATTESTATION_FILES, loadAttestations } from './attestations';
import { BUILTIN_RULES } from './builtins';
import { BUILTIN, type Catalog, type Profile, type RuleDefinition, type RuleMeta } from './catalog';
import { CONFIG_FILES, EMPTY_CONFIG, loadConfig, type KamaeConfig, type RuleSetting } from './config';
import { detectByContent, detectByPath, FILE_KINDS, pathContext, TEXT_MAX_BYTES, type FileKind } from './detect';
import type { AppliedSuppression, AttestationEntry, FileEdit, FileResult, Finding, Fix, Outcome, Range, RepoReport, RuleResult, Severity, SkippedPath, Span, Text } from './model';
import { parseAs } from './parsers';
import { deriveRequirementStates, type AttestationRecord } from './requirements';
import type { EditSpec, FileContext, ParsedFile, RepoContext, RepoView, ReportSpec, SharedSettings } from './ruleApi';
import type { FileSource, Listing, SourceEntry } from './source';
import { COMMENT_OPENERS, configSuppressionMatches, isExpired, MARKDOWN_OPENERS, isMissingReason, peerSuppressionCovers, scanInline, scanPeerInline, type InlineSuppression, type PeerSuppression, type SuppressionProblem } from './suppressions';
import { interpolate, LineIndex } from './text';

export interface AnalyzeOptions {
  readonly toolVersion: string;
  /** Today as YYYY-MM-DD, for expiry dates. The adapter reads the clock so the engine stays deterministic. */
  readonly today: string;
  /** Overrides the profile of .kamae.yaml (CLI --profile, editor setting). */
  readonly profile?: Profile;
  /** Per-rule settings layered over .kamae.yaml (editor settings). */
  readonly ruleOverrides?: Readonly<Record<string, RuleSetting>>;
  /** Attestations for requirements no file can show (from .kamae/attestations.yaml). */
  readonly attestations?: readonly AttestationRecord[];
  /** Milliseconds one file may spend in rules before the rest of its rules are reported as errors. */
  readonly fileTimeBudgetMs?: number;
}

export const DEFAULT_MAX_FILE_MB = 24;
const HELM_TEMPLATE_REASON: Text = {
  en: 'Helm template (Go templating, not YAML); render the chart to check its manifests',
  ja: 'Helm テンプレート (Go テンプレートであり YAML ではありません)。マニフェストを検査するにはチャートをレンダリングしてください',
};
const BINARY_SNIFF_BYTES = 8000;
export const READ_CONCURRENCY = 8;

interface ActiveRule {
  readonly def: RuleDefinition;
  readonly meta: RuleMeta;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}
interface RuleTally {
  evaluated: number;
  errors: string[];
  notApplicable?: string;
}
export interface DraftFinding extends Omit<Finding, 'fingerprint'> {
  readonly anchorText: string;
}

/** Every rule's metadata: the catalogue's and the engine's builtins. */
export function allRuleMetas(catalog: Catalog): RuleMeta[] {
  return [...catalog.rules.map((r) => r.meta), ...BUILTIN_RULES];
}

export async function analyzeRepo(source: FileSource, catalog: Catalog, options: AnalyzeOptions): Promise<RepoReport> {
  const setup = await prepare(source, catalog, options);
  const listing = await source.list({ ignore: setup.config.ignore });
  const plan = planFiles(listing, setup);
  const loaded = new Map<string, LoadedFile>();
  await pool([...plan.items.values()], READ_CONCURRENCY, async (item) => {
    loaded.set(item.entry.path, await loadFile(source, item, setup.maxBytes));
  });
  const parsed = parsedFiles(setup, loaded);
  const view = viewOf(listing, plan, loaded, parsed);
  const runs = new Map<string, FileRun>();
  for (const file of sortedByPath(parsed.values())) runs.set(file.path, runFileRules(setup, file, view, parsed));
  const repoRun = runRepoRules(setup, view, parsed);
  return assemble(catalog, options, { setup, listing, plan, loaded, parsed, runs, repoRun });
}

// ---- the steps of a scan ----------------------------------------------------------------------

/** What the configuration decides before any file is read: the rules that run and what they see. */
export interface Setup {
  readonly metas: ReadonlyMap<string, RuleMeta>;
  readonly config: KamaeConfig;
  readonly configPath?: string;
  readonly configFile?: ParsedFile;
  /** Problems with the configuration itself (kamae/invalid-config). */
  readonly configFindings: readonly DraftFinding[];
  readonly configResult?: FileResult;
  /** .kamae/attestations.yaml: its entries (findings about it are in configFindings), model and file result. */
  readonly attestations: readonly AttestationEntry[];
  readonly attestationsFile?: ParsedFile;
  readonly attestationsPath?: string;
  readonly attestationsResult?: FileResult;
  readonly profile: Profile;
  readonly active: readonly ActiveRule[];
  readonly neededKinds: ReadonlySet<FileKind>;
  readonly fileRulesByKind: ReadonlyMap<FileKind, readonly ActiveRule[]>;
  readonly maxBytes: number;
  readonly settings: SharedSettings;
  readonly budget: number;
}

/** A listed file the scan reads: its kind by path, or the format to sniff its content as. */
export interface ReadItem {
  readonly entry: SourceEntry;
  readonly kind?: FileKind;
  readonly sniff?: 'yaml' | 'json';
  /** For a sniffed file: the content kinds an active rule reads. */
  readonly sniffKinds?: readonly FileKind[];
  /** For a sniffed file: read it as generic `text` when its content is no wanted kind. */
  readonly textFallback?: boolean;
}
export interface FilePlan {
  /** Kinds known from the path alone (sniffed kinds come from loadFile). */
  readonly pathKinds: ReadonlyMap<string, FileKind>;
  readonly items: ReadonlyMap<string, ReadItem>;
  /** Files reported as not evaluated without reading them (Helm templates). */
  readonly unread: readonly FileResult[];
}
/** A read file. `kind` is absent when a sniffed file turned out to be nothing Kamae knows. */
export interface LoadedFile {
  readonly kind?: FileKind;
  readonly parsed?: ParsedFile;
  readonly result?: FileResult;
}
/** What one file's file-scope rules produced. */
export interface FileRun {
  /** Rules that inspected the file (each counts it as evaluated), in rule-id order. */
  readonly rules: readonly string[];
  readonly findings: readonly DraftFinding[];
  readonly errors: readonly (readonly [ruleId: string, message: string])[];
}
export interface RepoRun {
  readonly findings: readonly DraftFinding[];
  readonly errors: readonly (readonly [ruleId: string, message: string])[];
  readonly notApplicable: ReadonlyMap<string, string>;
}
/** Everything a report is assembled from. */
export interface ScanState {
  readonly setup: Setup;
  readonly listing: Listing;
  readonly plan: FilePlan;
  readonly loaded: ReadonlyMap<string, LoadedFile>;
  readonly parsed: ReadonlyMap<string, ParsedFile>;
  readonly runs: ReadonlyMap<string, FileRun>;
  readonly repoRun: RepoRun;
}

/** Step 1: configuration, attestations and rule selection. */
export async function prepare(source: FileSource, catalog: Catalog, options: AnalyzeOptions): Promise<Setup> {
  const metas = new Map(allRuleMetas(catalog).map((m) => [m.id, m]));
  const configFindings: DraftFinding[] = [];
  const { config, configPath, configFile } = await readConfig(source, metas, configFindings);
  let configResult: FileResult | undefined;
  if (configPath !== undefined) {
    configResult = configFile ? { path: configPath, kind: 'kamae-config', status: 'evaluated', sha256: sha256(configFile.text) } : { path: configPath, kind: 'kamae-config', status: 'not-evaluated', reason: { en: 'configuration could not be read; defaults apply', ja: '設定を読み込めなかったため既定値を使います' } };
  }
  const attest = await readAttestations(source, catalog, metas, configFindings, options.today);
  const attestPath = (attest.file ?? attest.unreadable)?.path;
  const attestResult: FileResult | undefined = attest.file ? { path: attest.file.path, kind: 'kamae-attestations', status: 'evaluated', sha256: sha256(attest.file.text) } : attest.unreadable;
  const profile = options.profile ?? config.profile ?? 'recommended';
  const active = selectRules(catalog, config, options, profile);
  const fileRulesByKind = new Map<FileKind, ActiveRule[]>();
  for (const r of active) {
    if (r.meta.scope !== 'file') continue;
    for (const k of r.meta.kinds) fileRulesByKind.set(k, [...(fileRulesByKind.get(k) ?? []), r]);
  }
  return {
    metas,
    config,
    ...(configPath !== undefined ? { configPath } : {}),
    ...(configFile ? { configFile } : {}),
    configFindings,
    ...(configResult ? { configResult } : {}),
    attestations: attest.entries,
    ...(attest.file ? { attestationsFile: attest.file } : {}),
    ...(attestPath !== undefined ? { attestationsPath: attestPath } : {}),
    ...(attestResult ? { attestationsResult: attestResult } : {}),
    profile,
    active,
    neededKinds: new Set<FileKind>(active.flatMap((r) => r.meta.kinds)),
    fileRulesByKind,
    maxBytes: Math.round((config.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB) * 1024 * 1024),
    settings: { actionOwners: config.allow.actionOwners, registries: config.allow.registries, today: options.today },
    budget: options.fileTimeBudgetMs ?? 10_000,
  };
}

/** Step 2: detection by path; decides which listed files are read. */
export function planFiles(listing: Listing, setup: Setup): FilePlan {
  const { configPath, neededKinds } = setup;
  const ctx = pathContext(listing.files.map((f) => f.path));
  const pathKinds = new Map<string, FileKind>();
  const items = new Map<string, ReadItem>();
  const unread: FileResult[] = [];
  for (const entry of listing.files) {
    if (entry.path === configPath) {
      pathKinds.set(entry.path, 'kamae-config');
      continue;
    }
    if (entry.path === setup.attestationsPath) {
      pathKinds.set(entry.path, 'kamae-attestations');
      continue;
    }
    const verdict = detectByPath(entry.path, ctx);
    if (!verdict) continue;
    if ('kind' in verdict) {
      pathKinds.set(entry.path, verdict.kind);
      // Chart templates are listed as not evaluated whenever Kubernetes manifests are being checked.
      const wanted = neededKinds.has(verdict.kind) || (verdict.kind === 'helm-template' && neededKinds.has('kubernetes'));
      if (!wanted) continue;
      if (verdict.kind === 'helm-template') {
        unread.push({ path: entry.path, kind: verdict.kind, status: 'not-evaluated', reason: HELM_TEMPLATE_REASON });
        continue;
      }
      if (FILE_KINDS[verdict.kind] === 'none') continue;
      // Generic `text` files are best-effort: one over TEXT_MAX_BYTES is mostly generated and only noise.
      if (verdict.kind === 'text' && entry.size > TEXT_MAX_BYTES) continue;
      items.set(entry.path, { entry, kind: verdict.kind });
    } else {
      const sniffKinds = (verdict.sniff === 'yaml' ? (['kubernetes', 'helm-template'] as const) : (['sbom'] as const)).filter((k) => neededKinds.has(k) || (k === 'helm-template' && neededKinds.has('kubernetes')));
      const textFallback = neededKinds.has('text') && entry.size <= TEXT_MAX_BYTES;
      if (sniffKinds.length > 0 || textFallback) items.set(entry.path, { entry, sniff: verdict.sniff, sniffKinds, textFallback });
    }
  }
  return { pathKinds, items, unread };
}

/**
 * Step 3: reads, sniffs and parses one file. `previous` is the same path's earlier result: when the
 * text and kind are unchanged it is returned as is, so an unchanged file keeps its model (and the
 * findings computed from it) without being parsed again.
 */
export async function loadFile(source: FileSource, item: ReadItem, maxBytes: number, previous?: LoadedFile): Promise<LoadedFile> {
  const { entry, kind, sniff } = item;
  const res = await readText(source, entry, maxBytes);
  if ('reason' in res) {
    // A sniff candidate (or a generic text file: binary, not UTF-8) we cannot read is not a file
    // Kamae knows; only named kinds are reported.
    return kind && kind !== 'text' ? { kind, result: { path: entry.path, kind, status: 'not-evaluated', reason: res.reason } } : {};
  }
  let k = kind;
  const helmTemplate: LoadedFile = { kind: 'helm-template', result: { path: entry.path, kind: 'helm-template', status: 'not-evaluated', reason: HELM_TEMPLATE_REASON } };
  if (!k && sniff) {
    // A YAML/JSON file no active rule reads by its kind is generic text, when text is wanted.
    const detected = detectByContent(sniff, res.text);
    k = detected !== undefined && (item.sniffKinds ?? []).includes(detected) ? detected : item.textFallback ? 'text' : undefined;
    if (!k) return {};
    if (k === 'helm-template') return helmTemplate;
  }
  if (previous?.parsed && previous.kind === k && previous.parsed.text === res.text) return previous;
  const lines = new LineIndex(res.text);
  const outcome = parseAs(FILE_KINDS[k!], res.text, lines);
  if (!outcome.ok) {
    // A sniffed manifest that only fails because of `{{ }}` templating is a template, not broken YAML.
    if (sniff && k === 'kubernetes' && res.text.includes('{{')) return helmTemplate;
    return { kind: k!, result: { path: entry.path, kind: k!, status: 'not-evaluated', reason: outcome.reason, ...(outcome.line !== undefined ? { line: outcome.line } : {}) } };
  }
  return { kind: k!, parsed: { path: entry.path, kind: k!, text: res.text, lines, model: outcome.model }, result: { path: entry.path, kind: k!, status: 'evaluated', sha256: sha256(res.text) } };
}

/** The parsed files rules see: the configuration file and every file that parsed. */
export function parsedFiles(setup: Setup, loaded: ReadonlyMap<string, LoadedFile>): Map<string, ParsedFile> {
  const parsed = new Map<string, ParsedFile>();
  if (setup.configFile) parsed.set(setup.configFile.path, setup.configFile);
  if (setup.attestationsFile) parsed.set(setup.attestationsFile.path, setup.attestationsFile);
  for (const l of loaded.values()) if (l.parsed) parsed.set(l.parsed.path, l.parsed);
  return parsed;
}

export function viewOf(listing: Listing, plan: FilePlan, loaded: ReadonlyMap<string, LoadedFile>, parsed: ReadonlyMap<string, ParsedFile>): RepoView {
  const kindOf = new Map(plan.pathKinds);
  for (const [path, l] of loaded) if (l.kind && !kindOf.has(path)) kindOf.set(path, l.kind);
  return makeRepoView(listing.files.map((f) => f.path), kindOf, parsed);
}

/** Step 4a: the file-scope rules of one file's kind. */
export function runFileRules(setup: Setup, file: ParsedFile, view: RepoView, parsed: ReadonlyMap<string, ParsedFile>): FileRun {
  const rules = setup.fileRulesByKind.get(file.kind) ?? [];
  const findings: DraftFinding[] = [];
  const errors: [string, string][] = [];
  const budget = setup.budget;
  const started = now();
  for (const rule of rules) {
    if (now() - started > budget) {
      errors.push([rule.meta.id, `${file.path}: time budget of ${budget} ms for this file was used up before this rule ran`]);
      continue;
    }
    const local: DraftFinding[] = [];
    const fctx: FileContext<FileKind> = {
      file,
      repo: view,
      settings: setup.settings,
      options: rule.options,
      report: (spec) => local.push(makeFinding(rule, spec, file.path, parsed)),
    };
    try {
      (rule.def.check!.run as (c: FileContext<FileKind>) => void)(fctx);
      findings.push(...local);
    } catch (e) {
      errors.push([rule.meta.id, `${file.path}: ${errorText(e)}`]);
    }
  }
  return { rules: rules.map((r) => r.meta.id), findings, errors };
}

/** Step 4b: the repository-scope rules, which read the parsed models of their kinds. */
export function runRepoRules(setup: Setup, view: RepoView, parsed: ReadonlyMap<string, ParsedFile>): RepoRun {
  const findings: DraftFinding[] = [];
  const errors: [string, string][] = [];
  const notApplicable = new Map<string, string>();
  for (const rule of setup.active) {
    if (rule.meta.scope !== 'repository') continue;
    const local: DraftFinding[] = [];
    const rctx: RepoContext = {
      repo: view,
      settings: setup.settings,
      options: rule.options,
      report: (spec) => local.push(makeFinding(rule, spec, spec.path, parsed)),
      notApplicable: (reason) => {
        notApplicable.set(rule.meta.id, reason ?? 'nothing to check in this repository');
      },
    };
    try {
      (rule.def.check as { run: (c: RepoContext) => void }).run(rctx);
      findings.push(...local);
    } catch (e) {
      errors.push([rule.meta.id, errorText(e)]);
    }
  }
  return { findings, errors, notApplicable };
}

/** Steps 5 and 6: suppressions, outcomes, requirement states, and a deterministic order. */
export function assemble(catalog: Catalog, options: AnalyzeOptions, state: ScanState): RepoReport {
  const { setup, listing, plan, loaded, parsed, runs, repoRun } = state;
  const { config, configPath, metas, active } = setup;
  const tallies = new Map<string, RuleTally>(active.map((r) => [r.meta.id, { evaluated: 0, errors: [] }]));
  const findings: DraftFinding[] = [...setup.configFindings];
  for (const path of [...runs.keys()].sort(cmp)) {
    const run = runs.get(path)!;
    for (const id of run.rules) tallies.get(id)!.evaluated++;
    for (const [id, message] of run.errors) tallies.get(id)!.errors.push(message);
    findings.push(...run.findings);
  }
  for (const rule of active) if (rule.meta.scope === 'repository') tallies.get(rule.meta.id)!.evaluated = 1;
  for (const [id, message] of repoRun.errors) tallies.get(id)!.errors.push(message);
  for (const [id, reason] of repoRun.notApplicable) tallies.get(id)!.notApplicable = reason;
  findings.push(...repoRun.findings);

  const suppressed = applySuppressions(findings, parsed, config, configPath, metas, options.today);

  const byRule = new Map<string, DraftFinding[]>();
  for (const f of suppressed) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const ruleResults: RuleResult[] = active.map((r) => ruleResult(r.meta.id, tallies.get(r.meta.id)!, byRule.get(r.meta.id) ?? []));
  ruleResults.push(...builtinResults(suppressed, configPath !== undefined, parsed.size > 0, setup.attestationsFile !== undefined));
  ruleResults.sort((a, b) => cmp(a.ruleId, b.ruleId));
  const finalFindings = fingerprint(suppressed).sort(compareFindings);
  const files: FileResult[] = [...(setup.configResult ? [setup.configResult] : []), ...(setup.attestationsResult ? [setup.attestationsResult] : []), ...plan.unread];
  for (const l of loaded.values()) if (l.result) files.push(l.result);
  files.sort((a, b) => cmp(a.path, b.path));
  const skipped: SkippedPath[] = [...listing.skipped].sort((a, b) => cmp(a.path, b.path));
  return {
    tool: { name: 'kamae', version: options.toolVersion },
    profile: setup.profile,
    files,
    skipped,
    rules: ruleResults,
    findings: finalFindings,
    requirements: deriveRequirementStates(catalog.guidelines, metas, ruleResults, [...(options.attestations ?? []), ...setup.attestations], options.today),
    attestations: setup.attestations,
    ...anchorOf(listing.files.map((f) => f.path)),
  };
}

export function sortedByPath<T extends { readonly path: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => cmp(a.path, b.path));
}

// ---- configuration ----------------------------------------------------------------------------

async function readConfig(source: FileSource, metas: ReadonlyMap<string, RuleMeta>, findings: DraftFinding[]): Promise<{ config: KamaeConfig; configPath?: string; configFile?: ParsedFile }> {
  const found = await readFirst(source, CONFIG_FILES);
  if (found) {
    const { path, text } = found;
    const meta = metas.get(BUILTIN.invalidConfig)!;
    if (text === undefined) {
      findings.push(builtinFinding(meta, 'problem', { problem: `${path} is not valid UTF-8; using defaults`, problemJa: `${path} は有効な UTF-8 ではありません。既定の設定を使います` }, path, undefined));
      return { config: EMPTY_CONFIG, configPath: path };
    }
    const lines = new LineIndex(text);
    const loaded = loadConfig(path, text, lines, metas);
    for (const p of loaded.problems) {
      const range = p.line !== undefined ? lines.range(lines.lineSpan(p.line)) : undefined;
      findings.push(builtinFinding(meta, 'problem', { problem: p.message.en, problemJa: p.message.ja }, path, range, p.line !== undefined ? lines.lineText(p.line) : ''));
    }
    const parsedConfig = parseAs('yaml', text, lines);
    const configFile = parsedConfig.ok ? ({ path, kind: 'kamae-config', text, lines, model: parsedConfig.model } as ParsedFile) : undefined;
    return { config: loaded.config, configPath: path, ...(configFile ? { configFile } : {}) };
  }
  return { config: EMPTY_CONFIG };
}

/** The first of the candidate files that can be read (up to 1 MB), with its text or undefined when it is not UTF-8. */
export async function readFirst(source: FileSource, paths: readonly string[]): Promise<{ path: string; text: string | undefined } | undefined> {
  for (const path of paths) {
    let raw: Uint8Array | string;
    try {
      raw = await source.read(path, 1 << 20);
    } catch {
      continue;
    }
    return { path, text: typeof raw === 'string' ? raw : decodeUtf8(raw) };
  }
  return undefined;
}

async function readAttestations(
  source: FileSource,
  catalog: Catalog,
  metas: ReadonlyMap<string, RuleMeta>,
  findings: DraftFinding[],
  today: string,
): Promise<{ entries: AttestationEntry[]; file?: ParsedFile; unreadable?: FileResult }> {
  const found = await readFirst(source, ATTESTATION_FILES);
  if (found) {
    const { path, text } = found;
    const invalid = metas.get(BUILTIN.invalidAttestation)!;
    if (text === undefined) {
      findings.push(builtinFinding(invalid, 'problem', { problem: `${path} is not valid UTF-8`, problemJa: `${path} は有効な UTF-8 ではありません` }, path, undefined));
      return { entries: [], unreadable: { path, kind: 'kamae-attestations', status: 'not-evaluated', reason: { en: 'file is not valid UTF-8', ja: 'ファイルが有効な UTF-8 ではありません' } } };
    }
    const lines = new LineIndex(text);
    const loaded = loadAttestations(path, text, lines, catalog.guidelines);
    const at = (line: number | undefined) => (line !== undefined ? lines.range(lines.lineSpan(line)) : undefined);
    const anchor = (line: number | undefined) => (line !== undefined ? lines.lineText(line).trim() : '');
    for (const p of loaded.problems) findings.push(builtinFinding(invalid, 'problem', { problem: p.message.en, problemJa: p.message.ja }, path, at(p.line), anchor(p.line)));
    const expiredMeta = metas.get(BUILTIN.expiredAttestation)!;
    const entries: AttestationEntry[] = loaded.records.map((r) => {
      const expired = isExpired(r.expires, today);
      if (expired) findings.push(builtinFinding(expiredMeta, 'expired', { requirement: r.requirement, owner: r.owner, date: r.expires! }, path, at(r.line), anchor(r.line)));
      const { line, ...rest } = r;
      return { ...rest, status: expired ? 'expired' : 'valid', path, ...(line !== undefined ? { line } : {}) };
    });
    const parsedFile = parseAs('yaml', text, lines);
    if (!parsedFile.ok) return { entries, unreadable: { path, kind: 'kamae-attestations', status: 'not-evaluated', reason: parsedFile.reason } };
    return { entries, file: { path, kind: 'kamae-attestations', text, lines, model: parsedFile.model } };
  }
  return { entries: [] };
}

function selectRules(catalog: Catalog, config: KamaeConfig, options: AnalyzeOptions, profile: Profile): ActiveRule[] {
  const out: ActiveRule[] = [];
  for (const def of catalog.rules) {
    const meta = def.meta;
    if (!def.check || meta.builtin) continue;
    const fromConfig = config.rules[meta.id];
    const fromEditor = options.ruleOverrides?.[meta.id];
    const enabled = fromEditor?.enabled ?? fromConfig?.enabled ?? meta.profiles.includes(profile);
    if (!enabled) continue;
    const severity = fromEditor?.severity ?? fromConfig?.severity ?? meta.severity;
    out.push({ def, meta, severity, options: { ...(fromConfig?.options ?? {}), ...(fromEditor?.options ?? {}) } });
  }
  return out.sort((a, b) => cmp(a.meta.id, b.meta.id));
}

// ---- reading ----------------------------------------------------------------------------------

export type ReadResult = { text: string } | { reason: Text };

/** A listed file's text (UTF-8, BOM stripped), or why it cannot be read: too large, binary, UTF-16, not UTF-8. */
export async function readText(source: FileSource, entry: SourceEntry, maxBytes: number): Promise<ReadResult> {
  if (entry.size > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      reason: {
        en: `file is ${mb(entry.size)} MB, over the ${mb(maxBytes)} MB limit (raise limits.maxFileSizeMB in .kamae.yaml to check it)`,
        ja: `ファイルが ${mb(entry.size)} MB あり、上限 ${mb(maxBytes)} MB を超えています (検査するには .kamae.yaml の limits.maxFileSizeMB を引き上げてください)`,
      },
    };
  }
  let raw: Uint8Array | string;
  try {
    raw = await source.read(entry.path, maxBytes + 1);
  } catch (e) {
    return { reason: { en: `file could not be read: ${errorText(e)}`, ja: `ファイルを読み込めませんでした: ${errorText(e)}` } };
  }
  // An editor buffer arrives as text; its length in UTF-16 units is a lower bound of its size in bytes.
  if (typeof raw === 'string') return raw.length > maxBytes ? { reason: { en: 'file is over the size limit (raise limits.maxFileSizeMB in .kamae.yaml to check it)', ja: 'ファイルがサイズ上限を超えています (検査するには .kamae.yaml の limits.maxFileSizeMB を引き上げてください)' } } : { text: stripBom(raw) };
  if (raw.length > maxBytes) return { reason: { en: 'file grew past the size limit while it was read', ja: '読み込み中にファイルがサイズ上限を超えました' } };
  const head = raw.subarray(0, BINARY_SNIFF_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { reason: { en: 'file is UTF-16 encoded; Kamae reads UTF-8', ja: 'ファイルが UTF-16 でエンコードされています。Kamae は UTF-8 を読み込みます' } };
  }
  if (head.includes(0)) return { reason: { en: 'binary file (contains NUL bytes), not text', ja: 'バイナリファイルです (NUL バイトを含み、テキストではありません)' } };
  const text = decodeUtf8(raw);
  if (text === undefined) return { reason: { en: 'file is not valid UTF-8', ja: 'ファイルが有効な UTF-8 ではありません' } };
  return { text: stripBom(text) };
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

// ---- findings ---------------------------------------------------------------------------------

function makeRepoView(paths: readonly string[], kindOf: ReadonlyMap<string, FileKind>, parsed: ReadonlyMap<string, ParsedFile>): RepoView {
  const pathSet = new Set(paths);
  const byKind = new Map<FileKind, ParsedFile[]>();
  const pathsByKind = new Map<FileKind, string[]>();
  for (const p of paths) {
    const k = kindOf.get(p);
    if (k) pathsByKind.set(k, [...(pathsByKind.get(k) ?? []), p]);
  }
  for (const f of [...parsed.values()].sort((a, b) => cmp(a.path, b.path))) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  return {
    paths,
    kindOf: (p) => kindOf.get(p),
    has: (p) => pathSet.has(p),
    filesOfKind: <K extends FileKind>(k: K) => (byKind.get(k) ?? []) as unknown as readonly ParsedFile<K>[],
    pathsOfKind: (k) => pathsByKind.get(k) ?? [],
  };
}

function makeFinding(rule: ActiveRule, spec: ReportSpec, path: string | undefined, parsed: ReadonlyMap<string, ParsedFile>): DraftFinding {
  const meta = rule.meta;
  const template = meta.messages[spec.messageId];
  if (!template) throw new Error(`rule ${meta.id} reported unknown message id "${spec.messageId}"`);
  const file = path !== undefined ? parsed.get(path) : undefined;
  let range: Range | undefined;
  if (file) {
    if (spec.at === undefined) range = file.lines.range(file.lines.lineSpan(0));
    else if (typeof (spec.at as Span).start === 'number') range = file.lines.range(spec.at as Span);
    else range = spec.at as Range;
  }
  const fixes: Fix[] = (spec.fixes ?? []).map((f) => {
    const title = meta.fixes?.[f.fixId];
    if (!title) throw new Error(`rule ${meta.id} offered unknown fix id "${f.fixId}"`);
    return { fixId: f.fixId, title: text(title, f.data), safety: f.safety, edits: f.edits.map((e) => toFileEdit(e, path, parsed, meta.id)) };
  });
  return {
    ruleId: meta.id,
    messageId: spec.messageId,
    message: text(template, spec.data),
    severity: rule.severity,
    confidence: meta.confidence,
    ...(path !== undefined ? { path } : {}),
    ...(range ? { range } : {}),
    fixes,
    anchorText: file && range ? file.lines.lineText(range.start.line).trim() : '',
  };
}

function toFileEdit(e: EditSpec, defaultPath: string | undefined, parsed: ReadonlyMap<string, ParsedFile>, ruleId: string): FileEdit {
  if ('create' in e) return { path: e.path, create: e.create };
  const path = e.path ?? defaultPath;
  const target = path !== undefined ? parsed.get(path) : undefined;
  if (!target || path === undefined) throw new Error(`rule ${ruleId} edits ${path ?? '(no file)'}, which was not parsed`);
  return { path, span: e.span, range: target.lines.range(e.span), newText: e.newText };
}

function text(t: Text, data: Readonly<Record<string, string | number>> | undefined): Text {
  return { en: interpolate(t.en, data), ja: interpolate(t.ja, data) };
}

function builtinFinding(meta: RuleMeta, messageId: string, data: Record<string, string>, path: string, range: Range | undefined, anchorText = ''): DraftFinding {
  return {
    ruleId: meta.id,
    messageId,
    message: text(meta.messages[messageId]!, data),
    severity: meta.severity,
    confidence: meta.confidence,
    path,
    ...(range ? { range } : {}),
    fixes: [],
    anchorText,
  };
}

function applySuppressions(findings: DraftFinding[], parsed: ReadonlyMap<string, ParsedFile>, config: KamaeConfig, configPath: string | undefined, metas: ReadonlyMap<string, RuleMeta>, today: string): DraftFinding[] {
  const out: DraftFinding[] = [];
  const inline = new Map<string, InlineSuppression[]>();
  const known = (id: string) => metas.has(id);
  const invalidMeta = metas.get(BUILTIN.invalidSuppression)!;
  const expiredMeta = metas.get(BUILTIN.expiredSuppression)!;
  for (const file of [...parsed.values()].sort((a, b) => cmp(a.path, b.path))) {
    const { suppressions, problems } = scanInlineOnce(file, metas, known);
    if (suppressions.length === 0 && problems.length === 0) continue;
    inline.set(file.path, suppressions);
    // In generic text files (source code, docs) "kamae-ignore" is as likely to be a string or prose
    // as a comment, so only well-formed suppressions count there and malformed ones are not reported.
    for (const p of file.kind === 'text' ? [] : problems) {
      out.push(builtinFinding(invalidMeta, p.messageId, { rule: p.rule ?? '', date: p.date ?? '' }, file.path, file.lines.range(file.lines.lineSpan(p.line)), file.lines.lineText(p.line).trim()));
    }
    for (const s of suppressions) {
      if (isExpired(s.expires, today)) {
        for (const rule of s.rules) out.push(builtinFinding(expiredMeta, 'expired', { rule, date: s.expires! }, file.path, file.lines.range(file.lines.lineSpan(s.line)), file.lines.lineText(s.line).trim()));
      }
    }
  }
  const configFile = configPath !== undefined ? parsed.get(configPath) : undefined;
  for (const s of config.suppressions) {
    if (configPath === undefined) continue;
    const range = configFile && s.line !== undefined ? configFile.lines.range(configFile.lines.lineSpan(s.line)) : undefined;
    const anchorText = configFile && s.line !== undefined ? configFile.lines.lineText(s.line).trim() : '';
    // A reason left as a placeholder ("<...>") is no reason: the entry is reported and hides nothing.
    if (isMissingReason(s.reason)) out.push(builtinFinding(invalidMeta, 'noReasonConfig', { rule: s.rule, date: '' }, configPath, range, anchorText));
    else if (isExpired(s.expires, today)) out.push(builtinFinding(expiredMeta, 'expired', { rule: s.rule, date: s.expires! }, configPath, range, anchorText));
  }
  for (const f of findings) {
    if (metas.get(f.ruleId)?.builtin) {
      out.push(f);
      continue;
    }
    let applied: AppliedSuppression | undefined;
    const line = f.range?.start.line;
    for (const s of (f.path !== undefined ? inline.get(f.path) : undefined) ?? []) {
      if (!s.rules.includes(f.ruleId) || isExpired(s.expires, today)) continue;
      if (s.appliesToLine !== undefined && s.appliesToLine !== line) continue;
      applied = { kind: 'inline', reason: s.reason, path: f.path!, line: s.line, ...(s.expires ? { expires: s.expires } : {}) };
      break;
    }
    // Peer tools' ignore comments (zizmor, hadolint), for the rules that list the peer check.
    const mine = metas.get(f.ruleId)?.peers;
    const file = f.path !== undefined ? parsed.get(f.path) : undefined;
    if (!applied && mine && file && config.peerSuppressions !== false && PEER_KINDS.has(file.kind)) {
      const s = scanPeerOnce(file).find((p) => p.ids.some((id) => mine.includes(id)) && peerSuppressionCovers(p, f.range));
      if (s) applied = { kind: 'inline', reason: `${s.comment} (a ${s.ids[0]!.split(':')[0]} ignore comment, honoured because the rule checks the same thing)`, path: file.path, line: s.line };
    }
    if (!applied && configPath !== undefined) {
      const s = config.suppressions.find((c) => !isMissingReason(c.reason) && !isExpired(c.expires, today) && configSuppressionMatches(c, f.ruleId, f.path));
      if (s) applied = { kind: 'config', reason: s.reason, path: configPath, ...(s.line !== undefined ? { line: s.line } : {}), ...(s.expires ? { expires: s.expires } : {}) };
    }
    out.push(applied ? { ...f, suppression: applied } : f);
  }
  return out;
}

/**
 * Inline suppressions depend only on a file's text and the known rule ids, so a parsed file keeps its
 * scan: an incremental analysis re-assembles the report after every edit without rescanning every file.
 */
const inlineScans = new WeakMap<ParsedFile, { metas: ReadonlyMap<string, RuleMeta>; scan: { suppressions: InlineSuppression[]; problems: SuppressionProblem[] } }>();
function scanInlineOnce(file: ParsedFile, metas: ReadonlyMap<string, RuleMeta>, known: (id: string) => boolean): { suppressions: InlineSuppression[]; problems: SuppressionProblem[] } {
  const hit = inlineScans.get(file);
  if (hit && hit.metas === metas) return hit.scan;
  const markdown = /\.(md|markdown)$/i.test(file.path);
  const scan = file.text.includes('kamae-ignore') ? scanInline(file.lines, known, markdown ? MARKDOWN_OPENERS : COMMENT_OPENERS) : { suppressions: [], problems: [] };
  inlineScans.set(file, { metas, scan });
  return scan;
}

/** The file kinds zizmor and hadolint read, the only places their comments mean anything. */
const PEER_KINDS: ReadonlySet<string> = new Set(['github-workflow', 'github-action', 'dependabot', 'dockerfile']);
const peerScans = new WeakMap<ParsedFile, PeerSuppression[]>();
function scanPeerOnce(file: ParsedFile): PeerSuppression[] {
  let hit = peerScans.get(file);
  if (!hit) peerScans.set(file, (hit = scanPeerInline(file.lines)));
  return hit;
}

/**
 * A finding's fingerprint depends only on the draft and its occurrence number, so a draft that comes
 * back unchanged (an incremental analysis keeps the findings of files that did not change) keeps its
 * Finding object: no hashing again, and adapters can tell unchanged findings by identity.
 */
const fingerprinted = new WeakMap<DraftFinding, { readonly n: number; readonly finding: Finding }>();

function fingerprint(findings: readonly DraftFinding[]): Finding[] {
  const seen = new Map<string, number>();
  return [...findings].sort(compareFindings).map((draft) => {
    const key = `${draft.ruleId}\0${draft.path ?? ''}\0${draft.messageId}\0${draft.anchorText}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const hit = fingerprinted.get(draft);
    if (hit && hit.n === n) return hit.finding;
    const { anchorText: _anchor, ...f } = draft;
    const finding: Finding = { ...f, fingerprint: sha256(`${key}\0${n}`).slice(0, 32) };
    fingerprinted.set(draft, { n, finding });
    return finding;
  });
}

function ruleResult(ruleId: string, tally: RuleTally, findings: readonly DraftFinding[]): RuleResult {
  const mine = findings.filter((f) => f.ruleId === ruleId);
  const active = mine.filter((f) => !f.suppression).length;
  const suppressed = mine.length - active;
  const base = { ruleId, evaluated: tally.evaluated, findings: active, suppressed };
  const errorDetail = tally.errors.length > 0 ? tally.errors.slice(0, 5).join('; ') + (tally.errors.length > 5 ? ` (+${tally.errors.length - 5} more)` : '') : undefined;
  let outcome: Outcome;
  if (active > 0) outcome = 'fail';
  else if (tally.errors.length > 0) outcome = 'error';
  else if (tally.notApplicable !== undefined || tally.evaluated === 0) outcome = 'not-applicable';
  else outcome = 'pass';
  const detail = errorDetail ?? (outcome === 'not-applicable' ? tally.notApplicable : undefined);
  return { ...base, outcome, ...(detail ? { detail } : {}) };
}

function builtinResults(findings: readonly DraftFinding[], hasConfig: boolean, hasFiles: boolean, hasAttestations: boolean): RuleResult[] {
  const count = (id: string) => findings.filter((f) => f.ruleId === id).length;
  const make = (ruleId: string, applicable: boolean): RuleResult => {
    const n = count(ruleId);
    return { ruleId, outcome: n > 0 ? 'fail' : applicable ? 'pass' : 'not-applicable', evaluated: applicable ? 1 : 0, findings: n, suppressed: 0 };
  };
  return [
    make(BUILTIN.invalidConfig, hasConfig),
    make(BUILTIN.invalidSuppression, hasFiles),
    make(BUILTIN.expiredSuppression, hasFiles),
    make(BUILTIN.invalidAttestation, hasAttestations),
    make(BUILTIN.expiredAttestation, hasAttestations),
  ];
}

/** Where repository-level findings are shown: a file every editor can open and most repositories have. */
export function anchorOf(paths: readonly string[]): { anchor?: string } {
  const root = paths.filter((p) => !p.includes('/'));
  const pick = (re: RegExp) => root.find((p) => re.test(p));
  const anchor =
    pick(/^readme(\.(md|markdown|rst|txt))?$/i) ??
    pick(/^package\.json$/) ??
    pick(/^\.kamae\.ya?ml$/) ??
    pick(/^(pyproject\.toml|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(\.kts)?)$/) ??
    root[0];
  return anchor !== undefined ? { anchor } : {};
}

// ---- small helpers ----------------------------------------------------------------------------

export function compareFindings(a: Omit<Finding, 'fingerprint'>, b: Omit<Finding, 'fingerprint'>): number {
  return (
    cmp(a.path ?? '', b.path ?? '') ||
    (a.range?.start.line ?? -1) - (b.range?.start.line ?? -1) ||
    (a.range?.start.character ?? -1) - (b.range?.start.character ?? -1) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.messageId, b.messageId) ||
    cmp(a.message.en, b.message.en)
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

export async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
