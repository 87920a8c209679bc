// Flags `uses:` references to actions and reusable workflows that a tag, branch or short SHA can
// silently repoint. Container images (`docker://`) are github-actions/unpinned-container-image's.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { isCommitSha, onceEach, parseUses, readWorkflow, type WfValue } from '../_lib/workflow';

/** GitHub user and organisation names: letters, digits and single hyphens. */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const allowed = new Set(ctx.settings.actionOwners.map((o) => o.toLowerCase()));
  const uses: WfValue[] = [...wf.jobs.flatMap((j) => (j.uses ? [j.uses] : [])), ...wf.allSteps.flatMap((s) => (s.step.uses ? [s.step.uses] : []))];
  for (const u of uses) {
    const ref = parseUses(u);
    if (ref.type !== 'repo') continue;
    if (u.value.includes('${{')) continue; // not a reference GitHub can resolve
    if (!OWNER.test(ref.owner) || ref.repo === '') continue; // not an owner/repo reference at all
    if (allowed.has(ref.owner.toLowerCase())) continue;
    if (ref.ref === undefined || ref.ref === '') {
      report({ messageId: 'noRef', at: u.span, data: { uses: u.value } });
    } else if (!isCommitSha(ref.ref)) {
      const messageId = /^[0-9a-f]{7,39}$/i.test(ref.ref) ? 'shortSha' : 'tagRef';
      report({ messageId, at: u.span, data: { uses: u.value, ref: ref.ref } });
    }
  }
});
