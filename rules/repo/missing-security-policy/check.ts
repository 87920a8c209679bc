// Looks for a security policy that gives a contact and speaks about vulnerability disclosure.
import { repoCheck } from '../../../server/src/engine/ruleApi';
import { EMAIL, PRIVATE_CHANNEL, primaryPolicy, URL } from '../_lib/policy';
import { repoFacts } from '../_lib/facts';
import { securityPolicy } from '../_lib/templates';

// What the policy is about: vulnerabilities and their disclosure (the words Scorecard looks for, and Japanese).
const DISCLOSURE = /disclos|vuln|脆弱性|開示/i;

export default repoCheck((ctx) => {
  if (ctx.repo.pathsOfKind('security-policy').length === 0) {
    ctx.report({ messageId: 'missing', fixes: [{ fixId: 'createPolicy', safety: 'needs-review', edits: [{ path: 'SECURITY.md', create: securityPolicy(repoFacts(ctx.repo)) }] }] });
    return;
  }
  const policy = primaryPolicy(ctx.repo);
  if (!policy) return; // listed but unreadable: reported as not evaluated, not judged here
  const text = policy.text;
  if (text.trim() === '') {
    ctx.report({ messageId: 'empty', path: policy.path, data: { path: policy.path } });
    return;
  }
  // A contact: an address, a link (to a disclosure page or a form), or a named private channel.
  const contact = EMAIL.test(text) || URL.test(text) || PRIVATE_CHANNEL.some((re) => re.test(text));
  if (!contact) ctx.report({ messageId: 'noContact', path: policy.path, data: { path: policy.path } });
  if (!DISCLOSURE.test(text)) ctx.report({ messageId: 'noDisclosure', path: policy.path, data: { path: policy.path } });
});
