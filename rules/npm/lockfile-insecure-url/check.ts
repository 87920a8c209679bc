// Flags lockfile entries whose tarball URL is plain http://.
import { fileCheck, jsonSpan } from '../../../server/src/engine/ruleApi';
import { lockEntries } from '../_lib/lockfile';

/** Registries known to serve identical content over https, where rewriting the scheme changes nothing else. */
const HTTPS_REGISTRIES = new Set(['registry.npmjs.org', 'registry.yarnpkg.com', 'registry.npmjs.com']);

export default fileCheck<'npm-lockfile'>((ctx) => {
  for (const e of lockEntries(ctx.file)) {
    const url = e.resolved?.value;
    if (!url || !/^http:\/\//i.test(url)) continue;
    const host = url.slice('http://'.length).split(/[/:]/)[0]!.toLowerCase();
    const span = jsonSpan(e.resolved.node);
    // The string node's span includes its quotes; the scheme starts one character in.
    const fixes = HTTPS_REGISTRIES.has(host)
      ? [{ fixId: 'useHttps', safety: 'safe' as const, data: { host }, edits: [{ span: { start: span.start + 1, end: span.start + 1 + 'http'.length }, newText: 'https' }] }]
      : [];
    ctx.report({ messageId: 'http', at: span, data: { name: e.name, url }, fixes });
  }
});
