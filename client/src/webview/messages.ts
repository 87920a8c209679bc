// The messages between the dashboard webview and the extension, with a type guard for each
// direction. Both sides ignore (and log) anything that does not pass its guard. The webview refers
// to findings, fixes and attestations only by their index in the model it was sent, so it can never
// make the extension open or edit anything it did not offer.

export type StateName = 'met' | 'not-met' | 'partly-met' | 'not-applicable' | 'needs-attestation' | 'attested' | 'attestation-expired';
export type SeverityName = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Every string the webview shows, localised by the extension (the webview script has no words of its own). */
export const DASHBOARD_STRINGS = [
  'title',
  'subtitle',
  'chartTitle',
  'chartLegend',
  'findingsTitle',
  'noFindings',
  'attestationsTitle',
  'noExpiring',
  'open',
  'attest',
  'export',
  'rescan',
  'needsReview',
  'requirements',
] as const;
export type DashboardStringKey = (typeof DASHBOARD_STRINGS)[number];

export interface DashboardModel {
  readonly lang: 'en' | 'ja';
  readonly strings: Readonly<Record<DashboardStringKey, string>>;
  readonly repository: string;
  readonly states: readonly { readonly id: StateName; readonly label: string }[];
  readonly groups: readonly { readonly label: string; readonly title: string; readonly counts: Readonly<Record<StateName, number>> }[];
  readonly findings: readonly {
    readonly ruleId: string;
    readonly severity: SeverityName;
    readonly severityLabel: string;
    readonly message: string;
    readonly location: string;
    readonly fixes: readonly { readonly title: string; readonly needsReview: boolean }[];
  }[];
  readonly attestations: readonly { readonly label: string; readonly owner: string; readonly expires: string; readonly expired: boolean; readonly days: number; readonly text: string }[];
}

export type ToWebview = { readonly type: 'model'; readonly model: DashboardModel };
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly finding: number }
  | { readonly type: 'fix'; readonly finding: number; readonly fix: number }
  | { readonly type: 'openAttestation'; readonly attestation: number }
  | { readonly type: 'attest' }
  | { readonly type: 'export' }
  | { readonly type: 'rescan' };

const STATE_NAMES: readonly string[] = ['met', 'not-met', 'partly-met', 'not-applicable', 'needs-attestation', 'attested', 'attestation-expired'];
const SEVERITY_NAMES: readonly string[] = ['critical', 'high', 'medium', 'low', 'info'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000;
const isString = (v: unknown): v is string => typeof v === 'string';
const arrayOf = <T>(v: unknown, item: (x: unknown) => x is T): v is T[] => Array.isArray(v) && v.every(item);

export function isFromWebview(m: unknown): m is FromWebview {
  if (!isObject(m) || !isString(m.type)) return false;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'ready':
    case 'attest':
    case 'export':
    case 'rescan':
      return keys === 'type';
    case 'open':
      return keys === 'finding,type' && isIndex(m.finding);
    case 'fix':
      return keys === 'finding,fix,type' && isIndex(m.finding) && isIndex(m.fix);
    case 'openAttestation':
      return keys === 'attestation,type' && isIndex(m.attestation);
    default:
      return false;
  }
}

function isCounts(v: unknown): v is Record<StateName, number> {
  return isObject(v) && STATE_NAMES.every((s) => typeof v[s] === 'number');
}

export function isDashboardModel(v: unknown): v is DashboardModel {
  if (!isObject(v) || (v.lang !== 'en' && v.lang !== 'ja') || !isString(v.repository) || !isObject(v.strings)) return false;
  const strings = v.strings;
  if (!DASHBOARD_STRINGS.every((k) => isString(strings[k]))) return false;
  return (
    arrayOf(v.states, (s): s is DashboardModel['states'][number] => isObject(s) && isString(s.id) && STATE_NAMES.includes(s.id) && isString(s.label)) &&
    arrayOf(v.groups, (g): g is DashboardModel['groups'][number] => isObject(g) && isString(g.label) && isString(g.title) && isCounts(g.counts)) &&
    arrayOf(
      v.findings,
      (f): f is DashboardModel['findings'][number] =>
        isObject(f) &&
        isString(f.ruleId) &&
        isString(f.severity) &&
        SEVERITY_NAMES.includes(f.severity) &&
        isString(f.severityLabel) &&
        isString(f.message) &&
        isString(f.location) &&
        arrayOf(f.fixes, (x): x is { title: string; needsReview: boolean } => isObject(x) && isString(x.title) && typeof x.needsReview === 'boolean'),
    ) &&
    arrayOf(v.attestations, (a): a is DashboardModel['attestations'][number] => isObject(a) && isString(a.label) && isString(a.owner) && isString(a.expires) && typeof a.expired === 'boolean' && typeof a.days === 'number' && isString(a.text))
  );
}

export function isToWebview(m: unknown): m is ToWebview {
  return isObject(m) && m.type === 'model' && Object.keys(m).length === 2 && isDashboardModel(m.model);
}
