// Notes npm aliases in lockfiles: a package installed under another package's name.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { lockEntries } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile' | 'yarn-lock' | 'pnpm-lock'>((ctx) => {
  const seen = new Set<string>();
  for (const e of lockEntries(ctx.file)) {
    if (e.realName === undefined || e.realName === e.name) continue;
    // npm v2 lists each alias twice (packages and dependencies); one note per alias and section is enough.
    const key = `${e.name}\0${e.realName}\0${e.key.includes(' > ') || !e.key.includes('node_modules/') ? 'v1' : 'v2'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.report({ messageId: 'alias', at: e.keySpan, data: { name: e.name, realName: e.realName } });
  }
});
