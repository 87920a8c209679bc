// Strict-profile companion of persisted-checkout-credentials: flags an actions/checkout that does not
// set persist-credentials to a literal false even though no step runs after it (the case the main rule
// leaves alone because the post-job cleanup removes the credential first).
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { setWithInput } from '../_lib/edit';
import { actionRepo, isFalsy, neverRuns, onceEach, readWorkflow, stepInput } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf || wf.kind === 'action') return; // in a composite action the caller's steps follow: the main rule reports it
  for (const job of wf.jobs) {
    job.steps.forEach((step, index) => {
      if (actionRepo(step.uses) !== 'actions/checkout' || neverRuns(step.if)) return;
      const persist = stepInput(step, 'persist-credentials');
      if (persist && isFalsy(persist.value) && !persist.value.includes('${{')) return;
      if (job.steps.slice(index + 1).some((s) => !neverRuns(s.if))) return; // the main rule's case
      const edits = setWithInput(ctx.file.text, step, 'persist-credentials', 'false');
      report({
        messageId: persist ? 'explicit' : 'default',
        at: step.uses!.span, // the checkout step; the fix edits its persist-credentials
        data: { value: persist ? persist.value.trim() : 'true' },
        ...(edits ? { fixes: [{ fixId: 'setFalse', safety: 'needs-review' as const, edits }] } : {}),
      });
    });
  }
});
