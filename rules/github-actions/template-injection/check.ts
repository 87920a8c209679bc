// Flags attacker-controllable `${{ }}` expressions expanded into run scripts and into the inputs of
// actions that run their input as code, including values that reach the script through env
// entries, step outputs and job outputs Kamae can trace back to such a context.
import { fileCheck, type FixSpec } from '../../../server/src/engine/ruleApi';
import { expansions, moveToEnvFix, stepEnvNames } from '../_lib/injection';
import { onceEach, readWorkflow } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const text = ctx.file.text;
  const perStep = new Map<object, { used: Map<string, string>; inserted: Set<string> }>();
  for (const exp of expansions(wf, text)) {
    if (exp.verdict.level !== 'attacker') continue;
    const step = exp.sink.step;
    let names = perStep.get(step.node);
    if (!names) perStep.set(step.node, (names = { used: stepEnvNames(step), inserted: new Set() }));
    const fix = moveToEnvFix(text, exp, names.used, names.inserted);
    const fixes: FixSpec[] = fix ? [fix] : [];
    const source = exp.verdict.via ? `${oneLine(exp.inner)} (${exp.verdict.path})` : oneLine(exp.inner);
    const data = { expr: source, who: exp.verdict.who.en, whoJa: exp.verdict.who.ja };
    if (exp.sink.kind === 'input') report({ messageId: 'sink', at: exp.span, data: { ...data, input: exp.sink.input ?? '', action: exp.sink.action ?? '' }, fixes });
    else report({ messageId: exp.sink.kind, at: exp.span, data, fixes });
  }
});

/** Expressions can span lines; messages show them on one. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
