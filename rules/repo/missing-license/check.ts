// Looks for a licence file at the repository root (or a REUSE-style LICENSES/ folder).
// Whether the text is a licence Kamae recognises is repo/license-not-recognised's question.
import { repoCheck } from '../../../server/src/engine/ruleApi';

export default repoCheck((ctx) => {
  const files = ctx.repo.pathsOfKind('license');
  const reuse = ctx.repo.paths.some((p) => p.startsWith('LICENSES/') && p.split('/').length === 2);
  if (files.length === 0 && !reuse) ctx.report({ messageId: 'missing' });
});
