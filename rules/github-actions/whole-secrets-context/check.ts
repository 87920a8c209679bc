// Flags expressions that expose the whole secrets context (`toJSON(secrets)`, `secrets` itself) or
// pick a secret by a computed name (`secrets[format('{0}_KEY', matrix.env)]`).
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { parseExpr, walkExpr } from '../_lib/expr';
import { allFences, onceEach } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  for (const f of allFences(ctx.file)) {
    const parsed = parseExpr(f.inner);
    if (!parsed) continue;
    let kind: 'whole' | 'dynamic' | undefined;
    walkExpr(parsed, (n) => {
      if (n.type !== 'context') return;
      const head = n.parts[0];
      if (head?.kind !== 'name' || head.name.toLowerCase() !== 'secrets') return;
      const next = n.parts[1];
      if (!next) kind ??= 'whole';
      else if (next.kind === 'index' || next.kind === 'star') kind ??= 'dynamic';
    });
    if (kind) report({ messageId: kind, at: f.span, data: { expr: f.inner.replace(/\s+/g, ' ') } });
  }
});
