// Flags `if:` conditions that are always true because GitHub reads them as text (a `${{ }}` fence
// with anything around it, including the newline a `|` or `>` block keeps), and `contains()` used
// on a string where a list was meant, which matches substrings.
import { fileCheck, type Span } from '../../../server/src/engine/ruleApi';
import { contextPath, fences, parseExpr, walkExpr } from '../_lib/expr';
import { onceEach, readWorkflow, type WfValue } from '../_lib/workflow';

/** Contexts whose values come from a small fixed set, where substring matches cannot be forced. */
const FIXED_VALUES = /^(github\.event_name|github\.ref_type|runner\.(os|arch)|job\.status|steps\.[^.]+\.(outcome|conclusion)|needs\.[^.]+\.result|github\.event\.action)$/;

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const conds: WfValue[] = [];
  for (const job of wf.jobs) if (job.if) conds.push(job.if);
  for (const { step } of wf.allSteps) if (step.if) conds.push(step.if);
  const text = ctx.file.text;
  for (const cond of conds) {
    const value = cond.value;
    const fs = fences(value);
    if (fs.length > 0 && !(fs.length === 1 && fs[0]!.start === 0 && fs[0]!.end === value.length)) {
      const onlyWhitespace = value.slice(0, fs[0]!.start).trim() === '' && value.slice(fs[fs.length - 1]!.end).trim() === '' && fs.length === 1;
      const header = blockHeader(text, cond);
      const block = (cond.node as { type?: string }).type === 'BLOCK_LITERAL' || (cond.node as { type?: string }).type === 'BLOCK_FOLDED';
      const fixes = onlyWhitespace && header && value.slice(0, fs[0]!.start) === '' ? [{ fixId: 'stripNewline', safety: 'safe' as const, edits: [{ span: header.span, newText: `${header.text}-` }] }] : [];
      report({ messageId: onlyWhitespace && block ? 'trailingNewline' : 'textAround', at: cond.span, data: { condition: JSON.stringify(value).slice(1, -1) }, ...(fixes.length > 0 ? { fixes } : {}) });
      continue;
    }
    let inner = value.trim();
    if (fs.length === 1) inner = fs[0]!.inner;
    const parsed = parseExpr(inner);
    if (!parsed) continue;
    let unsound: string | undefined;
    walkExpr(parsed, (n) => {
      if (unsound || n.type !== 'call' || n.name !== 'contains') return;
      const [hay, needle] = n.args;
      if (hay?.type !== 'literal' || hay.kind !== 'string' || needle?.type !== 'context') return;
      if (FIXED_VALUES.test(contextPath(needle.parts))) return;
      unsound = inner.slice(n.start, n.end);
    });
    if (unsound) report({ messageId: 'stringContains', at: cond.span, data: { call: unsound } });
  }
});

/** The `|` or `>` header of a block-scalar condition without a chomping indicator. */
function blockHeader(text: string, cond: WfValue): { span: Span; text: string } | undefined {
  const type = (cond.node as { type?: string }).type;
  if (type !== 'BLOCK_LITERAL' && type !== 'BLOCK_FOLDED') return undefined;
  const c = text[cond.span.start];
  if (c !== '|' && c !== '>') return undefined;
  const next = text[cond.span.start + 1] ?? '';
  if (next === '-' || next === '+' || /[0-9]/.test(next)) return undefined;
  return { span: { start: cond.span.start, end: cond.span.start + 1 }, text: c };
}
