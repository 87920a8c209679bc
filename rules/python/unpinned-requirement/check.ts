// Strict-profile advice: requirements that are not pinned with == and files without --hash checking.
import { fileCheck } from '../../../server/src/engine/ruleApi';

export default fileCheck<'requirements-txt'>((ctx) => {
  const reqs = ctx.file.model.lines.filter((l) => l.requirement && !l.requirement.editable && l.requirement.url === undefined && l.requirement.name !== undefined);
  if (reqs.length === 0) return;
  // pip-compile and uv write pinned, hashed files; a constraints file pins on behalf of others.
  for (const l of reqs) {
    if (!/^===?[^,*]+$/.test(l.requirement!.specifier)) ctx.report({ messageId: 'unpinned', at: l.span, data: { name: l.requirement!.name!, spec: l.requirement!.specifier || '(any version)' } });
  }
  if (!reqs.some((l) => l.options.some((o) => o.name === '--hash')) && !ctx.file.model.lines.some((l) => l.options.some((o) => o.name === '--require-hashes'))) {
    ctx.report({ messageId: 'noHashes', at: reqs[0]!.span, data: { path: ctx.file.path } });
  }
});
