// Flags workflows whose jobs run with the repository's default token permissions.
import { fileCheck, isYamlMap, keySpan, scalarText } from '../../../server/src/engine/ruleApi';
import { onceEach, readWorkflow } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf || wf.permissions) return;
  // A reusable-only workflow runs with its caller's permissions; only its own reusable calls are flagged.
  const reusableOnly = wf.triggers.size > 0 && [...wf.triggers.keys()].every((t) => t === 'workflow_call');
  const withoutPermissions = wf.jobs.filter((j) => !j.permissions || isNull(j.permissions.value));
  if (withoutPermissions.length === 0) return;
  const normal = withoutPermissions.filter((j) => !j.uses);
  if (!reusableOnly && normal.length > 0) {
    const anchor = wf.onPair ? keySpan(wf.onPair) : undefined;
    const jobsKey = wf.jobsPair ? keySpan(wf.jobsPair) : undefined;
    const text = ctx.file.text;
    // Insert the block just above `jobs:` when it starts a line, so the file's order reads naturally.
    const canFix = jobsKey !== undefined && (jobsKey.start === 0 || text[jobsKey.start - 1] === '\n');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    report({
      messageId: 'workflow',
      ...(anchor ? { at: anchor } : {}),
      data: { jobs: normal.map((j) => `"${j.id}"`).join(', ') },
      ...(canFix ? { fixes: [{ fixId: 'addReadOnly', safety: 'needs-review', edits: [{ span: { start: jobsKey.start, end: jobsKey.start }, newText: `permissions:${eol}  contents: read${eol}${eol}` }] }] } : {}),
    });
    for (const job of normal) report({ messageId: 'job', at: job.keySpan, data: { job: job.id } });
  }
  for (const job of withoutPermissions.filter((j) => j.uses)) report({ messageId: 'reusableCall', at: job.keySpan, data: { job: job.id } });
});

function isNull(node: unknown): boolean {
  return !isYamlMap(node) && scalarText(node) === '';
}
