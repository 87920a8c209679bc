// Flags go.mod files that require modules but have no go.sum beside them.
import { dirname, fileCheck } from '../../../server/src/engine/ruleApi';

const NON_PROJECT = /(^|\/)(testdata|examples?|_examples|vendor)\//;

export default fileCheck<'go-mod'>((ctx) => {
  const { path, model } = ctx.file;
  if (NON_PROJECT.test(path)) return;
  // Modules replaced by local directories carry no checksums; only fetched modules need go.sum lines.
  const local = new Set(model.replaces.filter((r) => r.local).map((r) => r.from.path));
  const fetched = model.requires.filter((r) => !local.has(r.path));
  if (fetched.length === 0) return;
  const dir = dirname(path);
  if (ctx.repo.has(dir === '' ? 'go.sum' : `${dir}/go.sum`)) return;
  ctx.report({ messageId: 'missing', at: fetched[0]!.span, data: { path, count: fetched.length } });
});
