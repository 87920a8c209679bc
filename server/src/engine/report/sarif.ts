// SARIF 2.1.0, shaped for GitHub code scanning: rule metadata with helpUri and security-severity,
// stable partialFingerprints, guideline references as tags, suppressions kept visible, and files
// that could not be evaluated as tool execution notifications.
import type { RuleMeta } from '../catalog';
import type { Finding, Lang, RepoReport, Severity } from '../model';
import { ruleDocUrl, t } from './common';

export interface SarifOptions {
  readonly lang: Lang;
  readonly metas: readonly RuleMeta[];
  /** Prefix of rule documentation URLs (see ruleDocUrl). */
  readonly docsBase: string;
  /** file:// URI of the repository root, for %SRCROOT%; omitted keeps the log relocatable. */
  readonly rootUri?: string;
  readonly informationUri?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const SRCROOT = '%SRCROOT%';

export function toSarif(report: RepoReport, opts: SarifOptions): string {
  const lang = opts.lang;
  // Every rule that ran or reported, plus builtins, so ruleIndex is stable for a catalogue.
  const ids = new Set([...report.rules.map((r) => r.ruleId), ...report.findings.map((f) => f.ruleId)]);
  const metas = opts.metas.filter((m) => ids.has(m.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const rules = metas.map((m) => ({
    id: m.id,
    name: pascal(m.id.split('/')[1] ?? m.id),
    shortDescription: { text: t(m.title, lang) },
    fullDescription: { text: t(m.rationale, lang) },
    help: { text: t(m.remediation, lang), markdown: `**${t(m.title, lang)}**\n\n${t(m.rationale, lang)}\n\n${t(m.remediation, lang)}` },
    helpUri: ruleDocUrl(opts.docsBase, m.id),
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: {
      tags: ['security', ...m.references.map((r) => `${r.source}/${r.ref}`)],
      precision: m.confidence,
      'security-severity': SECURITY_SEVERITY[m.severity],
      'problem.severity': LEVEL[m.severity] === 'note' ? 'recommendation' : LEVEL[m.severity],
    },
  }));
  const location = (path: string, f?: Finding) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path), uriBaseId: SRCROOT },
      region: f?.range
        ? { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 }
        : { startLine: 1 },
    },
  });
  const results = report.findings.map((f) => {
    const where = f.path ?? report.anchor;
    const fixes = f.fixes
      .map((fix) => ({
        description: { text: `${t(fix.title, lang)} (${fix.safety})` },
        artifactChanges: groupEdits(fix.edits),
      }))
      .filter((fx) => fx.artifactChanges.length > 0);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: t(f.message, lang) },
      ...(where !== undefined ? { locations: [location(where, f.path !== undefined ? f : undefined)] } : {}),
      partialFingerprints: { 'kamaeFindingHash/v1': f.fingerprint },
      ...(fixes.length > 0 ? { fixes } : {}),
      ...(f.suppression
        ? {
            suppressions: [
              {
                kind: f.suppression.kind === 'inline' ? 'inSource' : 'external',
                status: 'accepted',
                justification: f.suppression.reason,
                ...(f.suppression.expires ? { properties: { expires: f.suppression.expires } } : {}),
              },
            ],
          }
        : {}),
      properties: { severity: f.severity, confidence: f.confidence, messageId: f.messageId, ...(f.path === undefined ? { repositoryLevel: true } : {}) },
    };
  });
  const notifications = [
    ...report.files
      .filter((f) => f.status === 'not-evaluated')
      .map((f) => ({
        level: 'warning',
        message: { text: `${f.path}: ${lang === 'ja' ? '評価できませんでした' : 'not evaluated'}: ${f.reason ? t(f.reason, lang) : ''}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.path), uriBaseId: SRCROOT } } }],
        descriptor: { id: 'kamae/not-evaluated' },
        properties: { kind: f.kind },
      })),
    ...report.skipped.map((s) => ({
      level: 'note',
      message: { text: `${s.path}: ${t(s.reason, lang)}` },
      descriptor: { id: 'kamae/skipped' },
    })),
    ...report.rules
      .filter((r) => r.outcome === 'error')
      .map((r) => ({
        level: 'error',
        message: { text: `${r.ruleId}: ${r.detail ?? 'rule failed'}` },
        descriptor: { id: 'kamae/rule-error' },
        associatedRule: { id: r.ruleId, ...(index.has(r.ruleId) ? { index: index.get(r.ruleId) } : {}) },
      })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Kamae',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules,
          },
        },
        ...(opts.rootUri ? { originalUriBaseIds: { [SRCROOT]: { uri: opts.rootUri.endsWith('/') ? opts.rootUri : `${opts.rootUri}/` } } } : {}),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { profile: report.profile },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function groupEdits(edits: Finding['fixes'][number]['edits']) {
  const byPath = new Map<string, { deletedRegion: object; insertedContent: { text: string } }[]>();
  for (const e of edits) {
    if (!('span' in e)) continue; // SARIF replacements cannot create files; the fix title still says what to do
    const list = byPath.get(e.path) ?? [];
    list.push({
      deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
      insertedContent: { text: e.newText },
    });
    byPath.set(e.path, list);
  }
  return [...byPath].map(([path, replacements]) => ({ artifactLocation: { uri: encodeURI(path), uriBaseId: SRCROOT }, replacements }));
}

function pascal(s: string): string {
  return s.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}
