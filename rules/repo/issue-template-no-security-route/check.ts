// Checks that repositories with issue templates route vulnerability reports to a private channel.
import { nodeSpan, repoCheck, scalarText, yamlGet, yamlItems, yamlPair } from '../../../server/src/engine/ruleApi';

const SECURITY = /secur|vulnerab|advisor|脆弱性|セキュリティ/i;

export default repoCheck((ctx) => {
  const templates = ctx.repo.paths.filter((p) => p.startsWith('.github/ISSUE_TEMPLATE/') && /\.(md|ya?ml)$/i.test(p) && !/\/config\.ya?ml$/i.test(p));
  if (templates.length === 0) {
    ctx.notApplicable('no issue templates');
    return;
  }
  const target = ctx.repo.pathsOfKind('security-policy')[0] ?? 'SECURITY.md';
  const link = `    - name: Report a security vulnerability / 脆弱性の報告\n      url: https://github.com/OWNER/REPO/security/advisories/new\n      about: Please report security vulnerabilities privately, not in a public issue (see ${target}). / 脆弱性は公開 Issue ではなく非公開でご報告ください (${target} を参照)。\n`;
  const configPath = ctx.repo.pathsOfKind('issue-template-config')[0];
  if (configPath === undefined) {
    ctx.report({ messageId: 'noConfig', fixes: [{ fixId: 'addContactLink', safety: 'needs-review', edits: [{ path: '.github/ISSUE_TEMPLATE/config.yml', create: `blank_issues_enabled: true\ncontact_links:\n${link}` }] }] });
    return;
  }
  const config = ctx.repo.filesOfKind('issue-template-config')[0];
  if (!config) return; // unreadable: reported as not evaluated
  const root = config.model.docs[0]?.contents;
  const links = yamlItems(yamlGet(root, 'contact_links'));
  const routed = links.some((l) => SECURITY.test(`${scalarText(yamlGet(l, 'name')) ?? ''} ${scalarText(yamlGet(l, 'url')) ?? ''} ${scalarText(yamlGet(l, 'about')) ?? ''}`));
  if (routed) return;
  const pair = yamlPair(root, 'contact_links');
  const text = config.text;
  // Only the simple case gets a fix: no contact_links yet, appended at the end of the file.
  const fixes = pair
    ? []
    : [{ fixId: 'addContactLink', safety: 'needs-review' as const, edits: [{ path: config.path, span: { start: text.length, end: text.length }, newText: `${text === '' || text.endsWith('\n') ? '' : '\n'}contact_links:\n${link}` }] }];
  const at = pair ? nodeSpan(pair.key) : undefined;
  ctx.report({ messageId: 'noSecurityLink', path: config.path, ...(at ? { at } : {}), data: { path: config.path }, fixes });
});
