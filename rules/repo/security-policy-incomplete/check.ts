// Checks that the security policy says how to report privately, how fast you respond and which versions get fixes.
import { repoCheck } from '../../../server/src/engine/ruleApi';
import { appendSection, PRIVATE_CHANNEL, primaryPolicy } from '../_lib/policy';

// A number followed by a unit of time: "within 3 business days", "48 hours", "2 weeks", "5営業日", "72時間".
const TIMELINE = /\b\d{1,3}\s*(\(\d+\)\s*)?(business\s+|working\s+|calendar\s+)?(days?|hours?|hrs|weeks?|months?)\b|\d{1,3}\s*(営業日|日以内|時間|週間|か月|ヶ月|日)|\b(one|two|three|five|seven|ten|fourteen|thirty|ninety)\s+(business\s+|working\s+)?(days?|hours?|weeks?)\b/i;
// Which versions get security fixes: a "Supported versions" heading or table, an EOL statement, or a link to one.
const SUPPORTED = /supported\s+versions?|versions?\s+(that\s+are\s+)?supported|security\s+(fixes|updates|patches)\s+(are\s+)?(provided|released|backported)|end[\s-]of[\s-]life|\bEOL\b|support(ed)?\s+(policy|period|lifecycle)|サポート(対象|期間|ポリシー)|対象バージョン/i;

const SECTIONS = {
  noPrivateChannel: `## Reporting a vulnerability / 脆弱性の報告

Report vulnerabilities privately through GitHub's "Report a vulnerability" button on the Security tab (private vulnerability reporting), not in public issues.
脆弱性は公開 Issue ではなく、Security タブの「Report a vulnerability」(非公開の脆弱性報告) からご報告ください。`,
  noTimeline: `## Response times / 対応の目安

We acknowledge a report within 3 business days and aim to release a fix within 90 days.
報告は 3 営業日以内に受領を連絡し、90 日以内の修正公開を目標とします。`,
  noSupportedVersions: `## Supported versions / サポート対象バージョン

| Version / バージョン | Security fixes until / セキュリティ修正の提供期限 |
| --- | --- |
| <x.y> | <YYYY-MM> |`,
} as const;

export default repoCheck((ctx) => {
  const policy = primaryPolicy(ctx.repo);
  if (!policy || policy.text.trim() === '') {
    // No policy at all is repo/missing-security-policy's finding.
    ctx.notApplicable('no security policy to inspect');
    return;
  }
  const text = policy.text;
  const missing: (keyof typeof SECTIONS)[] = [];
  if (!PRIVATE_CHANNEL.some((re) => re.test(text))) missing.push('noPrivateChannel');
  if (!TIMELINE.test(text)) missing.push('noTimeline');
  if (!SUPPORTED.test(text)) missing.push('noSupportedVersions');
  for (const messageId of missing) {
    const edit = appendSection(text, SECTIONS[messageId]);
    ctx.report({ messageId, path: policy.path, data: { path: policy.path }, fixes: [{ fixId: 'appendSection', safety: 'needs-review', edits: [{ path: policy.path, ...edit }] }] });
  }
});
