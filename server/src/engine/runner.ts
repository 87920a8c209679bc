// analyzeRepo: list -> detect -> read -> parse -> run rules -> suppress -> outcomes -> requirement states.
// A rule that throws only errors its own outcome; a file that cannot be read or parsed is listed as
// not evaluated with its reason; output is sorted and holds no clock or absolute path.
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
import type { FileSource, SourceEntry } from './source';
import { configSuppressionMatches, isExpired, scanInline, type InlineSuppression } from './suppressions';
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
const READ_CONCURRENCY = 8;

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
interface DraftFinding extends Omit<Finding, 'fingerprint'> {
  readonly anchorText: string;
}

/** Every rule's metadata: the catalogue's and the engine's builtins. */
export function allRuleMetas(catalog: Catalog): RuleMeta[] {
  return [...catalog.rules.map((r) => r.meta), ...BUILTIN_RULES];
}

export async function analyzeRepo(source: FileSource, catalog: Catalog, options: AnalyzeOptions): Promise<RepoReport> {
  const metas = new Map(allRuleMetas(catalog).map((m) => [m.id, m]));
  const findings: DraftFinding[] = [];
  const files: FileResult[] = [];
  const parsed = new Map<string, ParsedFile>();

  // 1. Configuration.
  const { config, configPath, configFile } = await readConfig(source, metas, findings);
  if (configFile) parsed.set(configFile.path, configFile);
  if (configPath !== undefined) {
    files.push(configFile ? { path: configPath, kind: 'kamae-config', status: 'evaluated', sha256: sha256(configFile.text) } : { path: configPath, kind: 'kamae-config', status: 'not-evaluated', reason: { en: 'configuration could not be read; defaults apply', ja: '設定を読み込めなかったため既定値を使います' } });
  }

  const attest = await readAttestations(source, catalog, metas, findings, options.today);
  if (attest.file) {
    parsed.set(attest.file.path, attest.file);
    files.push({ path: attest.file.path, kind: 'kamae-attestations', status: 'evaluated', sha256: sha256(attest.file.text) });
  } else if (attest.unreadable) files.push(attest.unreadable);

  // 2. Listing and rule selection.
  const listing = await source.list({ ignore: config.ignore });
  const profile = options.profile ?? config.profile ?? 'recommended';
  const active = selectRules(catalog, config, options, profile);
  const neededKinds = new Set<FileKind>(active.flatMap((r) => r.meta.kinds));
  const tallies = new Map<string, RuleTally>(active.map((r) => [r.meta.id, { evaluated: 0, errors: [] }]));

  // 3. Detection and parsing.
  const maxBytes = Math.round((config.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB) * 1024 * 1024);
  const ctx = pathContext(listing.files.map((f) => f.path));
  const kindOf = new Map<string, FileKind>();
  const toRead: { entry: SourceEntry; kind?: FileKind; sniff?: 'yaml' | 'json' }[] = [];
  for (const entry of listing.files) {
    if (entry.path === configPath) {
      kindOf.set(entry.path, 'kamae-config');
      continue;
    }
    if (entry.path === (attest.file ?? attest.unreadable)?.path) {
      kindOf.set(entry.path, 'kamae-attestations');
      continue;
    }
    const verdict = detectByPath(entry.path, ctx);
    if (!verdict) continue;
    if ('kind' in verdict) {
      kindOf.set(entry.path, verdict.kind);
      // Chart templates are listed as not evaluated whenever Kubernetes manifests are being checked.
      const wanted = neededKinds.has(verdict.kind) || (verdict.kind === 'helm-template' && neededKinds.has('kubernetes'));
      if (!wanted) continue;
      if (verdict.kind === 'helm-template') {
        files.push({ path: entry.path, kind: verdict.kind, status: 'not-evaluated', reason: HELM_TEMPLATE_REASON });
        continue;
      }
      if (FILE_KINDS[verdict.kind] === 'none') continue;
      toRead.push({ entry, kind: verdict.kind });
    } else if ((verdict.sniff === 'yaml' && neededKinds.has('kubernetes')) || (verdict.sniff === 'json' && neededKinds.has('sbom')) || (neededKinds.has('text') && entry.size <= TEXT_MAX_BYTES)) {
      toRead.push({ entry, sniff: verdict.sniff });
    }
  }
  // Generic `text` files are best-effort: one over TEXT_MAX_BYTES, binary or not UTF-8 is skipped
  // without a "not evaluated" entry, since most such files are generated and would only be noise.
  await pool(toRead, READ_CONCURRENCY, async ({ entry, kind, sniff }) => {
    if (kind === 'text' && entry.size > TEXT_MAX_BYTES) return;
    const res = await readText(source, entry, maxBytes);
    if ('reason' in res) {
      // A sniff candidate we cannot read is not a file Kamae knows; only named kinds are reported.
      if (kind && kind !== 'text') files.push({ path: entry.path, kind, status: 'not-evaluated', reason: res.reason });
      return;
    }
    let k = kind;
    if (!k && sniff) {
      // A YAML/JSON file no active rule reads by its kind is generic text, when text is wanted
      // (a Helm template keeps its kind: it is listed as not evaluated below).
      const detected = detectByContent(sniff, res.text);
      const wanted = detected !== undefined && (neededKinds.has(detected) || (detected === 'helm-template' && neededKinds.has('kubernetes')));
      k = wanted ? detected : neededKinds.has('text') && entry.size <= TEXT_MAX_BYTES ? 'text' : undefined;
      if (!k) return;
      kindOf.set(entry.path, k);
      if (k === 'helm-template') {
        files.push({ path: entry.path, kind: k, status: 'not-evaluated', reason: HELM_TEMPLATE_REASON });
        return;
      }
    }
    const lines = new LineIndex(res.text);
    const outcome = parseAs(FILE_KINDS[k!], res.text, lines);
    if (!outcome.ok) {
      // A sniffed manifest that only fails because of `{{ }}` templating is a template, not broken YAML.
      if (sniff && k === 'kubernetes' && res.text.includes('{{')) {
        kindOf.set(entry.path, 'helm-template');
        files.push({ path: entry.path, kind: 'helm-template', status: 'not-evaluated', reason: HELM_TEMPLATE_REASON });
        return;
      }
      files.push({ path: entry.path, kind: k!, status: 'not-evaluated', reason: outcome.reason });
      return;
    }
    parsed.set(entry.path, { path: entry.path, kind: k!, text: res.text, lines, model: outcome.model });
    files.push({ path: entry.path, kind: k!, status: 'evaluated', sha256: sha256(res.text) });
  });

  // 4. Rules.
  const view = makeRepoView(listing.files.map((f) => f.path), kindOf, parsed);
  const settings: SharedSettings = { actionOwners: config.allow.actionOwners, registries: config.allow.registries, today: options.today };
  const budget = options.fileTimeBudgetMs ?? 10_000;
  const byKind = new Map<FileKind, ActiveRule[]>();
  for (const r of active) {
    if (r.meta.scope !== 'file') continue;
    for (const k of r.meta.kinds) byKind.set(k, [...(byKind.get(k) ?? []), r]);
  }
  const sortedParsed = [...parsed.values()].sort((a, b) => cmp(a.path, b.path));
  for (const file of sortedParsed) {
    const rules = byKind.get(file.kind) ?? [];
    const started = now();
    for (const rule of rules) {
      const tally = tallies.get(rule.meta.id)!;
      tally.evaluated++;
      if (now() - started > budget) {
        tally.errors.push(`${file.path}: time budget of ${budget} ms for this file was used up before this rule ran`);
        continue;
      }
      const local: DraftFinding[] = [];
      const fctx: FileContext<FileKind> = {
        file,
        repo: view,
        settings,
        options: rule.options,
        report: (spec) => local.push(makeFinding(rule, spec, file.path, parsed)),
      };
      try {
        (rule.def.check!.run as (c: FileContext<FileKind>) => void)(fctx);
        findings.push(...local);
      } catch (e) {
        tally.errors.push(`${file.path}: ${errorText(e)}`);
      }
    }
  }
  for (const rule of active) {
    if (rule.meta.scope !== 'repository') continue;
    const tally = tallies.get(rule.meta.id)!;
    tally.evaluated = 1;
    const local: DraftFinding[] = [];
    const rctx: RepoContext = {
      repo: view,
      settings,
      options: rule.options,
      report: (spec) => local.push(makeFinding(rule, spec, spec.path, parsed)),
      notApplicable: (reason) => {
        tally.notApplicable = reason ?? 'nothing to check in this repository';
      },
    };
    try {
      (rule.def.check as { run: (c: RepoContext) => void }).run(rctx);
      findings.push(...local);
    } catch (e) {
      tally.errors.push(errorText(e));
    }
  }

  // 5. Suppressions.
  const suppressed = applySuppressions(findings, parsed, config, configPath, metas, options.today);

  // 6. Outcomes, requirement states, and a deterministic order.
  const ruleResults: RuleResult[] = active.map((r) => ruleResult(r.meta.id, tallies.get(r.meta.id)!, suppressed));
  ruleResults.push(...builtinResults(suppressed, configPath !== undefined, parsed.size > 0, attest.file !== undefined));
  ruleResults.sort((a, b) => cmp(a.ruleId, b.ruleId));
  const finalFindings = fingerprint(suppressed).sort(compareFindings);
  files.sort((a, b) => cmp(a.path, b.path));
  const skipped: SkippedPath[] = [...listing.skipped].sort((a, b) => cmp(a.path, b.path));
  return {
    tool: { name: 'kamae', version: options.toolVersion },
    profile,
    files,
    skipped,
    rules: ruleResults,
    findings: finalFindings,
    requirements: deriveRequirementStates(catalog.guidelines, metas, ruleResults, [...(options.attestations ?? []), ...attest.entries], options.today),
    attestations: attest.entries,
    ...anchorOf(listing.files.map((f) => f.path)),
  };
}

// ---- configuration ----------------------------------------------------------------------------

async function readConfig(source: FileSource, metas: ReadonlyMap<string, RuleMeta>, findings: DraftFinding[]): Promise<{ config: KamaeConfig; configPath?: string; configFile?: ParsedFile }> {
  for (const path of CONFIG_FILES) {
    let raw: Uint8Array | string;
    try {
      raw = await source.read(path, 1 << 20);
    } catch {
      continue;
    }
    const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
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

async function readAttestations(
  source: FileSource,
  catalog: Catalog,
  metas: ReadonlyMap<string, RuleMeta>,
  findings: DraftFinding[],
  today: string,
): Promise<{ entries: AttestationEntry[]; file?: ParsedFile; unreadable?: FileResult }> {
  for (const path of ATTESTATION_FILES) {
    let raw: Uint8Array | string;
    try {
      raw = await source.read(path, 1 << 20);
    } catch {
      continue;
    }
    const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
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
  if (typeof raw === 'string') return { text: stripBom(raw) };
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
    if (!file.text.includes('kamae-ignore')) continue;
    const { suppressions, problems } = scanInline(file.lines, known);
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
    if (!isExpired(s.expires, today) || configPath === undefined) continue;
    const range = configFile && s.line !== undefined ? configFile.lines.range(configFile.lines.lineSpan(s.line)) : undefined;
    out.push(builtinFinding(expiredMeta, 'expired', { rule: s.rule, date: s.expires! }, configPath, range, configFile && s.line !== undefined ? configFile.lines.lineText(s.line).trim() : ''));
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
    if (!applied && configPath !== undefined) {
      const s = config.suppressions.find((c) => !isExpired(c.expires, today) && configSuppressionMatches(c, f.ruleId, f.path));
      if (s) applied = { kind: 'config', reason: s.reason, path: configPath, ...(s.line !== undefined ? { line: s.line } : {}), ...(s.expires ? { expires: s.expires } : {}) };
    }
    out.push(applied ? { ...f, suppression: applied } : f);
  }
  return out;
}

function fingerprint(findings: readonly DraftFinding[]): Finding[] {
  const seen = new Map<string, number>();
  return [...findings].sort(compareFindings).map(({ anchorText, ...f }) => {
    const key = `${f.ruleId}\0${f.path ?? ''}\0${f.messageId}\0${anchorText}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { ...f, fingerprint: sha256(`${key}\0${n}`).slice(0, 32) };
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

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
