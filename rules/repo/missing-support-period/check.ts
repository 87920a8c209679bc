// Looks for a published support period or end-of-life statement in SECURITY.md, SUPPORT.md or the README.
import { repoCheck, type FileKind } from '../../../server/src/engine/ruleApi';
import { repoFacts } from '../_lib/facts';
import { supportStatement } from '../_lib/templates';

/** Wording that states how long versions are supported: EOL, LTS, "supported until", a support policy, dates. */
const STATEMENT = /end[\s-]of[\s-](life|support)|\bEOL\b|\bLTS\b|long[\s-]term[\s-]support|supported\s+(until|through|till)|support(ed)?\s+(period|policy|lifecycle|schedule|window)|security\s+(fixes|updates|support)\s+(until|through|for\s+\d)|maintained\s+(until|through|for)|release\s+(lifecycle|cadence|policy)|サポート(期間|期限|終了|ポリシー)|保守期間|提供期限/i;
const SOURCES: readonly FileKind[] = ['security-policy', 'support', 'readme'];

export default repoCheck((ctx) => {
  const files = SOURCES.flatMap((k) => ctx.repo.filesOfKind(k));
  // docs/support*, docs/lifecycle* and similar pages count by their presence.
  if (ctx.repo.paths.some((p) => /^docs?\/[^/]*(support|lifecycle|eol|end-of-life|versions?)[^/]*\.(md|rst|txt|adoc)$/i.test(p))) return;
  if (files.some((f) => STATEMENT.test(f.text))) return;
  const fixes = ctx.repo.pathsOfKind('support').length === 0 ? [{ fixId: 'createSupport', safety: 'needs-review' as const, edits: [{ path: 'SUPPORT.md', create: supportStatement(repoFacts(ctx.repo)) }] }] : [];
  ctx.report({ messageId: 'missing', fixes });
});
