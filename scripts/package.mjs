#!/usr/bin/env node
// Builds the .vsix offline with @vscode/vsce: `vscode:prepublish` bundles dist/ first, everything the
// extension needs is inside the two bundles (so --no-dependencies), and .vscodeignore keeps the
// package to the bundles, rule pages, UI strings, LICENSE and README.
//   node scripts/package.mjs [--out FILE]      (default: kamae.vsix in the repository root)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--out');
const out = path.resolve(i >= 0 ? process.argv[i + 1] : path.join(root, 'kamae.vsix'));
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const args = [
  vsce, 'package', '--no-dependencies', '--out', out,
  // vsce scans the package for secrets; the rule pages quote their fixtures, whose tokens are
  // deliberately fake (FAKE/EXAMPLE, see the brief). Only the types those pages contain are allowed.
  '--allow-package-secrets', 'npm',
];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
