// Looks for a security policy with a private reporting channel.
import { repoCheck } from '../../../server/src/engine/ruleApi';
import { SECURITY_TEMPLATE } from './template';

// Signs of a private channel: an email address, GitHub private advisories, or a disclosure platform.
const CHANNEL = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/,
  /\/security\/advisories(\/new)?/i,
  /private vulnerability report/i,
  /report a vulnerability/i,
  /(hackerone|bugcrowd|intigriti|yeswehack|huntr)\.(com|dev|io)/i,
  /security\.txt/i,
  /\.well-known\/security/i,
  /(IPA|JPCERT)/,
  /脆弱性.{0,20}(報告|連絡|届出)/,
];

export default repoCheck((ctx) => {
  const policies = ctx.repo.filesOfKind('security-policy');
  if (ctx.repo.pathsOfKind('security-policy').length === 0) {
    ctx.report({ messageId: 'missing', fixes: [{ fixId: 'createPolicy', safety: 'needs-review', edits: [{ path: 'SECURITY.md', create: SECURITY_TEMPLATE }] }] });
    return;
  }
  // The first policy GitHub would show: root, then .github, then docs.
  const order = (p: string) => (p.includes('/') ? (p.startsWith('.github/') ? 1 : 2) : 0);
  const policy = [...policies].sort((a, b) => order(a.path) - order(b.path))[0];
  if (!policy) return; // listed but unreadable: reported as not evaluated, not judged here
  if (policy.text.trim() === '') {
    ctx.report({ messageId: 'empty', path: policy.path, data: { path: policy.path } });
    return;
  }
  if (!CHANNEL.some((re) => re.test(policy.text))) ctx.report({ messageId: 'noChannel', path: policy.path, data: { path: policy.path } });
});
