// Shared by the report writers: language choice, severity order and counting.
import type { Lang, RepoReport, Severity, Text } from '../model';
import { SEVERITIES } from '../model';

export function t(text: Text, lang: Lang): string {
  return text[lang] || text.en;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** True when `s` is at or above `threshold` (critical > high > medium > low > info). */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

export interface Summary {
  readonly findings: number;
  readonly suppressed: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly filesEvaluated: number;
  readonly filesNotEvaluated: number;
  readonly rules: Readonly<Record<'pass' | 'fail' | 'not-applicable' | 'error', number>>;
}

export function summarise(report: RepoReport): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let findings = 0;
  let suppressed = 0;
  for (const f of report.findings) {
    if (f.suppression) suppressed++;
    else {
      findings++;
      bySeverity[f.severity]++;
    }
  }
  const rules = { pass: 0, fail: 0, 'not-applicable': 0, error: 0 };
  for (const r of report.rules) rules[r.outcome]++;
  return {
    findings,
    suppressed,
    bySeverity,
    filesEvaluated: report.files.filter((f) => f.status === 'evaluated').length,
    filesNotEvaluated: report.files.filter((f) => f.status === 'not-evaluated').length,
    rules,
  };
}

/** The documentation address of a rule, derived from the repository URL in one place. */
export function ruleDocUrl(docsBase: string, ruleId: string): string {
  return `${docsBase.replace(/\/$/, '')}/${ruleId}.md`;
}
