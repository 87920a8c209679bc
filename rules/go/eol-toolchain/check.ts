// Flags a go.mod whose toolchain (or go line) names a Go release past its end of support, using a bundled, dated table.
import { fileCheck } from '../../../server/src/engine/ruleApi';

/**
 * Release dates of Go major versions (go.dev/doc/devel/release). Go supports each major release until
 * the second newer one ships, so 1.N reaches end of support on the release date of 1.(N+2).
 * Snapshot of 2025-08-12 (Go 1.25): later releases are unknown here, and so is anything they retire.
 */
const RELEASED: Readonly<Record<number, string>> = {
  11: '2018-08-24', 12: '2019-02-25', 13: '2019-09-03', 14: '2020-02-25', 15: '2020-08-11', 16: '2021-02-16', 17: '2021-08-16', 18: '2022-03-15',
  19: '2022-08-02', 20: '2023-02-01', 21: '2023-08-08', 22: '2024-02-06', 23: '2024-08-13', 24: '2025-02-11', 25: '2025-08-12',
};

export default fileCheck<'go-mod'>((ctx) => {
  const m = ctx.file.model;
  const fromToolchain = m.toolchain !== undefined && m.toolchainLine !== undefined;
  const raw = fromToolchain ? m.toolchain?.replace(/^go/, '') : m.go;
  const line = fromToolchain ? m.toolchainLine : m.goLine;
  if (m.go === undefined && !fromToolchain) {
    // Without a go line the go command assumes Go 1.16 semantics (go.dev/ref/mod#go-mod-file-go).
    ctx.report({ messageId: 'noGo', at: ctx.file.lines.lineSpan(0) });
    return;
  }
  if (raw === undefined || line === undefined) return;
  const minor = /^1\.(\d+)/.exec(raw)?.[1];
  if (minor === undefined) return;
  const n = Number(minor);
  const end = RELEASED[n + 2];
  if (end === undefined || end > ctx.settings.today) return;
  ctx.report({ messageId: 'eol', at: ctx.file.lines.lineSpan(line), data: { version: `1.${n}`, date: end, successor: `1.${n + 2}` } });
});
