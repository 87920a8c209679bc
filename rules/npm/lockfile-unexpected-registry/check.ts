// Flags registry tarballs served by a host outside the allow-list (default: the public npm registry).
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { hostAllowed, lockEntries, PUBLIC_REGISTRIES, sourceOf } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile' | 'yarn-lock' | 'pnpm-lock'>((ctx) => {
  const allowed = ctx.settings.registries.length > 0 ? ctx.settings.registries : PUBLIC_REGISTRIES;
  const seen = new Set<string>();
  for (const e of lockEntries(ctx.file)) {
    const source = sourceOf(e, ctx.file.kind);
    if (source.type !== 'registry' || !source.host || !e.resolved) continue;
    if (hostAllowed(source.host, allowed)) continue;
    // One finding per host and file: a mirror serves hundreds of entries.
    if (seen.has(source.host)) continue;
    seen.add(source.host);
    ctx.report({ messageId: 'host', at: e.resolved.span, data: { host: source.host, name: e.name, allowed: allowed.join(', ') } });
  }
});
