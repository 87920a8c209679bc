// Flags registry tarballs in npm lockfiles with no integrity hash, or only a SHA-1 one.
import { fileCheck, jsonSpan } from '../../../server/src/engine/ruleApi';
import { isGitSource, lockEntries } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile'>((ctx) => {
  for (const e of lockEntries(ctx.file)) {
    if (e.local || isGitSource(e.resolved?.value) || isGitSource(e.version)) continue;
    // An entry that names neither a URL nor a hash was never fetched (optional or unresolved).
    if (!e.resolved && !e.integrity) continue;
    if (!e.integrity) {
      const where = e.resolved ? new URL(e.resolved.value, 'https://invalid/').host || e.resolved.value : 'the registry';
      ctx.report({ messageId: 'missing', at: jsonSpan(e.resolved?.node ?? e.keyNode), data: { name: e.name, where } });
      continue;
    }
    const algorithms = e.integrity.value.split(/\s+/).map((h) => h.split('-')[0]!.toLowerCase());
    if (!algorithms.some((a) => a === 'sha256' || a === 'sha384' || a === 'sha512')) {
      ctx.report({ messageId: 'weak', at: jsonSpan(e.integrity.node), data: { name: e.name, algorithm: algorithms[0] ?? 'unknown' } });
    }
  }
});
