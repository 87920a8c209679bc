// Flags self-hosted runners in workflows that people without write access can start (pull requests
// from forks, issue comments, workflow_run after a fork's workflow): their code then runs on the
// organisation's machine, which may keep state between jobs and sit inside its network.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { selfHostedRunsOn } from '../_lib/runners';
import { onceEach, OUTSIDER_TRIGGERS, readWorkflow, triggerNames } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const triggers = triggerNames(wf);
  const trigger = OUTSIDER_TRIGGERS.find((t) => triggers.has(t));
  if (!trigger) return;
  for (const job of wf.jobs) {
    const at = selfHostedRunsOn(job);
    if (at) report({ messageId: 'exposed', at, data: { job: job.id, trigger } });
  }
});
