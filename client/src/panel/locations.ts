// Opening what the panel and the dashboard point at: a finding's range (repository-level findings on
// the anchor file), an attestation's line in .kamae/attestations.yaml.
import * as vscode from 'vscode';
import type { AssessmentResponse, AttestationEntry, PanelFinding } from '../../../server/src/protocol';

export function fileUri(folder: vscode.Uri, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...rel.split('/'));
}

export async function openFinding(folder: vscode.Uri, response: Pick<AssessmentResponse, 'anchor'>, f: PanelFinding): Promise<void> {
  const rel = f.path ?? response.anchor;
  if (rel === undefined) return;
  const r = f.range;
  const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : new vscode.Range(0, 0, 0, 0);
  await vscode.window.showTextDocument(fileUri(folder, rel), { selection, preview: false });
}

export async function openAttestation(folder: vscode.Uri, a: AttestationEntry): Promise<void> {
  if (a.path === undefined) return;
  const line = a.line ?? 0;
  await vscode.window.showTextDocument(fileUri(folder, a.path), { selection: new vscode.Range(line, 0, line, 0), preview: false });
}
