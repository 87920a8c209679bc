// "Attest…": a person states that a requirement (or one of its attestation items) is met where no
// file can show it. Steps: item (or the whole requirement), owner, evidence (a link, or a repository
// file chosen in a dialog and kept as a relative path), date (today), expiry (1 year by default).
// The server computes and validates the edit (kamae/attestationEdit); this applies it and saves.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AttestationEditRequest, type AttestationInput } from '../../../server/src/protocol';
import { t, uiLang } from '../l10n';
import { stateLabel } from './labels';
import type { AssessmentStore } from './store';

/** What the panel knows when "Attest…" is run on a node; all optional (the command palette passes nothing). */
export interface AttestTarget {
  readonly folder?: string;
  /** METI requirement id. */
  readonly requirement?: string;
  readonly label?: string;
  /** Attestation items offered, each with the METI requirement an attestation of it names. */
  readonly items?: readonly { readonly id: string; readonly requirement: string; readonly title: string; readonly attested?: boolean }[];
  /** A single item chosen already (an open item's inline action). */
  readonly item?: string;
}

const LAST_OWNER = 'kamae.lastAttestationOwner';

export async function attest(client: LanguageClient, store: AssessmentStore, memory: vscode.Memento, target: AttestTarget = {}): Promise<boolean> {
  const folder = target.folder !== undefined ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(target.folder)) : await pickFolder();
  if (!folder) return false;
  let { requirement, items, label } = target;
  if (requirement === undefined && items === undefined) {
    // From the palette or the dashboard: choose among the METI requirements, those needing a statement first.
    const response = await store.get(folder, 'meti');
    if (!response) return false;
    const order = ['attestation-expired', 'needs-attestation'];
    const reqs = response.assessment.groups.flatMap((g) => g.requirements).sort((a, b) => rank(order, a.state) - rank(order, b.state));
    const picked = await vscode.window.showQuickPick(
      reqs.map((q) => ({ label: `${q.label} ${q.title}`, description: stateLabel(q.state), q })),
      { title: t('Attest a requirement'), placeHolder: t('Which requirement do you attest?'), matchOnDescription: true, ignoreFocusOut: true },
    );
    if (!picked) return false;
    requirement = picked.q.id;
    label = picked.label;
    items = picked.q.attestationItems;
  }
  const title = t('Attest {0}', label ?? requirement ?? '');

  // 1. The attestation item, or the whole requirement.
  let item = target.item;
  let metiRequirement = requirement;
  if (item !== undefined) metiRequirement = items?.find((i) => i.id === item)?.requirement ?? requirement;
  else if (items && items.length > 0) {
    type Pick = vscode.QuickPickItem & { id?: string; requirement: string };
    const choices: Pick[] = items.map((i) => ({ label: `${i.id} ${i.title}`, description: i.attested ? t('attested') : t('not attested'), id: i.id, requirement: i.requirement }));
    // A whole-requirement statement is possible where the requirement is a METI one.
    if (requirement !== undefined && items.every((i) => i.requirement === requirement)) choices.push({ label: t('The whole requirement {0}', requirement), requirement });
    const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: t('What do you attest?'), ignoreFocusOut: true });
    if (!picked) return false;
    item = picked.id;
    metiRequirement = picked.requirement;
  }
  if (metiRequirement === undefined) return false;

  // 2. Who vouches.
  const owner = await vscode.window.showInputBox({
    title,
    prompt: t('Who vouches for this? A person or team and a contact.'),
    placeHolder: t('e.g. PSIRT lead <psirt@example.com>'),
    value: memory.get<string>(LAST_OWNER, ''),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? t('An owner is required.') : undefined),
  });
  if (owner === undefined) return false;

  // 3. The evidence: a link, or a file of the repository.
  const kind = await vscode.window.showQuickPick(
    [
      { label: `$(link) ${t('Enter a link…')}`, value: 'link' as const },
      { label: `$(file) ${t('Choose a repository file…')}`, value: 'file' as const },
    ],
    { title, placeHolder: t('Where is the evidence?'), ignoreFocusOut: true },
  );
  if (!kind) return false;
  let evidence: string | undefined;
  if (kind.value === 'link') {
    evidence = await vscode.window.showInputBox({
      title,
      prompt: t('A link to the evidence (a policy, a ticket, minutes).'),
      placeHolder: 'https://',
      ignoreFocusOut: true,
      validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : t('Enter an http(s) link.')),
    });
  } else {
    const files = await vscode.window.showOpenDialog({ defaultUri: folder.uri, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, openLabel: t('Use as evidence'), title });
    const file = files?.[0];
    if (file) {
      const rel = path.relative(folder.uri.fsPath, file.fsPath);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
        void vscode.window.showErrorMessage(t('The evidence file must be inside the repository {0}.', folder.name));
        return false;
      }
      evidence = rel.split(path.sep).join('/');
    }
  }
  if (evidence === undefined) return false;

  // 4. When, and 5. until when.
  const date = await vscode.window.showInputBox({
    title,
    prompt: t('The date of the statement (YYYY-MM-DD).'),
    value: localToday(),
    ignoreFocusOut: true,
    validateInput: (v) => (isDate(v.trim()) ? undefined : t('Enter a date written YYYY-MM-DD.')),
  });
  if (date === undefined) return false;
  const expiryChoices = [
    { label: t('6 months'), description: addMonths(date.trim(), 6), value: addMonths(date.trim(), 6) },
    { label: t('1 year'), description: addMonths(date.trim(), 12), value: addMonths(date.trim(), 12) },
    { label: t('2 years'), description: addMonths(date.trim(), 24), value: addMonths(date.trim(), 24) },
    { label: t('Choose a date…'), value: '' },
  ];
  const expiry = await new Promise<string | undefined>((resolve) => {
    // A QuickPick rather than showQuickPick, to preselect the one-year default.
    const qp = vscode.window.createQuickPick<(typeof expiryChoices)[number]>();
    qp.title = title;
    qp.placeholder = t('When does the statement expire?');
    qp.items = expiryChoices;
    qp.activeItems = [expiryChoices[1]!];
    qp.ignoreFocusOut = true;
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      resolve(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
  if (expiry === undefined) return false;
  let expires = expiry;
  if (expires === '') {
    const typed = await vscode.window.showInputBox({
      title,
      prompt: t('The expiry date (YYYY-MM-DD), after the date of the statement.'),
      value: addMonths(date.trim(), 12),
      ignoreFocusOut: true,
      validateInput: (v) => (isDate(v.trim()) && v.trim() > date.trim() ? undefined : t('Enter a date written YYYY-MM-DD, after {0}.', date.trim())),
    });
    if (typed === undefined) return false;
    expires = typed.trim();
  }

  await memory.update(LAST_OWNER, owner.trim());
  const attestation: AttestationInput = { requirement: metiRequirement, ...(item !== undefined ? { item } : {}), owner: owner.trim(), evidence: evidence.trim(), date: date.trim(), expires };
  const result = await client.sendRequest(AttestationEditRequest.type, { uri: folder.uri.toString(), lang: uiLang(), attestation });
  if (!result) {
    void vscode.window.showErrorMessage(t('Kamae has no report for this folder (it may be disabled there).'));
    return false;
  }
  if (!result.ok) {
    void vscode.window.showErrorMessage(t('The attestation was not written: {0}', result.problems.join('; ')), { modal: true });
    return false;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(t('The attestation was not written: the file changed meanwhile. Try again.'));
    return false;
  }
  const uri = vscode.Uri.joinPath(folder.uri, ...result.path.split('/'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await doc.save();
  void vscode.window.showInformationMessage(t('Attested {0}; recorded in {1}.', item ?? metiRequirement, result.path));
  return true;
}

function rank(order: readonly string[], s: string): number {
  const i = order.indexOf(s);
  return i < 0 ? order.length : i;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which repository?') });
}

export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** `date` plus whole months, clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  if (!isDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
