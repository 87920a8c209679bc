// Flags registry tarballs whose URL serves a different package than the lockfile entry installs.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { lockEntries, sourceOf } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile' | 'yarn-lock' | 'pnpm-lock'>((ctx) => {
  for (const e of lockEntries(ctx.file)) {
    const source = sourceOf(e, ctx.file.kind);
    if (source.type !== 'registry' || source.urlName === undefined || !e.resolved) continue;
    // A declared npm alias (`"alias": "npm:real@^1"`) legitimately installs `real` under another name.
    const expected = e.realName ?? e.name;
    if (source.urlName.toLowerCase() === expected.toLowerCase()) continue;
    ctx.report({ messageId: 'mismatch', at: e.resolved.span, data: { name: expected, urlName: source.urlName } });
  }
});
