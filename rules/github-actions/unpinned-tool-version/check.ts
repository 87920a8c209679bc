// Flags setup actions that install a tool at whatever version is newest at run time: inputs left at
// a `latest` default, set to `latest`, or filled from an expression Kamae cannot resolve.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { actionRepo, mapEntries, neverRuns, onceEach, readWorkflow, stepInput } from '../_lib/workflow';

/** Setup actions whose version input defaults to the newest release. */
const LATEST_BY_DEFAULT: ReadonlyMap<string, string> = new Map([
  ['aquasecurity/setup-trivy', 'version'],
  ['1password/load-secrets-action', 'version'],
  ['hashicorp/setup-terraform', 'terraform_version'],
  ['azure/setup-helm', 'version'],
  ['azure/setup-kubectl', 'version'],
  ['hashicorp/setup-packer', 'version'],
  ['hashicorp/setup-nomad', 'version'],
]);

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  for (const { step } of wf.allSteps) {
    if (!step.uses || neverRuns(step.if)) continue;
    const repo = actionRepo(step.uses);
    if (!repo) continue;
    const known = LATEST_BY_DEFAULT.get(repo);
    if (known) {
      const v = stepInput(step, known);
      if (!v || v.value.trim() === '') {
        report({ messageId: 'defaultLatest', at: step.uses.span, data: { action: repo, input: known } });
        continue;
      }
      if (v.value.includes('${{')) {
        report({ messageId: 'dynamic', at: v.span, data: { action: repo, input: known } });
        continue;
      }
    }
    // Any version input written as `latest`.
    for (const e of mapEntries(step.with)) {
      if (!/(^|[-_])version$/i.test(e.key) || !e.value) continue;
      if (e.value.value.trim().toLowerCase() !== 'latest') continue;
      report({ messageId: 'explicitLatest', at: e.value.span, data: { action: repo, input: e.key } });
    }
  }
});
