#!/usr/bin/env node
// Bundles every test/**/*.test.ts to out/test/ with esbuild (tsc only type-checks). Packages stay
// external and resolve from node_modules at run time, as they would for a user.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entries = fs
  .readdirSync(path.join(root, 'test'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.ts') && !f.startsWith(`e2e${path.sep}`) && !f.includes('fixtures'))
  .map((f) => path.join(root, 'test', f));
await esbuild.build({
  entryPoints: entries,
  outdir: path.join(root, 'out', 'test'),
  outbase: path.join(root, 'test'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  mainFields: ['module', 'main'],
});
console.log(`build-tests: ${entries.length} test files`);
