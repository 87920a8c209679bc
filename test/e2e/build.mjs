#!/usr/bin/env node
// Bundles the real-editor test suites with esbuild (tsc only type-checks them):
//   out/e2e/exthost/{index,*.test}.js  the extension-host suite (vscode and mocha stay external)
//   out/e2e/nvim.test.js               Neovim against the protocol client (packages external)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'out', 'e2e');
const exthost = path.join(root, 'test', 'e2e', 'exthost');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', mainFields: ['module', 'main'] };
fs.rmSync(out, { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: fs.readdirSync(exthost).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(exthost, f)),
  outdir: path.join(out, 'exthost'),
  external: ['vscode', 'mocha'],
});
await esbuild.build({ ...common, entryPoints: [path.join(root, 'test', 'e2e', 'nvim.test.ts')], outfile: path.join(out, 'nvim.test.js'), packages: 'external' });
console.log(`build-e2e: ${path.relative(root, out)}/`);
