// Flags lockfile entries (npm, yarn, pnpm) whose tarball URL is plain http://.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { hostOf, lockEntries, PUBLIC_REGISTRIES } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile' | 'yarn-lock' | 'pnpm-lock'>((ctx) => {
  for (const e of lockEntries(ctx.file)) {
    const url = e.resolved?.value;
    if (!url || !/^(git\+)?http:\/\//i.test(url)) continue;
    const host = hostOf(url.replace(/^git\+/i, '')) ?? '';
    const inner = e.resolved.inner;
    const schemeAt = ctx.file.text.indexOf('http:', inner.start);
    // Public registries serve identical content over https, so rewriting the scheme changes nothing else.
    const fixes =
      PUBLIC_REGISTRIES.includes(host) && schemeAt >= 0 && schemeAt < inner.end
        ? [{ fixId: 'useHttps', safety: 'safe' as const, data: { host }, edits: [{ span: { start: schemeAt, end: schemeAt + 'http'.length }, newText: 'https' }] }]
        : [];
    ctx.report({ messageId: 'http', at: e.resolved.span, data: { name: e.name, url }, fixes });
  }
});
