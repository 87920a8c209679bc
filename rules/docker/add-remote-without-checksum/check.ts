// Flags ADD of a remote URL without --checksum, and ADD of a Git repository at a reference that can move.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { addParts, isGitSource, isRemoteSource } from '../_lib/add';

export default fileCheck<'dockerfile'>((ctx) => {
  for (const ins of ctx.file.model.instructions) {
    if (ins.keyword !== 'ADD') continue;
    const parts = addParts(ins);
    if (!parts) continue;
    for (const src of parts.sources) {
      if (!isRemoteSource(src.value)) continue;
      if (isGitSource(src.value)) {
        const ref = /#([^:]+)/.exec(src.value)?.[1];
        if (ref && /^[0-9a-f]{40}$/i.test(ref)) continue;
        if (parts.flags.has('checksum')) continue;
        ctx.report({ messageId: 'gitRef', at: src.span, data: { source: src.value } });
      } else if (!parts.flags.has('checksum')) {
        ctx.report({ messageId: 'noChecksum', at: src.span, data: { source: src.value } });
      }
    }
  }
});
