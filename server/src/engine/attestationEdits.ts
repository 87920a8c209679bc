// How an attestation is written: a new entry appended to .kamae/attestations.yaml (or the file
// created), keeping the user's formatting and comments. Pure, like suppressEdits.ts: the adapter
// passes the current text in and applies the returned edit. The entry is validated the way the
// engine reads the file (loadAttestations on the proposed text) before anything is written.
import { applyChanges } from './fixes';
import { ATTESTATION_FILES, loadAttestations } from './attestations';
import type { GuidelineCatalogue } from './catalog';
import type { Text } from './model';
import type { AttestationRecord } from './requirements';
import { appendListItemEdit, blockItem, type SuppressionEdit } from './suppressEdits';
import { isValidDate } from './suppressions';
import { LineIndex } from './text';

/** What a person states: the METI requirement (and item), who vouches, the evidence, when, until when. */
export type NewAttestation = Pick<AttestationRecord, 'requirement' | 'item' | 'owner' | 'evidence' | 'date' | 'expires'> & { readonly note?: string };

export type AttestationEditResult = { readonly ok: true; readonly edit: SuppressionEdit } | { readonly ok: false; readonly problems: readonly Text[] };

const HEADER = [
  '# Attestations: statements by named people that a requirement is met where no file in the',
  '# repository can show it. Kamae reads them for its panel and self-assessment; review them like code.',
];

/** One line of text (a YAML double-quoted scalar keeps everything else). */
function quoted(s: string): string {
  return JSON.stringify(s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim());
}

/**
 * The edit adding `entry` to the attestations file at `path` (null: none yet, `.kamae/attestations.yaml`
 * is created) with current content `text`. Refused, with the reasons, when the entry or the resulting
 * file would not be read as a valid attestation.
 */
export function attestationEdit(path: string | undefined, text: string | undefined, entry: NewAttestation, guidelines: GuidelineCatalogue): AttestationEditResult {
  const problems = checkEntry(entry);
  if (problems.length > 0) return { ok: false, problems };
  const fields = [
    `requirement: ${quoted(entry.requirement)}`,
    ...(entry.item !== undefined ? [`item: ${entry.item}`] : []),
    `owner: ${quoted(entry.owner)}`,
    `evidence: ${quoted(entry.evidence)}`,
    `date: ${entry.date}`,
    ...(entry.expires !== undefined ? [`expires: ${entry.expires}`] : []),
    ...(entry.note !== undefined && entry.note.trim() !== '' ? [`note: ${quoted(entry.note)}`] : []),
  ];
  const target = path ?? ATTESTATION_FILES[0];
  const edit: SuppressionEdit =
    text === undefined ? { path: target, create: `${HEADER.join('\n')}\nattestations:\n${blockItem(fields, '  ', '\n')}` } : appendListItemEdit(target, text, 'attestations', fields);
  const proposed = 'create' in edit ? edit.create : applyChanges(text ?? '', [{ start: edit.span.start, end: edit.span.end, newText: edit.newText }]).text;
  // Read back as the engine will: the new entry must be there, and nothing may break.
  const before = text === undefined ? { records: [], problems: [] } : loadAttestations(target, text, new LineIndex(text), guidelines);
  const after = loadAttestations(target, proposed, new LineIndex(proposed), guidelines);
  const known = new Set(before.problems.map((p) => p.message.en));
  const fresh = after.problems.filter((p) => !known.has(p.message.en)).map((p) => p.message);
  const added = after.records.length === before.records.length + 1 && after.records.some((r) => sameEntry(r, entry));
  if (fresh.length > 0 || !added) {
    return { ok: false, problems: fresh.length > 0 ? fresh : [{ en: `${target} could not take the new entry; check its syntax`, ja: `${target} に新しい証明を追加できませんでした。ファイルの構文を確認してください` }] };
  }
  return { ok: true, edit };
}

function sameEntry(r: AttestationRecord, e: NewAttestation): boolean {
  return r.requirement === e.requirement && r.item === e.item && r.owner === e.owner.replace(/[\r\n\u2028\u2029]+/g, ' ').trim() && r.evidence === e.evidence.replace(/[\r\n\u2028\u2029]+/g, ' ').trim() && r.date === e.date && r.expires === e.expires;
}

/** Plain-words checks before the schema: what a person filling in the form can get wrong. */
function checkEntry(e: NewAttestation): Text[] {
  const out: Text[] = [];
  if (e.owner.trim() === '') out.push({ en: 'owner is empty: name who vouches for the statement', ja: '責任者が空です。証明する人を記入してください' });
  if (e.evidence.trim() === '') out.push({ en: 'evidence is empty: give a link or a repository path', ja: '根拠資料が空です。リンクまたはリポジトリ内のパスを記入してください' });
  if (!isValidDate(e.date)) out.push({ en: `date "${e.date}" is not a valid date written YYYY-MM-DD`, ja: `日付 "${e.date}" は YYYY-MM-DD 形式の有効な日付ではありません` });
  if (e.expires !== undefined) {
    if (!isValidDate(e.expires)) out.push({ en: `expiry "${e.expires}" is not a valid date written YYYY-MM-DD`, ja: `有効期限 "${e.expires}" は YYYY-MM-DD 形式の有効な日付ではありません` });
    else if (isValidDate(e.date) && e.expires <= e.date) out.push({ en: `expiry ${e.expires} is not after the date ${e.date}`, ja: `有効期限 ${e.expires} が日付 ${e.date} より後になっていません` });
  }
  return out;
}
