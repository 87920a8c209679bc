// The panel's commands: open the dashboard, attest, export, the view toolbar's filters and guideline
// switch, opening findings and attestations, and the walkthrough's "go to the most severe finding".
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GUIDELINE_VIEW_IDS, type AttestationEntry, type GuidelineView, type PanelFinding, type Severity } from '../../../server/src/protocol';
import { t } from '../l10n';
import { attest, type AttestTarget } from './attest';
import type { Dashboards } from './dashboard';
import { exportReport } from './export';
import { SEVERITY_ORDER, severityIcon, severityLabel, viewLabel } from './labels';
import { openAttestation, openFinding } from './locations';
import type { AssessmentStore } from './store';
import type { CompliancePanel, PanelNode } from './tree';

export interface PanelDeps {
  readonly client: LanguageClient;
  readonly store: AssessmentStore;
  readonly panel: CompliancePanel;
  readonly dashboards: Dashboards;
  readonly memory: vscode.Memento;
}

const isNode = (v: unknown): v is PanelNode => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';

/** The workspace folder a command argument names (a tree node, a folder URI), or the active editor's, or the only one, or the user's pick. */
async function folderOf(arg: unknown): Promise<vscode.WorkspaceFolder | undefined> {
  if (isNode(arg) && 'folder' in arg) return arg.folder;
  if (typeof arg === 'string') return vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(arg));
  const active = vscode.window.activeTextEditor?.document.uri;
  const own = active && active.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (own) return own;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (folders.length === 0) void vscode.window.showInformationMessage(t('Open a folder to see its Kamae report.'));
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which repository?') });
}

export function registerPanelCommands(context: vscode.ExtensionContext, deps: PanelDeps): void {
  const { client, store, panel, dashboards, memory } = deps;
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('kamae.openDashboard', async (arg?: unknown) => {
    const folder = await folderOf(arg);
    if (folder) dashboards.show(folder);
  });

  register('kamae.attest', async (arg?: unknown) => {
    let target: AttestTarget = {};
    if (isNode(arg) && arg.kind === 'requirement') {
      const q = arg.requirement;
      const meti = arg.response.assessment.view === 'meti';
      target = { folder: arg.folder.uri.toString(), label: `${q.label} ${q.title}`, items: q.attestationItems, ...(meti ? { requirement: q.id } : {}) };
    } else if (isNode(arg) && arg.kind === 'item') {
      target = { folder: arg.folder.uri.toString(), label: `${arg.item.id} ${arg.item.title}`, requirement: arg.item.requirement, items: [arg.item], item: arg.item.id };
    } else if (isNode(arg) && 'folder' in arg) target = { folder: arg.folder.uri.toString() };
    else if (typeof arg === 'string') target = { folder: arg };
    return attest(client, store, memory, target);
  });

  register('kamae.exportReport', async (arg?: unknown) => {
    const folder = isNode(arg) || typeof arg === 'string' ? await folderOf(arg) : undefined;
    return exportReport(client, store, folder?.uri.toString());
  });

  register('kamae.filterFailingOnly', () => (panel.filters = { ...panel.filters, failingOnly: true }));
  register('kamae.filterShowAll', () => (panel.filters = { ...panel.filters, failingOnly: false }));

  register('kamae.filterSeverity', async (arg?: unknown) => {
    let min: Severity | undefined;
    if (typeof arg === 'string' && (SEVERITY_ORDER as readonly string[]).includes(arg)) min = arg as Severity;
    else if (arg !== 'all') {
      const picked = await vscode.window.showQuickPick(
        [
          { label: t('All severities'), value: undefined, picked: panel.filters.minSeverity === undefined },
          ...SEVERITY_ORDER.filter((s) => s !== 'info').map((s) => ({ label: `$(${severityIcon(s).id}) ${t('{0} and above', severityLabel(s))}`, value: s, picked: panel.filters.minSeverity === s })),
        ],
        { title: t('Kamae: Filter by Severity'), placeHolder: t('Show findings of at least this severity') },
      );
      if (!picked) return;
      min = picked.value;
    }
    const { minSeverity: _old, ...rest } = panel.filters;
    panel.filters = min === undefined ? rest : { ...rest, minSeverity: min };
  });

  register('kamae.switchView', async (arg?: unknown) => {
    let view: GuidelineView | undefined = typeof arg === 'string' && (GUIDELINE_VIEW_IDS as readonly string[]).includes(arg) ? (arg as GuidelineView) : undefined;
    if (!view) {
      const picked = await vscode.window.showQuickPick(
        GUIDELINE_VIEW_IDS.map((v) => ({ label: viewLabel(v), description: v === store.view ? t('current') : '', value: v })),
        { title: t('Kamae: Switch Guideline'), placeHolder: t('Organise the panel by…') },
      );
      view = picked?.value;
    }
    if (view) store.view = view;
  });

  register('kamae.openFinding', async (folderUri: string, finding: PanelFinding) => {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folderUri));
    if (!folder) return;
    const response = await store.get(folder);
    await openFinding(folder.uri, { ...(response?.anchor !== undefined ? { anchor: response.anchor } : {}) }, finding);
  });

  register('kamae.openAttestation', async (folderUri: string, entry: AttestationEntry) => {
    await openAttestation(vscode.Uri.parse(folderUri), entry);
  });

  register('kamae.openTopFinding', async (arg?: unknown) => {
    const folder = await folderOf(arg);
    if (!folder) return undefined;
    const response = await store.get(folder);
    const top = response?.findings.find((f) => !f.suppressed);
    if (!response || !top) {
      void vscode.window.showInformationMessage(t('Kamae found nothing to fix in {0}.', folder.name));
      return undefined;
    }
    await openFinding(folder.uri, response, top);
    return top;
  });
}
