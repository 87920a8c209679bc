// Looks for a licence file at the repository root (or a REUSE-style LICENSES/ folder).
import { repoCheck } from '../../../server/src/engine/ruleApi';

export default repoCheck((ctx) => {
  const files = ctx.repo.pathsOfKind('license');
  const reuse = ctx.repo.paths.some((p) => p.startsWith('LICENSES/') && p.split('/').length === 2);
  if (files.length === 0) {
    if (!reuse) ctx.report({ messageId: 'missing' });
    return;
  }
  const parsed = ctx.repo.filesOfKind('license');
  if (parsed.length > 0 && parsed.every((f) => f.text.trim() === '')) ctx.report({ messageId: 'empty', path: parsed[0]!.path, data: { path: parsed[0]!.path } });
});
