// The self-assessments the panel, the dashboard and the commands show, fetched from the server
// (kamae/assessment) per folder, guideline view and language, and dropped when the server reports
// that a folder's report changed. The client knows nothing about rules: it renders what comes back.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AssessmentRequest, type AssessmentResponse, type GuidelineView, type ReportChangedParams } from '../../../server/src/protocol';
import { uiLang } from '../l10n';

export const folderKey = (uri: vscode.Uri | string): string => (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();

export class AssessmentStore implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<AssessmentResponse | null>>();
  private readonly states = new Map<string, ReportChangedParams>();
  private readonly emitter = new vscode.EventEmitter<string | undefined>();
  /** Fires with a folder key when that folder's assessment changed, or undefined for all of them. */
  readonly onDidChange = this.emitter.event;
  private currentView: GuidelineView = 'meti';

  constructor(private readonly client: LanguageClient) {}

  get view(): GuidelineView {
    return this.currentView;
  }
  set view(v: GuidelineView) {
    if (v === this.currentView) return;
    this.currentView = v;
    this.emitter.fire(undefined);
  }

  /** The folder's assessment in `view` (default: the panel's) and the UI language; null when Kamae has none (disabled). */
  get(folder: vscode.WorkspaceFolder | string, view: GuidelineView = this.currentView): Promise<AssessmentResponse | null> {
    const uri = typeof folder === 'string' ? folder : folder.uri.toString();
    const lang = uiLang();
    const key = `${folderKey(uri)}\n${view}\n${lang}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = Promise.resolve(this.client.sendRequest(AssessmentRequest.type, { uri, view, lang })).catch(() => null);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** The last state the server reported for the folder. */
  state(folder: vscode.WorkspaceFolder): ReportChangedParams | undefined {
    return this.states.get(folderKey(folder.uri));
  }

  /** The server's kamae/reportChanged: a new report (or state) for one folder. */
  reportChanged(p: ReportChangedParams): void {
    const key = folderKey(p.uri);
    this.states.set(key, p);
    if (p.state === 'analyzing') return; // the next `ready` brings the new report
    for (const k of [...this.cache.keys()]) if (k.startsWith(`${key}\n`)) this.cache.delete(k);
    this.emitter.fire(key);
  }

  /** Everything again (the language changed). */
  invalidate(): void {
    this.cache.clear();
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
