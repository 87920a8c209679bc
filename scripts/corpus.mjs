#!/usr/bin/env node
// Scores the built CLI on ../shared/corpus (peer tools' labelled cases) with the rule -> topic map in
// test/corpus-topics.json. Extra arguments go to score.mjs (e.g. --filter '/dockerfile/' --verbose).
// Runs with --profile strict so every rule, low-confidence ones included, is measured, and with
// --omit-suppressed: score.mjs counts every SARIF result, but a result Kamae suppressed (an inline
// kamae-ignore, or a peer tool's ignore comment such as `zizmor: ignore[...]`) is not a finding.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const score = path.resolve(root, process.env.KAMAE_CORPUS ?? '../shared/corpus', 'score.mjs');
if (!fs.existsSync(score)) {
  console.log(`corpus: skipped (${path.relative(root, score)} not found; set KAMAE_CORPUS to the corpus folder)`);
  process.exit(0);
}
const cli = path.join(root, process.env.KAMAE_DIST ?? 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('corpus: dist/cli.js is missing; run npm run build first');
  process.exit(2);
}
const args = [
  score,
  '--cli', `"${process.execPath}" "${cli}" check {repo} --format sarif --output {out} --fail-on none --profile strict --omit-suppressed`,
  '--map', path.join(root, 'test', 'corpus-topics.json'),
  '--jobs', process.env.KAMAE_CORPUS_JOBS ?? '2',
  ...process.argv.slice(2),
];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 2);
