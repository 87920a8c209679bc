// Flags secrets parsed with fromJSON(): the fields picked out of them are new strings the log masker
// never registered, so they appear in logs in clear text.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { parseExpr, walkExpr } from '../_lib/expr';
import { allFences, onceEach } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  for (const f of allFences(ctx.file)) {
    const parsed = parseExpr(f.inner);
    if (!parsed) continue;
    let secret: string | undefined;
    walkExpr(parsed, (n) => {
      if (n.type !== 'call' || n.name !== 'fromjson') return;
      const arg = n.args[0];
      if (arg?.type === 'context' && arg.parts[0]?.kind === 'name' && arg.parts[0].name.toLowerCase() === 'secrets') secret ??= f.inner.slice(arg.start, arg.end);
    });
    if (secret) report({ messageId: 'fromJson', at: f.span, data: { secret } });
  }
});
