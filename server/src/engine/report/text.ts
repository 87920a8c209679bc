// The human report: findings grouped by file, files that could not be evaluated, then one line per
// guideline group with its requirement states, and a closing summary. Colour only when asked.
import type { GuidelineCatalogue } from '../catalog';
import type { Finding, Lang, RepoReport, RequirementStateName, Severity } from '../model';
import { summarise, t } from './common';

export interface TextOptions {
  readonly lang: Lang;
  readonly color: boolean;
  readonly guidelines: GuidelineCatalogue;
  /** Show suppressed findings too (they are always counted). */
  readonly showSuppressed?: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };
const STATE_ORDER: readonly RequirementStateName[] = ['not-met', 'partly-met', 'attestation-expired', 'needs-attestation', 'attested', 'met', 'not-applicable'];
const STATE_LABEL: Record<RequirementStateName, { en: string; ja: string }> = {
  met: { en: 'met', ja: '充足' },
  'not-met': { en: 'not met', ja: '未充足' },
  'partly-met': { en: 'partly met', ja: '一部充足' },
  'not-applicable': { en: 'n/a', ja: '対象外' },
  'needs-attestation': { en: 'needs attestation', ja: '要証明' },
  attested: { en: 'attested', ja: '証明済み' },
  'attestation-expired': { en: 'attestation expired', ja: '証明期限切れ' },
};

export function toText(report: RepoReport, opts: TextOptions): string {
  const { lang } = opts;
  const c = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const ja = lang === 'ja';
  const out: string[] = [];
  const shown = report.findings.filter((f) => opts.showSuppressed || !f.suppression);
  const groups = new Map<string, Finding[]>();
  for (const f of shown) {
    const key = f.path ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [path, list] of groups) {
    out.push(c('1', path === '' ? (ja ? '(リポジトリ全体)' : '(repository)') : path));
    for (const f of list) {
      const where = f.range ? `${f.range.start.line + 1}:${f.range.start.character + 1}` : '-';
      const sev = c(SEVERITY_COLOR[f.severity], f.severity.padEnd(8));
      const supp = f.suppression ? c('2', ja ? ` [抑制: ${f.suppression.reason}]` : ` [suppressed: ${f.suppression.reason}]`) : '';
      out.push(`  ${where.padEnd(8)} ${sev} ${t(f.message, lang)}  ${c('2', f.ruleId)}${supp}`);
    }
    out.push('');
  }
  const notEvaluated = report.files.filter((f) => f.status === 'not-evaluated');
  if (notEvaluated.length > 0 || report.skipped.length > 0) {
    out.push(c('1', ja ? '評価できなかったファイル' : 'Not evaluated'));
    for (const f of notEvaluated) out.push(`  ${f.path}  ${c('2', f.reason ? t(f.reason, lang) : '')}`);
    for (const s of report.skipped) out.push(`  ${s.path}  ${c('2', t(s.reason, lang))}`);
    out.push('');
  }
  const errors = report.rules.filter((r) => r.outcome === 'error');
  if (errors.length > 0) {
    out.push(c('1', ja ? 'エラーになったルール' : 'Rules that failed to run'));
    for (const r of errors) out.push(`  ${r.ruleId}  ${c('2', r.detail ?? '')}`);
    out.push('');
  }
  out.push(c('1', ja ? 'ガイドライン要求事項 (経済産業省・NCO)' : 'Guideline requirements (METI/NCO)'));
  const groupWidth = Math.max(...opts.guidelines.meti.groups.map((g) => g.label.length + 1 + t(g.title, lang).length));
  for (const g of opts.guidelines.meti.groups) {
    const states = report.requirements.filter((r) => r.groupId === g.id);
    const counts = STATE_ORDER.map((s) => [s, states.filter((r) => r.state === s).length] as const).filter(([, n]) => n > 0);
    const parts = counts.map(([s, n]) => {
      const label = `${STATE_LABEL[s][lang]} ${n}`;
      return s === 'not-met' || s === 'attestation-expired' ? c('31', label) : s === 'met' || s === 'attested' ? c('32', label) : label;
    });
    out.push(`  ${`${g.label} ${t(g.title, lang)}`.padEnd(groupWidth)}  ${parts.join(' · ')}`);
  }
  out.push('');
  const s = summarise(report);
  const sev = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((k) => s.bySeverity[k] > 0).map((k) => `${s.bySeverity[k]} ${k}`);
  if (ja) {
    out.push(`指摘 ${s.findings} 件${sev.length ? ` (${sev.join(', ')})` : ''} · 抑制 ${s.suppressed} 件 · 検査したファイル ${s.filesEvaluated} · 評価できなかったファイル ${s.filesNotEvaluated}`);
  } else {
    out.push(`${s.findings} finding${s.findings === 1 ? '' : 's'}${sev.length ? ` (${sev.join(', ')})` : ''} · ${s.suppressed} suppressed · ${s.filesEvaluated} file${s.filesEvaluated === 1 ? '' : 's'} checked · ${s.filesNotEvaluated} not evaluated`);
  }
  return `${out.join('\n')}\n`;
}
