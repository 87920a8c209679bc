// Flags lockfile entries fetched from git or from an arbitrary tarball host instead of a registry.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { hostAllowed, lockEntries, sourceOf } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile' | 'yarn-lock' | 'pnpm-lock'>((ctx) => {
  for (const e of lockEntries(ctx.file)) {
    const source = sourceOf(e, ctx.file.kind);
    if (!e.resolved) continue;
    // A tarball on a host the organisation lists as a registry is its own registry's business.
    if (source.type === 'tarball' && source.host && hostAllowed(source.host, ctx.settings.registries)) continue;
    if (source.type === 'git') ctx.report({ messageId: 'git', at: e.resolved.span, data: { name: e.name, url: e.resolved.value } });
    else if (source.type === 'tarball') ctx.report({ messageId: 'tarball', at: e.resolved.span, data: { name: e.name, host: source.host ?? e.resolved.value } });
  }
});
