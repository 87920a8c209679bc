// Flags a binary crate (src/main.rs, src/bin/ or [[bin]]) without a Cargo.lock beside it or at its workspace root.
import { dirname, fileCheck, findTomlLine } from '../../../server/src/engine/ruleApi';

const NON_PROJECT = /(^|\/)(tests?|testdata|fixtures?|examples?|benches|vendor|third[-_]party)\//;

export default fileCheck<'cargo-toml'>((ctx) => {
  const { path, model, lines } = ctx.file;
  if (NON_PROJECT.test(path) || !model.data.package) return;
  const dir = dirname(path);
  const at = (p: string) => (dir === '' ? p : `${dir}/${p}`);
  const bins = Array.isArray(model.data.bin) && model.data.bin.length > 0;
  const binary = bins || ctx.repo.has(at('src/main.rs')) || ctx.repo.paths.some((p) => p.startsWith(at('src/bin/')) && p.endsWith('.rs'));
  if (!binary) return;
  let d = dir;
  for (;;) {
    if (ctx.repo.has(d === '' ? 'Cargo.lock' : `${d}/Cargo.lock`)) return;
    if (d === '') break;
    d = dirname(d);
  }
  const line = Math.max(0, findTomlLine(lines, bins ? 'bin' : 'package'));
  ctx.report({ messageId: 'missing', at: lines.lineSpan(line), data: { path } });
});
