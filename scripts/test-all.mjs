#!/usr/bin/env node
// `npm test`: every check the project has, in order, each counted: type-check, lint, the unit
// suite (each mocha test counts), the accuracy corpus and, when present, the real-editor suite.
// Ends with one line `N passed, N failed`; exits 1 if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const skipE2e = process.argv.includes('--no-e2e') || process.env.KAMAE_SKIP_E2E === '1';
let passed = 0;
let failed = 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-test-'));

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`=== ${ok ? 'PASS' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return ok;
}
function counted(name, cmd, args, resultsVar) {
  const file = path.join(tmp, `${name.replace(/\W+/g, '-')}.json`);
  const ok = step(name, cmd, args, { [resultsVar]: file });
  if (fs.existsSync(file)) {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += r.passed;
    failed += r.failed;
    if (!ok && r.failed === 0) failed++; // the suite failed outside any test (a hook, a crash)
  } else if (ok) passed++;
  else failed++;
}
const node = process.execPath;
const tally = (ok) => (ok ? passed++ : failed++);

tally(step('type-check (tsc -b)', node, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b']));
tally(step('lint (eslint)', node, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', '.']));
counted('unit tests', node, [path.join(root, 'scripts/test-unit.mjs')], 'KAMAE_TEST_RESULTS');
// Kamae on its own repository (its workflows, Dockerfile-free config, manifests and metadata): the
// project holds itself to what it asks of others.
tally(step('kamae check on this repository', node, [path.join(root, 'dist/cli.js'), 'check', root, '--fail-on', 'medium']));
tally(step('accuracy corpus', node, [path.join(root, 'scripts/corpus.mjs'), '--min-recall', process.env.KAMAE_MIN_RECALL ?? '0.5', '--min-precision', process.env.KAMAE_MIN_PRECISION ?? '0.8']));
if (!skipE2e && fs.existsSync(path.join(root, 'scripts/test-e2e.mjs'))) counted('real-editor tests', node, [path.join(root, 'scripts/test-e2e.mjs')], 'KAMAE_TEST_RESULTS_E2E');

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
