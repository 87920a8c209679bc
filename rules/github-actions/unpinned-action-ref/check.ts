// Flags `uses:` references that a tag, branch or short SHA can silently repoint.
import { fileCheck, isPinnedDigest, parseImageRef } from '../../../server/src/engine/ruleApi';
import { isCommitSha, parseUses, readWorkflow, type WfValue } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const allowed = new Set(ctx.settings.actionOwners.map((o) => o.toLowerCase()));
  const uses: WfValue[] = [...wf.jobs.flatMap((j) => (j.uses ? [j.uses] : [])), ...wf.allSteps.flatMap((s) => (s.step.uses ? [s.step.uses] : []))];
  if (wf.image && wf.image.value.startsWith('docker://')) uses.push(wf.image);
  for (const u of uses) {
    const ref = parseUses(u);
    if (ref.type === 'local') continue;
    if (ref.type === 'docker') {
      const image = parseImageRef(ref.image);
      if (!isPinnedDigest(image.digest) && !image.dynamic) ctx.report({ messageId: 'dockerUnpinned', at: u.span, data: { uses: u.value } });
      continue;
    }
    if (u.value.includes('${{')) continue; // an expression Kamae cannot resolve offline
    if (allowed.has(ref.owner.toLowerCase())) continue;
    if (ref.ref === undefined || ref.ref === '') {
      ctx.report({ messageId: 'noRef', at: u.span, data: { uses: u.value } });
    } else if (!isCommitSha(ref.ref)) {
      const messageId = /^[0-9a-f]{7,39}$/i.test(ref.ref) ? 'shortSha' : 'tagRef';
      ctx.report({ messageId, at: u.span, data: { uses: u.value, ref: ref.ref } });
    }
  }
});
