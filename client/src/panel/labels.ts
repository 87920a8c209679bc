// How requirement states, rule outcomes and severities look in the panel and the dashboard: localised
// words, codicons and theme colours. Names of states come from the protocol; no rule knowledge here.
import * as vscode from 'vscode';
import type { GuidelineView, RequirementStateName, Severity } from '../../../server/src/protocol';
import { t } from '../l10n';

export const STATE_ORDER: readonly RequirementStateName[] = ['not-met', 'partly-met', 'attestation-expired', 'needs-attestation', 'met', 'attested', 'not-applicable'];
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
/** Requirements that still need something done: shown by "failing only". */
export const FAILING: ReadonlySet<RequirementStateName> = new Set(['not-met', 'partly-met', 'attestation-expired', 'needs-attestation']);

export function stateLabel(s: RequirementStateName): string {
  switch (s) {
    case 'met':
      return t('Met');
    case 'not-met':
      return t('Not met');
    case 'partly-met':
      return t('Partly met');
    case 'not-applicable':
      return t('Not applicable');
    case 'needs-attestation':
      return t('Needs attestation');
    case 'attested':
      return t('Attested');
    case 'attestation-expired':
      return t('Attestation expired');
  }
}

export function stateIcon(s: RequirementStateName): vscode.ThemeIcon {
  switch (s) {
    case 'met':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'attested':
      return new vscode.ThemeIcon('verified', new vscode.ThemeColor('testing.iconPassed'));
    case 'not-met':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'partly-met':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
    case 'attestation-expired':
      return new vscode.ThemeIcon('history', new vscode.ThemeColor('testing.iconFailed'));
    case 'needs-attestation':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.blue'));
    case 'not-applicable':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  }
}

export function outcomeLabel(o: 'pass' | 'fail' | 'not-applicable' | 'error'): string {
  return o === 'pass' ? t('pass') : o === 'fail' ? t('fail') : o === 'error' ? t('error') : t('not applicable');
}

export function outcomeIcon(o: 'pass' | 'fail' | 'not-applicable' | 'error'): vscode.ThemeIcon {
  if (o === 'pass') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (o === 'fail') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  if (o === 'error') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('testing.iconErrored'));
  return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
}

export function severityLabel(s: Severity): string {
  switch (s) {
    case 'critical':
      return t('critical');
    case 'high':
      return t('high');
    case 'medium':
      return t('medium');
    case 'low':
      return t('low');
    case 'info':
      return t('info');
  }
}

export function severityIcon(s: Severity): vscode.ThemeIcon {
  switch (s) {
    case 'critical':
      return new vscode.ThemeIcon('flame', new vscode.ThemeColor('charts.red'));
    case 'high':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
    case 'medium':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow'));
    case 'low':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('charts.blue'));
    case 'info':
      return new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('foreground'));
  }
}

export function viewLabel(v: GuidelineView): string {
  return v === 'ssdf' ? t('NIST SSDF practices') : v === 'osps' ? t('OSPS Baseline families') : t('METI/NCO requirement groups');
}
