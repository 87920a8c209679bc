// Flags actions/checkout steps that leave the job's token in .git/config (the default) while later
// steps, or the caller's steps after a composite action, can read it or upload it in an artifact.
import { fileCheck, isYamlMap, nodeSpan, yamlEntries, yamlPair, type EditSpec, type FixSpec } from '../../../server/src/engine/ruleApi';
import { actionRepo, columnOf, isFalsy, neverRuns, readWorkflow, stepInput, type WfStep } from '../_lib/workflow';

const UPLOADERS = new Set(['actions/upload-artifact', 'actions/upload-pages-artifact']);

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
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
      const fix = persistFalse(text, step, persist?.node);
      ctx.report({ messageId, at: (persist ?? step.uses!).span, data: { count: later.length }, ...(fix ? { fixes: [fix] } : {}) });
    });
  }
});

function persistFalse(text: string, step: WfStep, current: unknown): FixSpec | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (current) {
    const span = nodeSpan(current);
    return span ? { fixId: 'setFalse', safety: 'needs-review', edits: [{ span, newText: 'false' }] } : undefined;
  }
  const withPair = yamlPair(step.node, 'with');
  if (withPair) {
    if (!isYamlMap(withPair.value) || (withPair.value as { flow?: boolean }).flow) return undefined;
    const entries = yamlEntries(withPair.value);
    const first = entries[0] ? nodeSpan(entries[0].pair.key) : undefined;
    const last = entries[entries.length - 1];
    const lastEnd = last ? (nodeSpan(last.pair.value) ?? nodeSpan(last.pair.key))?.end : undefined;
    if (!first || lastEnd === undefined) return undefined;
    const indent = ' '.repeat(columnOf(text, first.start));
    const lineEnd = text.indexOf('\n', lastEnd);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    const edit: EditSpec = { span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${indent}persist-credentials: false` : `${indent}persist-credentials: false${eol}` };
    return { fixId: 'setFalse', safety: 'needs-review', edits: [edit] };
  }
  const usesPair = yamlPair(step.node, 'uses');
  const keyStart = usesPair ? nodeSpan(usesPair.key)?.start : undefined;
  const valueEnd = usesPair ? nodeSpan(usesPair.value)?.end : undefined;
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  const col = columnOf(text, keyStart);
  const before = text.slice(keyStart - col, keyStart);
  if (before.trim() !== '' && !/^\s*-\s+$/.test(before)) return undefined;
  const lineEnd = text.indexOf('\n', valueEnd);
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const indent = ' '.repeat(col);
  const block = `${indent}with:${eol}${indent}  persist-credentials: false`;
  return { fixId: 'setFalse', safety: 'needs-review', edits: [{ span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${block}` : `${block}${eol}` }] };
}
