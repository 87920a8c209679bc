// The status bar item: the state of the repository the active editor belongs to, from the server's
// kamae/reportChanged notifications. Clicking it shows the report.
import * as vscode from 'vscode';
import type { ReportChangedParams } from '../../server/src/protocol';
import { t } from './l10n';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kamae.status', vscode.StatusBarAlignment.Right, 100);
  private readonly states = new Map<string, ReportChangedParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the new text after every update (the extension exports it for its own tests). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'Kamae';
    this.item.command = 'kamae.showReport';
    // Shown once the server reports on a folder (a window without one has nothing to show).
    this.item.text = '$(sync~spin) Kamae';
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  update(params: ReportChangedParams): void {
    this.states.set(key(params.uri), params);
    this.render();
    this.item.show();
  }

  /** Renders again (the UI language changed). */
  refresh(): void {
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  private render(): void {
    this.renderItem();
    this.changed.fire(this.item.text);
  }

  private renderItem(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
    const state = (folder && this.states.get(key(folder.uri.toString()))) ?? this.states.values().next().value;
    this.item.backgroundColor = undefined;
    if (!state) return;
    const name = folder?.name ?? '';
    switch (state.state) {
      case 'analyzing':
        this.item.text = '$(sync~spin) Kamae';
        this.item.tooltip = t('Kamae is checking {0}…', name);
        return;
      case 'disabled':
        this.item.text = '$(circle-slash) Kamae';
        this.item.tooltip = t('Kamae is disabled for {0} (setting kamae.enable).', name);
        return;
      case 'error':
        this.item.text = '$(error) Kamae';
        this.item.tooltip = t('Kamae could not check {0}: {1}', name, state.error ?? '');
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        return;
      case 'ready':
        break;
    }
    const s = state.summary;
    if (!s) return;
    const { critical, high, medium, low, info } = s.bySeverity;
    if (critical + high > 0) {
      this.item.text = critical > 0 ? `$(warning) ${t('Kamae: {0} critical, {1} high', critical, high)}` : `$(warning) ${t('Kamae: {0} high', high)}`;
      this.item.backgroundColor = new vscode.ThemeColor(critical > 0 ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    } else this.item.text = '$(check) Kamae';
    const lines = [
      t('Kamae — {0}', name),
      t('{0} findings: {1} critical, {2} high, {3} medium, {4} low, {5} info', s.findings, critical, high, medium, low, info),
      t('{0} suppressed; {1} files checked, {2} could not be checked', s.suppressed, s.filesEvaluated, s.filesNotEvaluated),
      t('Click to show the report.'),
    ];
    this.item.tooltip = lines.join('\n');
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

function key(uri: string): string {
  return vscode.Uri.parse(uri).toString();
}
