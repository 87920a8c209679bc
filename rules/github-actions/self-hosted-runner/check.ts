// Lists jobs on self-hosted runners in workflows only collaborators can start, for review of the
// runners' isolation (strict profile; the exposed case is github-actions/self-hosted-runner-exposed).
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { selfHostedRunsOn } from '../_lib/runners';
import { onceEach, OUTSIDER_TRIGGERS, readWorkflow, triggerNames } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const triggers = triggerNames(wf);
  if (OUTSIDER_TRIGGERS.some((t) => triggers.has(t))) return;
  for (const job of wf.jobs) {
    const at = selfHostedRunsOn(job);
    if (at) report({ messageId: 'selfHosted', at, data: { job: job.id } });
  }
});
