// Flags `if:` conditions in pull_request_target and workflow_run workflows that trust a run because
// of who triggered it (`github.actor == 'dependabot[bot]'`): the actor is whoever caused the latest
// event, not the author of the code, so anyone can get a bot's name into it.
import { fileCheck, type EditSpec, type Span } from '../../../server/src/engine/ruleApi';
import { contextPath, parseExpr, walkExpr, type Expr } from '../_lib/expr';
import { hasTrigger, onceEach, readWorkflow, type WfValue } from '../_lib/workflow';

const ACTOR_NAME = new Set(['github.actor', 'github.triggering_actor', 'github.event.sender.login', 'github.event.pull_request.sender.login']);
const ACTOR_ID = new Set(['github.actor_id', 'github.event.sender.id', 'github.event.pull_request.sender.id']);
/** Account and app ids of dependabot[bot], dependabot-preview[bot] and renovate[bot]. */
const BOT_IDS = new Set(['49699333', '29110', '27856297', '29139614', '2740']);

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf || !hasTrigger(wf, ['pull_request_target', 'workflow_run'])) return;
  const prtOnly = hasTrigger(wf, ['pull_request_target']) && !hasTrigger(wf, ['workflow_run']);
  const conds: WfValue[] = [];
  for (const job of wf.jobs) {
    if (job.if) conds.push(job.if);
    for (const s of job.steps) if (s.if) conds.push(s.if);
  }
  const text = ctx.file.text;
  for (const cond of conds) {
    const found = botCheck(cond.value);
    if (!found) continue;
    const fixes = prtOnly && found.kind === 'name' ? replaceActor(text, cond.span) : [];
    report({ messageId: found.kind === 'name' ? 'actorName' : 'actorId', at: cond.span, data: { check: found.text }, ...(fixes.length > 0 ? { fixes: [{ fixId: 'useAuthor', safety: 'needs-review' as const, edits: fixes }] } : {}) });
  }
});

function botCheck(condition: string): { kind: 'name' | 'id'; text: string } | undefined {
  let inner = condition.trim();
  const fenced = /^\$\{\{([\s\S]*)\}\}$/.exec(inner);
  if (fenced) inner = fenced[1]!;
  const parsed = parseExpr(inner);
  if (!parsed) return undefined;
  let found: { kind: 'name' | 'id'; text: string } | undefined;
  walkExpr(parsed, (n) => {
    if (found) return;
    if (n.type === 'binary' && n.op === '==') {
      const pair = sides(n.left, n.right) ?? sides(n.right, n.left);
      if (!pair) return;
      const [path, literal] = pair;
      if (ACTOR_NAME.has(path) && literal.toLowerCase().endsWith('[bot]')) found = { kind: 'name', text: inner.slice(n.start, n.end).trim() };
      else if (ACTOR_ID.has(path) && BOT_IDS.has(literal)) found = { kind: 'id', text: inner.slice(n.start, n.end).trim() };
    } else if (n.type === 'call' && (n.name === 'contains' || n.name === 'endswith' || n.name === 'startswith')) {
      const [a, b] = n.args;
      if (a?.type === 'context' && ACTOR_NAME.has(contextPath(a.parts)) && b?.type === 'literal' && /bot|dependabot|renovate/i.test(String(b.value))) found = { kind: 'name', text: inner.slice(n.start, n.end).trim() };
    }
  });
  return found;
}

function sides(a: Expr, b: Expr): [string, string] | undefined {
  if (a.type !== 'context' || b.type !== 'literal') return undefined;
  return [contextPath(a.parts), String(b.value)];
}

/** Rewrites `github.actor` and `github.triggering_actor` in a condition to the pull request author's login. */
function replaceActor(text: string, span: Span): EditSpec[] {
  const edits: EditSpec[] = [];
  const src = text.slice(span.start, span.end);
  const re = /github\.(?:triggering_)?actor\b(?!_)|github\[\s*'(?:triggering_)?actor'\s*\]/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) edits.push({ span: { start: span.start + m.index, end: span.start + m.index + m[0].length }, newText: 'github.event.pull_request.user.login' });
  return edits;
}
