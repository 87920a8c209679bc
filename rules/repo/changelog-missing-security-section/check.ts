// Strict-profile advice: a changelog, and one that calls out security fixes under their own heading.
import { repoCheck } from '../../../server/src/engine/ruleApi';

/** A Keep a Changelog "### Security" heading, or security wording in a heading or entry. */
const SECURITY = /^\s*#{1,6}\s*(security|セキュリティ)|^\s*[-*]\s*\**\s*(security|セキュリティ)\b|\bCVE-\d{4}-\d{4,}|\bGHSA-[a-z0-9]{4}-|\bJVN(DB)?[#-]?\d/im;

export default repoCheck((ctx) => {
  const logs = ctx.repo.filesOfKind('changelog');
  const releasesByTag = ctx.repo.paths.some((p) => /^\.github\/release\.ya?ml$|^\.releaserc|^release-please-config\.json$|^\.changeset\//.test(p));
  if (ctx.repo.pathsOfKind('changelog').length === 0) {
    if (!releasesByTag) ctx.report({ messageId: 'noChangelog' });
    return;
  }
  const log = logs[0];
  if (!log || SECURITY.test(log.text)) return;
  ctx.report({ messageId: 'noSecuritySection', path: log.path, data: { path: log.path } });
});
