// Flags run steps that write attacker-controlled data to $GITHUB_ENV or $GITHUB_PATH, and, in
// workflows started by pull_request_target or workflow_run, any computed data written there.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { fileWrites } from '../_lib/sources';
import { importsUntrusted } from '../_lib/untrusted';
import { neverRuns, onceEach, PRIVILEGED_TRIGGERS, readWorkflow, triggerNames } from '../_lib/workflow';

const TARGETS = ['GITHUB_ENV', 'GITHUB_PATH'] as const;

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const triggers = triggerNames(wf);
  const privileged = PRIVILEGED_TRIGGERS.find((t) => triggers.has(t));
  // A privileged job is suspect only once it brings in pull-request content (head checkout, artifacts).
  const untrustedJobs = new Set(privileged ? wf.jobs.filter((j) => j.steps.some((s) => importsUntrusted(s, privileged))).map((j) => j.node) : []);
  for (const { step, job } of wf.allSteps) {
    if (!step.run || neverRuns(step.if)) continue;
    for (const target of TARGETS) {
      for (const w of fileWrites(step, { wf, ...(job ? { job } : {}), step, text: ctx.file.text }, target)) {
        const at = { start: w.start, end: w.end };
        // `${{ }}` expressions in the command are template-injection's; here only values that arrive through variables.
        if (w.shellVerdict.level === 'attacker') {
          const source = w.shellVerdict.via ? `${w.shellVerdict.via} (${w.shellVerdict.path})` : w.shellVerdict.path;
          report({ messageId: target === 'GITHUB_PATH' ? 'taintedPath' : 'taintedEnv', at, data: { source, who: w.shellVerdict.who.en, whoJa: w.shellVerdict.who.ja } });
        } else if (privileged && job && untrustedJobs.has(job.node) && w.dynamic && w.verdict.level !== 'attacker') {
          report({ messageId: 'privileged', at, data: { file: target, trigger: privileged } });
        }
      }
    }
  }
});
