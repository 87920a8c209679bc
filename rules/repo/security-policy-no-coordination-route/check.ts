// Suggests naming Japan's coordination route (IPA intake, JPCERT/CC coordination, JVN advisories) in the policy.
import { repoCheck } from '../../../server/src/engine/ruleApi';
import { appendSection, primaryPolicy } from '../_lib/policy';

const ROUTE = /\b(IPA|JPCERT|JVN)\b|情報処理推進機構|早期警戒パートナーシップ/;
const SECTION = `## Coordination / 調整

You may also report through IPA (Information-technology Promotion Agency, Japan) under the Information Security Early Warning Partnership; JPCERT/CC then coordinates with us and advisories are published on JVN.
情報セキュリティ早期警戒パートナーシップに基づき IPA (情報処理推進機構) へ届け出ることもできます。その場合は JPCERT/CC が私たちとの調整を行い、アドバイザリは JVN で公開されます。`;

export default repoCheck((ctx) => {
  const policy = primaryPolicy(ctx.repo);
  if (!policy || policy.text.trim() === '') {
    ctx.notApplicable('no security policy to inspect');
    return;
  }
  if (ROUTE.test(policy.text)) return;
  const edit = appendSection(policy.text, SECTION);
  ctx.report({ messageId: 'noRoute', path: policy.path, data: { path: policy.path }, fixes: [{ fixId: 'appendCoordination', safety: 'needs-review', edits: [{ path: policy.path, ...edit }] }] });
});
