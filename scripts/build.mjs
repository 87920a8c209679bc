#!/usr/bin/env node
// Bundles the three entry points with esbuild after regenerating the rule catalogue:
//   dist/cli.js        the `kamae` command (bin)
//   dist/server.js     the language server (stdio or IPC)
//   dist/extension.js  the VS Code client (vscode is external)
//   dist/webview.js    the dashboard webview's script (browser), and dist/codicons/ (its icon font)
// KAMAE_DIST=<dir> builds elsewhere (so parallel checkouts or tests do not clobber dist/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.env.KAMAE_DIST ?? 'dist');
const gen = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen-rules.mjs')], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'linked',
  // jsonc-parser's UMD entry hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // Optional XML back-ends of @cyclonedx/cyclonedx-library, which loads them only if installed;
  // Kamae writes JSON.
  external: ['xmlbuilder2', 'libxmljs2'],
};
const started = Date.now();
await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(out, 'cli.js'), banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(out, 'server.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(out, 'extension.js'), external: [...common.external, 'vscode'] }),
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false, entryPoints: [path.join(root, 'client/src/webview/main.ts')], outfile: path.join(out, 'webview.js') }),
]);
// The webview loads codicons from inside the extension (no remote resources): the font and its CSS.
const codicons = path.join(root, 'node_modules', '@vscode', 'codicons', 'dist');
fs.mkdirSync(path.join(out, 'codicons'), { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(out, 'codicons', f));
// The font is CC-BY-4.0: its licence travels with it.
fs.copyFileSync(path.join(codicons, '..', 'LICENSE'), path.join(out, 'codicons', 'LICENSE'));
fs.chmodSync(path.join(out, 'cli.js'), 0o755);
console.log(`build: ${path.relative(root, out) || out}/{cli,server,extension,webview}.js in ${Date.now() - started} ms`);
