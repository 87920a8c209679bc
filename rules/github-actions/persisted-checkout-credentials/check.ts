// Flags actions/checkout steps that leave the job's token in .git/config (the default) while later
// steps, or the caller's steps after a composite action, can read it or upload it in an artifact.
import { fileCheck, type FixSpec } from '../../../server/src/engine/ruleApi';
import { setWithInput } from '../_lib/edit';
import { actionRepo, isFalsy, neverRuns, onceEach, readWorkflow, stepInput, type WfStep } from '../_lib/workflow';

const UPLOADERS = new Set(['actions/upload-artifact', 'actions/upload-pages-artifact']);

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const text = ctx.file.text;
  const lists: WfStep[][] = wf.kind === 'action' ? [wf.allSteps.map((s) => s.step)] : wf.jobs.map((j) => [...j.steps]);
  for (const steps of lists) {
    steps.forEach((step, index) => {
      if (actionRepo(step.uses) !== 'actions/checkout' || neverRuns(step.if)) return;
      const persist = stepInput(step, 'persist-credentials');
      if (persist && isFalsy(persist.value) && !persist.value.includes('${{')) return;
      const later = steps.slice(index + 1).filter((s) => !neverRuns(s.if));
      const explicit = persist !== undefined;
      let messageId: string;
      if (wf.kind === 'action') messageId = explicit ? 'explicitComposite' : 'composite';
      else if (later.length === 0) return; // checkout's post-job step removes the credential before anything else runs
      else if (later.some((s) => UPLOADERS.has(actionRepo(s.uses) ?? ''))) messageId = 'artifact';
      else messageId = explicit ? 'explicit' : 'laterSteps';
      const fix = persistFalse(text, step);
      report({ messageId, at: (persist ?? step.uses!).span, data: { count: later.length }, ...(fix ? { fixes: [fix] } : {}) });
    });
  }
});

function persistFalse(text: string, step: WfStep): FixSpec | undefined {
  const edits = setWithInput(text, step, 'persist-credentials', 'false');
  return edits ? { fixId: 'setFalse', safety: 'needs-review', edits } : undefined;
}
