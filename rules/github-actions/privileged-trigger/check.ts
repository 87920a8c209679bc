// Flags workflows triggered by pull_request_target or workflow_run: they run with the base
// repository's secrets and a write-capable token on events outsiders cause. Workflows whose only
// steps are actions built for these triggers (labelling, greeting) are left alone.
import { fileCheck, isYamlMap, isYamlSeq, keySpan, nodeSpan, scalarText, yamlEntries, yamlItems, type Span } from '../../../server/src/engine/ruleApi';
import { actionRepo, onceEach, readWorkflow } from '../_lib/workflow';

const PRIVILEGED = ['pull_request_target', 'workflow_run'];
/** Actions designed to run on pull_request_target that never execute the pull request's code. */
const DESIGNED_FOR_IT = new Set(['actions/labeler', 'actions/first-interaction', 'actions/stale', 'actions/add-to-project', 'release-drafter/release-drafter']);

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf || !wf.onPair) return;
  const onlyDesignedSteps = wf.jobs.length > 0 && wf.jobs.every((j) => !j.uses && j.steps.length > 0 && j.steps.every((s) => !s.run && DESIGNED_FOR_IT.has(actionRepo(s.uses) ?? '')));
  if (onlyDesignedSteps) return;
  const on = wf.onPair.value;
  const found: { name: string; at: Span | undefined }[] = [];
  if (isYamlMap(on)) for (const e of yamlEntries(on)) found.push({ name: e.key, at: keySpan(e.pair) });
  else if (isYamlSeq(on)) for (const i of yamlItems(on)) found.push({ name: scalarText(i) ?? '', at: nodeSpan(i) });
  else found.push({ name: scalarText(on) ?? '', at: nodeSpan(on) });
  for (const f of found) {
    const name = f.name.trim().toLowerCase();
    if (!PRIVILEGED.includes(name)) continue;
    report({ messageId: name === 'workflow_run' ? 'workflowRun' : 'pullRequestTarget', ...(f.at ? { at: f.at } : {}) });
  }
});
