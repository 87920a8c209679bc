// Flags ADD of local files that are not archives: COPY does the same without ADD's URL fetching and
// archive unpacking, so what the instruction does is plain to read.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { addParts, isLocalTar, isRemoteSource } from '../_lib/add';

export default fileCheck<'dockerfile'>((ctx) => {
  for (const ins of ctx.file.model.instructions) {
    if (ins.keyword !== 'ADD') continue;
    const parts = addParts(ins);
    if (!parts || parts.sources.some((s) => isRemoteSource(s.value) || isLocalTar(s.value))) continue;
    if (parts.flags.has('checksum') || parts.flags.has('keep-git-dir') || parts.flags.has('unpack')) continue;
    const dynamic = parts.sources.some((s) => s.value.includes('$'));
    const sources = parts.sources.map((s) => s.value).join(' ');
    ctx.report({
      messageId: dynamic ? 'addVariable' : 'addLocal',
      at: ins.keywordSpan,
      data: { sources },
      fixes: [{ fixId: 'useCopy', safety: dynamic ? 'needs-review' : 'safe', edits: [{ span: ins.keywordSpan, newText: 'COPY' }] }],
    });
  }
});
