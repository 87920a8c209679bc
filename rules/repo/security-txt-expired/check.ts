// Checks security.txt (RFC 9116): a Contact, and an Expires date that has not passed.
import { fileCheck } from '../../../server/src/engine/ruleApi';

export default fileCheck<'security-txt'>((ctx) => {
  const { lines, text } = ctx.file;
  // A PGP-signed file wraps the fields; the field lines themselves are unchanged.
  let expires: { value: string; line: number } | undefined;
  let contact = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const m = /^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(lines.lineText(line));
    if (!m) continue;
    const field = m[1]!.toLowerCase();
    if (field === 'contact' && m[2]) contact = true;
    if (field === 'expires' && !expires) expires = { value: m[2]!, line };
  }
  if (!contact) ctx.report({ messageId: 'noContact', data: { path: ctx.file.path } });
  const today = ctx.settings.today;
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4, 10)}T00:00:00.000Z`;
  if (!expires) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lead = text === '' || text.endsWith('\n') ? '' : eol;
    const signed = text.includes('-----BEGIN PGP SIGNATURE-----');
    ctx.report({ messageId: 'noExpires', data: { path: ctx.file.path }, fixes: signed ? [] : [{ fixId: 'setExpires', safety: 'needs-review', data: { date: nextYear.slice(0, 10) }, edits: [{ span: { start: text.length, end: text.length }, newText: `${lead}Expires: ${nextYear}${eol}` }] }] });
    return;
  }
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(expires.value)?.[1];
  if (date === undefined || date >= today) return;
  const span = lines.lineSpan(expires.line);
  const valueAt = ctx.file.text.indexOf(expires.value, span.start);
  // Re-signing is needed after editing a signed file, so the fix is only offered for unsigned ones.
  const fixes = text.includes('-----BEGIN PGP SIGNATURE-----') || valueAt < 0 ? [] : [{ fixId: 'setExpires', safety: 'needs-review' as const, data: { date: nextYear.slice(0, 10) }, edits: [{ span: { start: valueAt, end: valueAt + expires.value.length }, newText: nextYear }] }];
  ctx.report({ messageId: 'expired', at: span, data: { path: ctx.file.path, date }, fixes });
});
