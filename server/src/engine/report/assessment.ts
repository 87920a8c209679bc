// The self-assessment: for each METI/NCO group and requirement, its state and the evidence behind it
// (rule outcomes, findings with file, line and content hash, attestations, suppressions), ready to
// hand to a customer. Built from a RepoReport; rendered by markdown.ts and html.ts.
import type { Catalog, RuleMeta } from '../catalog';
import type { AttestationEntry, Lang, Outcome, RepoReport, RequirementState, RequirementStateName, Severity } from '../model';
import { deriveRequirementStates, viewFramework, viewStructure, type GuidelineView } from '../requirements';
import { t } from './common';

export const STATES: readonly RequirementStateName[] = ['met', 'partly-met', 'not-met', 'attestation-expired', 'needs-attestation', 'attested', 'not-applicable'];

export const STATE_TEXT: Record<RequirementStateName, { en: string; ja: string }> = {
  met: { en: 'Met', ja: '充足' },
  'not-met': { en: 'Not met', ja: '未充足' },
  'partly-met': { en: 'Partly met', ja: '一部充足' },
  'not-applicable': { en: 'Not applicable', ja: '対象外' },
  'needs-attestation': { en: 'Needs attestation', ja: '要証明' },
  attested: { en: 'Attested', ja: '証明済み' },
  'attestation-expired': { en: 'Attestation expired (not met)', ja: '証明期限切れ (未充足)' },
};
export const OUTCOME_TEXT: Record<Outcome, { en: string; ja: string }> = {
  pass: { en: 'pass', ja: '合格' },
  fail: { en: 'fail', ja: '不合格' },
  'not-applicable': { en: 'not applicable', ja: '対象外' },
  error: { en: 'error', ja: 'エラー' },
};

export interface EvidenceFinding {
  readonly path?: string;
  readonly line?: number;
  readonly severity: Severity;
  readonly message: string;
  /** SHA-256 of the file's content when it was assessed. */
  readonly sha256?: string;
  readonly suppressed?: { readonly reason: string; readonly expires?: string };
}
export interface EvidenceRule {
  readonly ruleId: string;
  readonly title: string;
  readonly outcome: Outcome;
  readonly relation: 'full' | 'partial';
  readonly detail?: string;
  readonly findings: readonly EvidenceFinding[];
}
export interface AssessedRequirement {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  /** METI requirements only (framework items have a title alone). */
  readonly description?: string;
  readonly evidenceBasis?: 'found-text' | 'inferred';
  readonly state: RequirementStateName;
  readonly rules: readonly EvidenceRule[];
  /** Catalogue attestation items that speak to the requirement, with the METI requirement an attestation of them names. */
  readonly attestationItems: readonly { readonly id: string; readonly requirement: string; readonly title: string; readonly attested: boolean }[];
  readonly attestations: readonly AttestationEntry[];
}
export interface AssessedGroup {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  /** METI groups only. */
  readonly responsibility?: string;
  readonly audience: 'provider' | 'customer';
  readonly counts: Readonly<Record<RequirementStateName, number>>;
  readonly requirements: readonly AssessedRequirement[];
}
export interface Assessment {
  readonly kamaeAssessment: 1;
  readonly lang: Lang;
  /** The guideline the groups and requirements come from. */
  readonly view: GuidelineView;
  readonly repository: string;
  readonly date: string;
  readonly tool: { readonly name: 'kamae'; readonly version: string };
  readonly profile: string;
  readonly guideline: { readonly title: string; readonly version?: string; readonly note?: string };
  readonly groups: readonly AssessedGroup[];
  readonly files: readonly { readonly path: string; readonly kind: string; readonly sha256?: string }[];
  readonly notEvaluated: readonly { readonly path: string; readonly reason: string }[];
  readonly suppressions: readonly { readonly ruleId: string; readonly path?: string; readonly line?: number; readonly reason: string; readonly expires?: string; readonly kind: string }[];
}

export interface AssessmentOptions {
  readonly lang: Lang;
  /** A display name for the repository (its folder name); never an absolute path. */
  readonly repository: string;
  /** The assessment date, YYYY-MM-DD. */
  readonly date: string;
  /** METI/NCO requirements (default), NIST SSDF practices or OSPS Baseline families. */
  readonly view?: GuidelineView;
}

export function buildAssessment(report: RepoReport, catalog: Catalog, metas: readonly RuleMeta[], opts: AssessmentOptions): Assessment {
  const { lang } = opts;
  const metaById = new Map(metas.map((m) => [m.id, m]));
  const hash = new Map(report.files.map((f) => [f.path, f.sha256]));
  const findingsByRule = new Map<string, EvidenceFinding[]>();
  for (const f of report.findings) {
    const list = findingsByRule.get(f.ruleId) ?? [];
    const sha = f.path !== undefined ? hash.get(f.path) : undefined;
    list.push({
      severity: f.severity,
      message: t(f.message, lang),
      ...(f.path !== undefined ? { path: f.path } : {}),
      ...(f.range ? { line: f.range.start.line + 1 } : {}),
      ...(sha ? { sha256: sha } : {}),
      ...(f.suppression ? { suppressed: { reason: f.suppression.reason, ...(f.suppression.expires ? { expires: f.suppression.expires } : {}) } } : {}),
    });
    findingsByRule.set(f.ruleId, list);
  }
  const detail = new Map(report.rules.map((r) => [r.ruleId, r.detail]));
  const view = opts.view ?? 'meti';
  const structure = viewStructure(catalog.guidelines, metas, view);
  // METI states come with the report; a framework view derives its own from the same outcomes and attestations.
  const derived: readonly RequirementState[] =
    view === 'meti' ? report.requirements : deriveRequirementStates(catalog.guidelines, metaById, report.rules, report.attestations, opts.date, view);
  const states = new Map(derived.map((r) => [r.requirementId, r]));
  const metiGroups = new Map(catalog.guidelines.meti.groups.map((g) => [g.id, g]));
  const metiRequirements = new Map(catalog.guidelines.meti.groups.flatMap((g) => g.requirements.map((q) => [q.id, q] as const)));
  const groups: AssessedGroup[] = structure.groups.map((g) => {
    const requirements: AssessedRequirement[] = g.requirements.map((vq) => {
      const q = view === 'meti' ? metiRequirements.get(vq.id) : undefined;
      const st = states.get(vq.id);
      const attestations = report.attestations.filter((a) => structure.attests(vq, a));
      const validItems = new Set(attestations.filter((a) => a.status === 'valid').map((a) => a.item));
      const wholeValid = new Set(attestations.filter((a) => a.status === 'valid' && a.item === undefined).map((a) => a.requirement));
      return {
        id: vq.id,
        label: q?.label ?? vq.id,
        title: t(vq.title, lang),
        ...(q ? { description: t(q.description, lang), evidenceBasis: q.evidence } : {}),
        state: st?.state ?? 'needs-attestation',
        rules: (st?.rules ?? []).map((r) => {
          const d = detail.get(r.ruleId);
          return {
            ruleId: r.ruleId,
            title: metaById.has(r.ruleId) ? t(metaById.get(r.ruleId)!.title, lang) : r.ruleId,
            outcome: r.outcome,
            relation: r.relation,
            ...(d ? { detail: d } : {}),
            findings: findingsByRule.get(r.ruleId) ?? [],
          };
        }),
        attestationItems: vq.items.map((a) => ({ id: a.id, requirement: a.requirement, title: t(a.title, lang), attested: validItems.has(a.id) || (view !== 'meti' && wholeValid.has(a.requirement)) })),
        attestations,
      };
    });
    const counts = Object.fromEntries(STATES.map((s) => [s, requirements.filter((r) => r.state === s).length])) as Record<RequirementStateName, number>;
    const mg = view === 'meti' ? metiGroups.get(g.id) : undefined;
    return mg
      ? { id: g.id, label: mg.label, title: t(mg.title, lang), responsibility: t(mg.responsibility, lang), audience: mg.audience, counts, requirements }
      : { id: g.id, label: g.id, title: t(g.title, lang), audience: 'provider' as const, counts, requirements };
  });
  const guideline = viewFramework(catalog.guidelines, view) ?? catalog.guidelines.meti;
  return {
    kamaeAssessment: 1,
    lang,
    view,
    repository: opts.repository,
    date: opts.date,
    tool: report.tool,
    profile: report.profile,
    guideline: { title: t(guideline.title, lang), ...(guideline.version ? { version: guideline.version } : {}), ...(guideline.note ? { note: t(guideline.note, lang) } : {}) },
    groups,
    files: report.files.filter((f) => f.status === 'evaluated').map((f) => ({ path: f.path, kind: f.kind, ...(f.sha256 ? { sha256: f.sha256 } : {}) })),
    notEvaluated: report.files.filter((f) => f.status === 'not-evaluated').map((f) => ({ path: f.path, reason: f.reason ? t(f.reason, lang) : '' })),
    suppressions: report.findings
      .filter((f) => f.suppression)
      .map((f) => ({
        ruleId: f.ruleId,
        reason: f.suppression!.reason,
        kind: f.suppression!.kind,
        ...(f.path !== undefined ? { path: f.path } : {}),
        ...(f.range ? { line: f.range.start.line + 1 } : {}),
        ...(f.suppression!.expires ? { expires: f.suppression!.expires } : {}),
      })),
  };
}

/** Labels used by both renderers. */
export function labels(lang: Lang, view: GuidelineView = 'meti') {
  const ja = lang === 'ja';
  const group = view === 'ssdf' ? (ja ? 'プラクティス' : 'Practice') : view === 'osps' ? (ja ? 'ファミリー' : 'Family') : ja ? '要求事項群' : 'Group';
  return {
    heading: ja ? 'セキュア・バイ・デザイン自己評価' : 'Secure-by-design self-assessment',
    repository: ja ? 'リポジトリ' : 'Repository',
    date: ja ? '評価日' : 'Assessed on',
    tool: ja ? 'ツール' : 'Tool',
    profile: ja ? 'プロファイル' : 'Profile',
    guideline: ja ? 'ガイドライン' : 'Guideline',
    summary: ja ? '概要' : 'Summary',
    group,
    responsibility: ja ? '責務' : 'Responsibility',
    requirement: ja ? '要求事項' : 'Requirement',
    state: ja ? '状態' : 'State',
    basis: ja ? '出典' : 'Basis',
    foundText: ja ? '公表資料に記載' : 'found in published text',
    inferred: ja ? '推定' : 'inferred',
    evidence: ja ? '根拠 (ルールの結果)' : 'Evidence (rule outcomes)',
    rule: ja ? 'ルール' : 'Rule',
    outcome: ja ? '結果' : 'Outcome',
    relation: ja ? '対応' : 'Coverage',
    findings: ja ? '指摘' : 'Findings',
    file: ja ? 'ファイル' : 'File',
    line: ja ? '行' : 'Line',
    severity: ja ? '重大度' : 'Severity',
    message: ja ? '内容' : 'Message',
    hash: 'SHA-256',
    noRules: ja ? 'このリポジトリのファイルから確認できる項目はありません。' : 'No file in a repository can show this requirement.',
    items: ja ? '証明項目' : 'Attestation items',
    attested: ja ? '証明済み' : 'attested',
    notAttested: ja ? '未証明' : 'not attested',
    attestations: ja ? '証明' : 'Attestations',
    owner: ja ? '責任者' : 'Owner',
    evidenceLink: ja ? '根拠資料' : 'Evidence',
    on: ja ? '日付' : 'Date',
    expires: ja ? '有効期限' : 'Expires',
    status: ja ? '状態' : 'Status',
    valid: ja ? '有効' : 'valid',
    expired: ja ? '期限切れ' : 'expired',
    suppressed: ja ? '抑制' : 'suppressed',
    suppressions: ja ? '抑制した指摘と理由' : 'Suppressed findings and their reasons',
    reason: ja ? '理由' : 'Reason',
    files: ja ? '評価したファイル' : 'Files assessed',
    kind: ja ? '種類' : 'Kind',
    notEvaluated: ja ? '評価できなかったファイル' : 'Files that could not be evaluated',
    none: ja ? 'なし' : 'None',
    customer: ja ? '(顧客側の要求事項)' : '(customer-side requirements)',
    repositoryLevel: ja ? '(リポジトリ全体)' : '(repository)',
    full: ja ? '全体' : 'full',
    partial: ja ? '一部' : 'partial',
  };
}
