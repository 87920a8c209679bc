// "Kamae: Open Dashboard": one webview per repository with the requirement states per group (stacked
// bars), the most severe findings with their fixes, and attestations expired or expiring within 30
// days. Strict CSP with a nonce, no remote resources, resources only from media/ and dist/, and every
// message checked by a type guard on both sides. The webview names things by index; this side holds
// the data and does the opening, editing and asking.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RescanRequest, type AssessmentResponse, type PanelFinding } from '../../../server/src/protocol';
import { t, uiLang } from '../l10n';
import { isFromWebview, type DashboardModel, type FromWebview, type StateName } from '../webview/messages';
import { severityLabel, STATE_ORDER, stateLabel, viewLabel } from './labels';
import { openAttestation, openFinding } from './locations';
import { folderKey, type AssessmentStore } from './store';

/** How many findings the dashboard lists. */
const TOP_FINDINGS = 10;
/** Attestations expiring within this many days are listed. */
const EXPIRY_WINDOW_DAYS = 30;

interface Shown {
  readonly panel: vscode.WebviewPanel;
  readonly folder: vscode.WorkspaceFolder;
  response?: AssessmentResponse;
  findings: PanelFinding[];
  attestations: AssessmentResponse['attestations'][number][];
  /** The last model sent (for the extension API). */
  model?: DashboardModel;
}

export interface DashboardActions {
  attest(folder: vscode.WorkspaceFolder): Promise<unknown>;
  exportReport(folder: vscode.WorkspaceFolder): Promise<unknown>;
}

export class Dashboards implements vscode.Disposable {
  private readonly open = new Map<string, Shown>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<DashboardModel>();
  /** Fires with each model sent to a webview (tests wait on it). */
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly store: AssessmentStore,
    private readonly actions: DashboardActions,
    private readonly output: vscode.OutputChannel,
  ) {
    this.subscriptions.push(
      store.onDidChange((key) => {
        for (const [k, shown] of this.open) if (key === undefined || key === k) void this.update(shown);
      }),
    );
  }

  /** The model currently shown for a folder, if its dashboard is open. */
  modelFor(folder: vscode.WorkspaceFolder): DashboardModel | undefined {
    return this.open.get(folderKey(folder.uri))?.model;
  }

  show(folder: vscode.WorkspaceFolder): void {
    const key = folderKey(folder.uri);
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('kamae.dashboard', t('Kamae — {0}', folder.name), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'kamae.svg');
    const shown: Shown = { panel, folder, findings: [], attestations: [] };
    this.open.set(key, shown);
    panel.webview.html = this.html(panel.webview);
    panel.webview.onDidReceiveMessage((m: unknown) => {
      if (!isFromWebview(m)) {
        this.output.appendLine(`kamae dashboard: ignored a malformed message ${safeJson(m)}`);
        return;
      }
      void this.handle(shown, m).catch((e: unknown) => this.output.appendLine(`kamae dashboard: ${e instanceof Error ? e.message : String(e)}`));
    });
    panel.onDidDispose(() => this.open.delete(key));
  }

  private async handle(shown: Shown, m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        await this.update(shown);
        return;
      case 'rescan':
        await this.client.sendRequest(RescanRequest.type, { uri: shown.folder.uri.toString() });
        return;
      case 'attest':
        await this.actions.attest(shown.folder);
        return;
      case 'export':
        await this.actions.exportReport(shown.folder);
        return;
      case 'open': {
        const f = shown.findings[m.finding];
        if (f && shown.response) await openFinding(shown.folder.uri, shown.response, f);
        return;
      }
      case 'openAttestation': {
        const a = shown.attestations[m.attestation];
        if (a) await openAttestation(shown.folder.uri, a);
        return;
      }
      case 'fix': {
        const fix = shown.findings[m.finding]?.fixes[m.fix];
        if (!fix) return;
        if (fix.safety === 'needs-review') {
          const apply = t('Apply');
          const answer = await vscode.window.showWarningMessage(t('"{0}" needs review: it may change behaviour beyond the fix. Apply it?', fix.title), { modal: true }, apply);
          if (answer !== apply) return;
        }
        const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(fix.edit);
        if (!(await vscode.workspace.applyEdit(edit))) {
          void vscode.window.showErrorMessage(t('The fix was not applied: the file changed since Kamae checked it. Try again after the next check.'));
          return;
        }
        // Show the edited file so the change is reviewed and saved by the person who asked for it.
        const first = edit.entries()[0]?.[0];
        if (first) await vscode.window.showTextDocument(first, { preview: false });
        return;
      }
    }
  }

  private async update(shown: Shown): Promise<void> {
    const response = await this.store.get(shown.folder);
    shown.response = response ?? undefined;
    shown.findings = (response?.findings ?? []).filter((f) => !f.suppressed).slice(0, TOP_FINDINGS);
    const today = response?.assessment.date ?? '';
    shown.attestations = (response?.attestations ?? [])
      .filter((a) => a.status === 'expired' || (a.expires !== undefined && daysBetween(today, a.expires) <= EXPIRY_WINDOW_DAYS))
      .sort((a, b) => (a.expires ?? '').localeCompare(b.expires ?? ''));
    const model = this.model(shown, response);
    shown.model = model;
    shown.panel.title = t('Kamae — {0}', shown.folder.name);
    if (await shown.panel.webview.postMessage({ type: 'model', model })) this.rendered.fire(model);
  }

  private model(shown: Shown, response: AssessmentResponse | null): DashboardModel {
    const a = response?.assessment;
    const states: StateName[] = [...STATE_ORDER];
    return {
      lang: uiLang(),
      repository: shown.folder.name,
      strings: {
        title: t('Kamae — {0}', shown.folder.name),
        subtitle: a ? t('{0} · assessed {1} · profile {2}', viewLabel(a.view), a.date, a.profile) : t('Kamae has no report for this folder (it may be disabled there).'),
        chartTitle: t('Requirement states by group'),
        chartLegend: t('Legend'),
        findingsTitle: t('Top findings'),
        noFindings: t('No open findings.'),
        attestationsTitle: t('Attestations expired or expiring within {0} days', EXPIRY_WINDOW_DAYS),
        noExpiring: t('None.'),
        open: t('Open'),
        attest: t('Attest…'),
        export: t('Export report…'),
        rescan: t('Rescan'),
        needsReview: t('needs review'),
        requirements: t('requirements'),
      },
      states: states.map((id) => ({ id, label: stateLabel(id) })),
      groups: (a?.groups ?? []).map((g) => ({ label: g.label, title: g.title, counts: g.counts })),
      findings: shown.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        severityLabel: severityLabel(f.severity),
        message: f.message,
        location: f.path !== undefined ? `${f.path}${f.range ? `:${f.range.start.line + 1}` : ''}` : t('repository ({0})', response?.anchor ?? ''),
        fixes: f.fixes.map((x) => ({ title: x.title, needsReview: x.safety === 'needs-review' })),
      })),
      attestations: shown.attestations.map((e) => {
        const days = e.expires !== undefined ? daysBetween(a?.date ?? '', e.expires) : 0;
        return {
          label: e.item !== undefined ? t('{0} (requirement {1})', e.item, e.requirement) : t('requirement {0}', e.requirement),
          owner: e.owner,
          expires: e.expires ?? '',
          expired: e.status === 'expired',
          days,
          text: e.status === 'expired' ? t('expired on {0}', e.expires ?? '') : t('expires on {0} (in {1} days)', e.expires ?? '', days),
        };
      }),
    };
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(18).toString('base64');
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource}`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="${uiLang()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" nonce="${nonce}" href="${asset('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${asset('media', 'dashboard.css')}">
<title>Kamae</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const s of this.open.values()) s.panel.dispose();
    this.open.clear();
    this.rendered.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? 0 : Math.round((b - a) / 86_400_000);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return String(v);
  }
}
