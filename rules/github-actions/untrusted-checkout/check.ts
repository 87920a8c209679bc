// Flags workflows started by pull_request_target, workflow_run or issue_comment (which run with the
// base repository's secrets and a write-capable token) that check out the pull request's code.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { mapScalar } from '../_lib/scalar';
import { allCommands, argsOf, commandHead } from '../_lib/shell';
import { headReference } from '../_lib/untrusted';
import { actionRepo, mapEntries, neverRuns, onceEach, readWorkflow, stepInput, triggerNames, type WfStep } from '../_lib/workflow';

const TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'] as const;

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const triggers = triggerNames(wf);
  const trigger = TRIGGERS.find((t) => triggers.has(t));
  if (!trigger) return;
  const text = ctx.file.text;
  for (const job of wf.jobs) {
    job.steps.forEach((step, index) => {
      if (neverRuns(step.if)) return;
      const later = job.steps.slice(index + 1);
      const runsLater = later.some(executesCheckout);
      if (actionRepo(step.uses) === 'actions/checkout') {
        for (const input of ['ref', 'repository']) {
          const v = stepInput(step, input);
          if (!v) continue;
          const head = headReference(v.value, trigger);
          if (!head) continue;
          report({ messageId: runsLater ? 'checkoutRuns' : 'checkout', at: v.span, data: { ref: head, trigger } });
          break;
        }
        return;
      }
      if (!step.run) return;
      const mapped = mapScalar(step.run.node, text);
      if (!mapped) return;
      const cmds = allCommands(mapped.value);
      cmds.forEach((cmd, k) => {
        const what = fetchesHead(cmd, step, trigger);
        if (!what) return;
        const runsAfter = runsLater || k < cmds.length - 1;
        report({ messageId: runsAfter ? 'commandRuns' : 'command', at: mapped.span(cmd.start, cmd.end), data: { command: what, trigger } });
      });
    });
  }
});

function fetchesHead(cmd: ReturnType<typeof allCommands>[number], step: WfStep, trigger: string): string | undefined {
  const head = commandHead(cmd);
  if (!head) return undefined;
  const args = argsOf(cmd).map((a) => a.text);
  const line = [head.name, ...args].join(' ');
  if (head.name === 'gh' && args[0] === 'pr' && args[1] === 'checkout') return line;
  if (head.name !== 'git') return undefined;
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub !== 'fetch' && sub !== 'checkout' && sub !== 'pull' && sub !== 'clone' && sub !== 'switch') return undefined;
  if (args.some((a) => /(^|:|\/)pull\/[^/]+\/(head|merge)/.test(a) || a.includes('refs/pull/'))) return line;
  // `git checkout ${{ github.event.pull_request.head.sha }}` or a variable set from it in env.
  for (const a of args) {
    if (headReference(a, trigger)) return line;
    const m = /^"?\$\{?([A-Za-z_]\w*)/.exec(a);
    if (m) {
      const env = mapEntries(step.env).find((e) => e.key === m[1]);
      if (env?.value && headReference(env.value.value, trigger)) return line;
    }
  }
  return undefined;
}

/** A step that plausibly executes code from the checked-out tree. */
function executesCheckout(step: WfStep): boolean {
  if (neverRuns(step.if)) return false;
  if (step.run) return true;
  const uses = step.uses?.value.trim() ?? '';
  if (uses.startsWith('./')) return true;
  const repo = actionRepo(step.uses) ?? '';
  return /^(actions\/setup-|docker\/build-push-action|gradle\/|pnpm\/action-setup|borales\/actions-yarn|bahmutov\/npm-install|cypress-io\/github-action|goreleaser\/)/.test(repo);
}
