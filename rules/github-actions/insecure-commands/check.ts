// Flags ACTIONS_ALLOW_UNSECURE_COMMANDS set to true at workflow, job or step level (directly or
// through a matrix-provided env), which re-enables the ::set-env:: and ::add-path:: log commands.
import { fileCheck, isYamlMap, isYamlScalar, nodeSpan, scalarText, yamlEntries, yamlItems, type EditSpec, type YamlNode } from '../../../server/src/engine/ruleApi';
import { fences, parseExpr, walkExpr } from '../_lib/expr';
import { onceEach, readWorkflow, type WfJob } from '../_lib/workflow';

const NAME = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const check = (env: YamlNode | undefined, where: { where: string; whereJa: string }, job: WfJob | undefined) => {
    if (env === undefined) return;
    if (isYamlScalar(env)) {
      // `env: ${{ matrix.env }}`: look for the variable in the matrix entries it can pick.
      const text = scalarText(env) ?? '';
      for (const f of fences(text)) {
        const parsed = parseExpr(f.inner);
        if (!parsed) continue;
        let fromMatrix = false;
        walkExpr(parsed, (n) => {
          if (n.type === 'context' && n.parts[0]?.kind === 'name' && n.parts[0].name.toLowerCase() === 'matrix' && matrixEnables(job?.matrix)) fromMatrix = true;
        });
        if (fromMatrix) {
          const at = nodeSpan(env);
          report({ messageId: 'matrix', ...(at ? { at } : {}), data: where });
          return;
        }
      }
      return;
    }
    for (const e of yamlEntries(env)) {
      if (e.key.toUpperCase() !== NAME) continue;
      const v = (scalarText(e.value) ?? '').trim().toLowerCase();
      const dynamic = v.includes('${{');
      if (v !== 'true' && v !== '1' && !dynamic) continue;
      const at = nodeSpan(e.pair.key);
      const valueSpan = nodeSpan(e.value);
      const edits: EditSpec[] = valueSpan && !dynamic ? [{ span: valueSpan, newText: 'false' }] : [];
      report({ messageId: dynamic ? 'dynamic' : 'enabled', ...(at ? { at } : {}), data: where, ...(edits.length > 0 ? { fixes: [{ fixId: 'disable', safety: 'needs-review' as const, edits }] } : {}) });
    }
  };
  check(wf.env, { where: 'the workflow', whereJa: 'ワークフロー' }, undefined);
  for (const job of wf.jobs) check(job.env, { where: `job "${job.id}"`, whereJa: `ジョブ "${job.id}" ` }, job);
  for (const { step, job } of wf.allSteps) check(step.env, step.name !== undefined ? { where: `step "${step.name}"`, whereJa: `ステップ "${step.name}" ` } : { where: 'a step', whereJa: 'ステップ' }, job);
});

/** Whether a matrix holds an object with ACTIONS_ALLOW_UNSECURE_COMMANDS set to a true value. */
function matrixEnables(matrix: YamlNode | undefined): boolean {
  if (!isYamlMap(matrix)) return false;
  const stack: YamlNode[] = [matrix];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isYamlMap(n)) {
      for (const e of yamlEntries(n)) {
        if (e.key.toUpperCase() === NAME && ['true', '1'].includes((scalarText(e.value) ?? '').trim().toLowerCase())) return true;
        if (e.value) stack.push(e.value);
      }
    } else stack.push(...yamlItems(n));
  }
  return false;
}
