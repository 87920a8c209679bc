#!/usr/bin/env node
// The fast suite: regenerate + bundle, bundle the tests, run mocha. Extra arguments go to mocha
// (e.g. `npm run test:unit -- --grep docker`). Counts land in $KAMAE_TEST_RESULTS when set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['scripts/build-tests.mjs']);
run(process.execPath, [path.join(root, 'node_modules/mocha/bin/mocha.js'), ...process.argv.slice(2)]);
