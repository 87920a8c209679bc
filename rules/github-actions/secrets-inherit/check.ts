// Flags reusable-workflow calls with `secrets: inherit`, which hands the callee every secret the caller can see.
import { fileCheck, nodeSpan, scalarText } from '../../../server/src/engine/ruleApi';
import { onceEach, parseUses, readWorkflow } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  for (const job of wf.jobs) {
    if (!job.uses || scalarText(job.secrets)?.trim().toLowerCase() !== 'inherit') continue;
    const at = nodeSpan(job.secrets);
    const local = parseUses(job.uses).type === 'local';
    report({ messageId: local ? 'local' : 'remote', ...(at ? { at } : {}), data: { job: job.id, uses: job.uses.value } });
  }
});
