// Finding the security policy GitHub would show, and reading what it says.
import type { ParsedFile, RepoView } from '../../../server/src/engine/ruleApi';

/** The first policy GitHub would show: root, then .github, then docs. */
export function primaryPolicy(repo: RepoView): ParsedFile<'security-policy'> | undefined {
  const order = (p: string) => (p.includes('/') ? (p.startsWith('.github/') ? 1 : 2) : 0);
  return [...repo.filesOfKind('security-policy')].sort((a, b) => order(a.path) - order(b.path) || (a.path < b.path ? -1 : 1))[0];
}

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
export const URL = /https?:\/\/[^\s)>\]]+/i;
/** A private way in: an address, GitHub private reporting, a bug-bounty platform, security.txt or the IPA route. */
export const PRIVATE_CHANNEL = [
  EMAIL,
  /\/security\/advisories(\/new)?/i,
  /private(ly)?\s+(vulnerability\s+)?report/i,
  /report\s+(a|the)?\s*vulnerabilit/i,
  /(hackerone|bugcrowd|intigriti|yeswehack|huntr)\.(com|dev|io)/i,
  /security\.txt|\.well-known\/security/i,
  /\b(IPA|JPCERT)\b/,
  /非公開|脆弱性.{0,20}(報告|連絡|届出)/,
];

/** Appends `section` to a file's text with one blank line between, in the file's line-break style. */
export function appendSection(text: string, section: string): { span: { start: number; end: number }; newText: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.endsWith('\n') ? eol : `${eol}${eol}`;
  return { span: { start: text.length, end: text.length }, newText: `${lead}${section.split('\n').join(eol)}${eol}` };
}
