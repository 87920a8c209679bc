// Flags publishing to a registry that supports trusted publishing (OIDC) with a long-lived token:
// publish actions given a password or API token, and publish commands in jobs that lack
// `id-token: write` and so cannot use trusted publishing at all.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { trustedPublishTarget } from '../_lib/publish';
import { commandsOf } from '../_lib/scripts';
import { actionRepo, effectivePermissions, grants, isFalsy, isTruthy, neverRuns, onceEach, readWorkflow, stepInput, type WfJob, type WfStep } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const text = ctx.file.text;
  const groups: { job?: WfJob; steps: readonly WfStep[] }[] = wf.kind === 'action' ? [{ steps: wf.allSteps.map((s) => s.step) }] : wf.jobs.map((j) => ({ job: j, steps: j.steps }));
  for (const { job, steps } of groups) {
    // A composite action cannot know its caller's permissions; only its explicit tokens are judged.
    const oidc = wf.kind === 'action' || grants(effectivePermissions(wf, job), 'id-token');
    const npmRegistry = steps.map((s) => (actionRepo(s.uses) === 'actions/setup-node' ? stepInput(s, 'registry-url')?.value : undefined)).find((v) => v !== undefined);
    for (const step of steps) {
      if (neverRuns(step.if)) continue;
      const action = actionToken(step);
      if (action) {
        report({ messageId: action.messageId, at: step.uses!.span, data: { action: actionRepo(step.uses) ?? '', input: action.input, registry: action.registry } });
        continue;
      }
      if (oidc) continue;
      for (const c of commandsOf(step, job, text)) {
        const p = trustedPublishTarget(c, npmRegistry);
        if (!p) continue;
        report({ messageId: 'noIdToken', at: c.span, data: { command: c.argv.slice(0, c.argv[0] === 'dotnet' ? 3 : 2).join(' '), registry: p.registry } });
      }
    }
  }
});

function actionToken(step: WfStep): { messageId: 'actionToken' | 'alwaysAuth'; input: string; registry: string } | undefined {
  const repo = actionRepo(step.uses);
  if (repo === 'pypa/gh-action-pypi-publish') {
    const password = stepInput(step, 'password');
    const url = stepInput(step, 'repository-url') ?? stepInput(step, 'repository_url');
    if (password && password.value.trim() !== '' && (!url || /(^|\/\/|\.)pypi\.org\b/i.test(url.value))) return { messageId: 'actionToken', input: 'password', registry: url && /test\.pypi/i.test(url.value) ? 'TestPyPI' : 'PyPI' };
  }
  if (repo === 'rubygems/release-gem') {
    const setup = stepInput(step, 'setup-trusted-publisher');
    if (setup && isFalsy(setup.value)) return { messageId: 'actionToken', input: 'setup-trusted-publisher: false', registry: 'RubyGems.org' };
  }
  if (repo === 'rubygems/configure-rubygems-credentials') {
    const token = stepInput(step, 'api-token');
    const server = stepInput(step, 'gem-server');
    if (token && token.value.trim() !== '' && (!server || /rubygems\.org/i.test(server.value))) return { messageId: 'actionToken', input: 'api-token', registry: 'RubyGems.org' };
  }
  if (repo === 'actions/setup-node') {
    const always = stepInput(step, 'always-auth');
    const url = stepInput(step, 'registry-url');
    if (always && isTruthy(always.value) && (!url || /registry\.npmjs\.org/i.test(url.value))) return { messageId: 'alwaysAuth', input: 'always-auth', registry: 'npm' };
  }
  return undefined;
}
