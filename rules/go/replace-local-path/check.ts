// Flags go.mod replace directives that point at a local directory.
import { dirname, fileCheck } from '../../../server/src/engine/ruleApi';

export default fileCheck<'go-mod'>((ctx) => {
  // The go command ignores testdata/ folders: modules there are test inputs, not builds.
  if (/(^|\/)testdata\//.test(ctx.file.path)) return;
  const depth = dirname(ctx.file.path) === '' ? 0 : dirname(ctx.file.path).split('/').length;
  for (const r of ctx.file.model.replaces) {
    if (!r.local) continue;
    const outside = r.to.path.startsWith('/') || /^[A-Za-z]:\\/.test(r.to.path) || climbs(r.to.path) > depth;
    ctx.report({ messageId: outside ? 'outside' : 'inside', at: r.span, data: { module: r.from.path, path: r.to.path } });
  }
});

/** How many folders a relative path climbs above its starting folder at most. */
function climbs(path: string): number {
  let depth = 0;
  let max = 0;
  for (const seg of path.split(/[\\/]/)) {
    if (seg === '..') {
      depth--;
      max = Math.max(max, -depth);
    } else if (seg !== '.' && seg !== '') depth++;
  }
  return max;
}
