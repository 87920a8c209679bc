// The Kamae view: repository (workspace folder) -> guideline group -> requirement and its state ->
// rules with their outcome -> findings (a click opens the location), with attestations and the
// attestation items still open under their requirement. Filters: failing only, minimum severity.
// Everything shown comes from the server's kamae/assessment answer.
import * as vscode from 'vscode';
import type { AssessedGroup, AssessedRequirement, AssessmentResponse, AttestationEntry, EvidenceRule, PanelFinding, Severity } from '../../../server/src/protocol';
import { t } from '../l10n';
import { FAILING, outcomeIcon, outcomeLabel, SEVERITY_ORDER, severityIcon, severityLabel, stateIcon, stateLabel, viewLabel } from './labels';
import type { AssessmentStore } from './store';

export type PanelNode =
  | { readonly kind: 'repository'; readonly folder: vscode.WorkspaceFolder }
  | { readonly kind: 'message'; readonly text: string; readonly icon?: string }
  | { readonly kind: 'group'; readonly folder: vscode.WorkspaceFolder; readonly response: AssessmentResponse; readonly group: AssessedGroup }
  | { readonly kind: 'requirement'; readonly folder: vscode.WorkspaceFolder; readonly response: AssessmentResponse; readonly requirement: AssessedRequirement }
  | { readonly kind: 'rule'; readonly folder: vscode.WorkspaceFolder; readonly response: AssessmentResponse; readonly rule: EvidenceRule; readonly findings: readonly PanelFinding[] }
  | { readonly kind: 'finding'; readonly folder: vscode.WorkspaceFolder; readonly response: AssessmentResponse; readonly finding: PanelFinding }
  | { readonly kind: 'attestation'; readonly folder: vscode.WorkspaceFolder; readonly entry: AttestationEntry }
  | { readonly kind: 'item'; readonly folder: vscode.WorkspaceFolder; readonly requirement: AssessedRequirement; readonly item: AssessedRequirement['attestationItems'][number] };

export interface PanelFilters {
  readonly failingOnly: boolean;
  /** Findings below this severity are hidden (with the rules and requirements only they made fail). */
  readonly minSeverity?: Severity;
}

/** What the tree shows, flattened for tests and the extension API. */
export interface PanelSnapshotNode {
  readonly label: string;
  readonly description?: string;
  readonly icon?: string;
  readonly contextValue?: string;
  readonly children?: readonly PanelSnapshotNode[];
}

export class CompliancePanel implements vscode.TreeDataProvider<PanelNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PanelNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private filterState: PanelFilters = { failingOnly: false };

  constructor(private readonly store: AssessmentStore) {
    this.subscriptions.push(store.onDidChange(() => this.emitter.fire(undefined)));
    this.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.emitter.fire(undefined)));
    void vscode.commands.executeCommand('setContext', 'kamae.failingOnly', false);
  }

  get filters(): PanelFilters {
    return this.filterState;
  }
  set filters(f: PanelFilters) {
    this.filterState = f;
    void vscode.commands.executeCommand('setContext', 'kamae.failingOnly', f.failingOnly);
    void vscode.commands.executeCommand('setContext', 'kamae.severityFiltered', f.minSeverity !== undefined);
    this.emitter.fire(undefined);
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: PanelNode): Promise<PanelNode[]> {
    if (!node) return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ kind: 'repository', folder }));
    switch (node.kind) {
      case 'repository': {
        const response = await this.store.get(node.folder);
        if (!response) {
          const state = this.store.state(node.folder)?.state;
          return [{ kind: 'message', text: state === 'disabled' ? t('Kamae is disabled for this folder (setting kamae.enable).') : t('No report yet: Kamae is checking this folder, or could not.'), icon: 'info' }];
        }
        const groups = response.assessment.groups.filter((g) => g.requirements.some((q) => this.showRequirement(response, q)));
        if (groups.length === 0) return [{ kind: 'message', text: t('Nothing matches the filters.'), icon: 'filter' }];
        return groups.map((group) => ({ kind: 'group', folder: node.folder, response, group }));
      }
      case 'group':
        return node.group.requirements.filter((q) => this.showRequirement(node.response, q)).map((requirement) => ({ kind: 'requirement', folder: node.folder, response: node.response, requirement }));
      case 'requirement': {
        const q = node.requirement;
        // What fails first, then what passes, then what did not apply.
        const order = { fail: 0, error: 1, pass: 2, 'not-applicable': 3 } as const;
        const rules: PanelNode[] = [...q.rules]
          .sort((a, b) => order[a.outcome] - order[b.outcome])
          .map((rule) => ({ rule, findings: this.findingsOf(node.response, rule.ruleId) }))
          .filter((r) => this.showRule(node.response, r.rule, r.findings))
          .map(({ rule, findings }) => ({ kind: 'rule', folder: node.folder, response: node.response, rule, findings }));
        const attestations: PanelNode[] = q.attestations.map((entry) => ({ kind: 'attestation', folder: node.folder, entry }));
        const open: PanelNode[] = q.attestationItems.filter((i) => !i.attested).map((item) => ({ kind: 'item', folder: node.folder, requirement: q, item }));
        return [...rules, ...attestations, ...open];
      }
      case 'rule':
        return node.findings.map((finding) => ({ kind: 'finding', folder: node.folder, response: node.response, finding }));
      default:
        return [];
    }
  }

  getTreeItem(node: PanelNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'repository': {
        const item = new vscode.TreeItem(node.folder.name, C.Expanded);
        item.id = `repo:${node.folder.uri.toString()}`;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.description = viewLabel(this.store.view);
        item.contextValue = 'kamae.repository';
        item.tooltip = node.folder.uri.fsPath;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, C.None);
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'group': {
        const g = node.group;
        const item = new vscode.TreeItem(`${g.label} ${g.title}`, C.Collapsed);
        item.id = `group:${node.folder.uri.toString()}:${node.response.assessment.view}:${g.id}`;
        const total = g.requirements.length;
        const ok = g.counts.met + g.counts.attested;
        const failing = g.counts['not-met'] + g.counts['partly-met'] + g.counts['attestation-expired'];
        const toAttest = g.counts['needs-attestation'];
        item.description = [t('{0}/{1} met', ok, total), ...(failing > 0 ? [t('{0} failing', failing)] : []), ...(toAttest > 0 ? [t('{0} to attest', toAttest)] : [])].join(' · ');
        item.iconPath = new vscode.ThemeIcon(failing > 0 ? 'circle-large-filled' : toAttest > 0 ? 'circle-large-outline' : 'pass-filled', new vscode.ThemeColor(failing > 0 ? 'testing.iconFailed' : toAttest > 0 ? 'charts.blue' : 'testing.iconPassed'));
        const tip = new vscode.MarkdownString();
        tip.appendMarkdown(`**${escape(g.label)} ${escape(g.title)}**\n\n`);
        if (g.responsibility) tip.appendMarkdown(`${escape(g.responsibility)}\n\n`);
        tip.appendMarkdown(Object.entries(g.counts).filter(([, n]) => n > 0).map(([s, n]) => `${stateLabel(s as keyof typeof g.counts)}: ${n}`).join(' · '));
        item.tooltip = tip;
        item.contextValue = 'kamae.group';
        return item;
      }
      case 'requirement': {
        const q = node.requirement;
        const hasChildren = q.rules.length > 0 || q.attestations.length > 0 || q.attestationItems.some((i) => !i.attested);
        const item = new vscode.TreeItem(`${q.label} ${q.title}`, hasChildren ? C.Collapsed : C.None);
        item.id = `req:${node.folder.uri.toString()}:${node.response.assessment.view}:${q.id}`;
        item.description = stateLabel(q.state);
        item.iconPath = stateIcon(q.state);
        const tip = new vscode.MarkdownString();
        tip.appendMarkdown(`**${escape(q.label)} ${escape(q.title)}** — ${escape(stateLabel(q.state))}\n\n`);
        if (q.description) tip.appendMarkdown(`${escape(q.description)}\n\n`);
        if (q.rules.length === 0) tip.appendMarkdown(escape(t('No file in a repository can show this requirement: a person attests it.')));
        item.tooltip = tip;
        // Attestations name a METI requirement: possible for every METI requirement, and for framework items that METI items speak to.
        const attestable = node.response.assessment.view === 'meti' || q.attestationItems.length > 0;
        item.contextValue = attestable ? 'kamae.requirement.attestable' : 'kamae.requirement';
        return item;
      }
      case 'rule': {
        const r = node.rule;
        const active = node.findings.filter((f) => !f.suppressed).length;
        const item = new vscode.TreeItem(r.title, node.findings.length > 0 ? C.Collapsed : C.None);
        item.description = `${outcomeLabel(r.outcome)}${active === 1 ? ` · ${t('1 finding')}` : active > 1 ? ` · ${t('{0} findings', active)}` : ''} · ${r.ruleId}`;
        item.iconPath = outcomeIcon(r.outcome);
        item.tooltip = `${r.ruleId}${r.detail ? `\n${r.detail}` : ''}`;
        item.contextValue = 'kamae.rule';
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message, C.None);
        const rel = f.path ?? node.response.anchor ?? '';
        const line = f.range ? f.range.start.line + 1 : undefined;
        item.description = `${severityLabel(f.severity)}${f.suppressed ? ` · ${t('suppressed')}` : ''} · ${rel}${line !== undefined ? `:${line}` : ''}`;
        item.iconPath = f.suppressed ? new vscode.ThemeIcon('bell-slash', new vscode.ThemeColor('disabledForeground')) : severityIcon(f.severity);
        item.tooltip = `${f.message}\n${f.ruleId}`;
        item.contextValue = 'kamae.finding';
        item.command = { command: 'kamae.openFinding', title: t('Open'), arguments: [node.folder.uri.toString(), f] };
        return item;
      }
      case 'attestation': {
        const a = node.entry;
        const item = new vscode.TreeItem(t('{0} attested by {1}', a.item ?? a.requirement, a.owner), C.None);
        item.description = a.status === 'valid' ? (a.expires ? t('valid until {0}', a.expires) : t('valid')) : t('expired on {0}', a.expires ?? '');
        item.iconPath = a.status === 'valid' ? new vscode.ThemeIcon('verified', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('history', new vscode.ThemeColor('testing.iconFailed'));
        item.tooltip = `${a.owner}\n${a.evidence}\n${a.date}${a.expires ? ` → ${a.expires}` : ''}`;
        item.contextValue = 'kamae.attestation';
        item.command = { command: 'kamae.openAttestation', title: t('Open'), arguments: [node.folder.uri.toString(), a] };
        return item;
      }
      case 'item': {
        const item = new vscode.TreeItem(`${node.item.id} ${node.item.title}`, C.None);
        item.description = t('not attested');
        item.iconPath = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.blue'));
        item.contextValue = 'kamae.item';
        return item;
      }
    }
  }

  /** The tree as plain data, every node expanded (the extension API, for tests). */
  async snapshot(node?: PanelNode): Promise<PanelSnapshotNode[]> {
    const out: PanelSnapshotNode[] = [];
    for (const child of await this.getChildren(node)) {
      const item = this.getTreeItem(child);
      const children = item.collapsibleState === vscode.TreeItemCollapsibleState.None ? undefined : await this.snapshot(child);
      out.push({
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        ...(typeof item.description === 'string' ? { description: item.description } : {}),
        ...(item.iconPath instanceof vscode.ThemeIcon ? { icon: item.iconPath.id } : {}),
        ...(item.contextValue ? { contextValue: item.contextValue } : {}),
        ...(children ? { children } : {}),
      });
    }
    return out;
  }

  private findingsOf(response: AssessmentResponse, ruleId: string): PanelFinding[] {
    const min = this.filterState.minSeverity;
    return response.findings.filter((f) => f.ruleId === ruleId && (min === undefined || SEVERITY_ORDER.indexOf(f.severity) <= SEVERITY_ORDER.indexOf(min)));
  }

  /** A rule is hidden when the filters removed all its findings, or it passes and only failures are wanted. */
  private showRule(response: AssessmentResponse, rule: EvidenceRule, shown: readonly PanelFinding[]): boolean {
    if (this.filterState.failingOnly && (rule.outcome === 'pass' || rule.outcome === 'not-applicable')) return false;
    const had = response.findings.some((f) => f.ruleId === rule.ruleId);
    return !had || shown.length > 0;
  }

  private showRequirement(response: AssessmentResponse, q: AssessedRequirement): boolean {
    if (this.filterState.failingOnly && !FAILING.has(q.state)) return false;
    if (this.filterState.minSeverity === undefined) return true;
    // Requirements that failed only through findings below the threshold go; the others stay.
    const withFindings = q.rules.filter((r) => response.findings.some((f) => f.ruleId === r.ruleId));
    return withFindings.length === 0 || withFindings.some((r) => this.findingsOf(response, r.ruleId).length > 0);
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
