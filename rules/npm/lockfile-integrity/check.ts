// Flags registry tarballs in npm, yarn classic and pnpm lockfiles with no integrity hash, or only SHA-1.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { hostOf, lockEntries, sourceOf } from '../_lib/lockfile';

export default fileCheck<'npm-lockfile' | 'yarn-lock' | 'pnpm-lock'>((ctx) => {
  const file = ctx.file;
  // yarn berry records its own sha512-based `checksum` for every fetched package; nothing to weigh.
  if (file.kind === 'yarn-lock' && (file as { model: { berry: boolean } }).model.berry) return;
  for (const e of lockEntries(file)) {
    const source = sourceOf(e, file.kind);
    // Git sources carry a commit instead of a hash; local and unresolved entries were never fetched.
    if (source.type === 'git' || source.type === 'local' || source.type === 'unknown') continue;
    if (!e.integrity) {
      // yarn classic before 1.10 verified only the SHA-1 in the URL fragment.
      const fragment = e.resolved && /#([0-9a-f]{40})$/i.exec(e.resolved.value);
      if (file.kind === 'yarn-lock' && fragment) {
        ctx.report({ messageId: 'weak', at: e.resolved.span, data: { name: e.name, algorithm: 'sha1' } });
        continue;
      }
      const where = (e.resolved && hostOf(e.resolved.value)) ?? 'the registry';
      ctx.report({ messageId: 'missing', at: e.resolved?.span ?? e.keySpan, data: { name: e.name, where } });
      continue;
    }
    if (e.integrity.value.startsWith('sha512-') && !e.integrity.value.includes(' ')) continue; // the common case
    const algorithms = e.integrity.value.split(/\s+/).map((h) => h.split('-')[0]!.toLowerCase());
    if (!algorithms.some((a) => a === 'sha256' || a === 'sha384' || a === 'sha512')) {
      ctx.report({ messageId: 'weak', at: e.integrity.span, data: { name: e.name, algorithm: algorithms[0] ?? 'unknown' } });
    }
  }
});
