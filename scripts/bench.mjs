#!/usr/bin/env node
// `npm run bench`: speed on the deterministic synthetic monorepo (../shared/bench/make-monorepo.mjs),
// always as ratios against work measured in the same run on the same machine, never as absolute
// targets. Prints a table and, with --json FILE, writes the numbers.
//
//   floor     a minimal Node program that reads every file Kamae inspects and JSON.parses the
//             JSON ones: the least any tool must do. kamae/floor says what Kamae adds on top.
//   peer      lockfile-lint (the lockfile peer installable here) on the same 50 lockfiles,
//             one process per lockfile as it is used; compared with Kamae on a tree of just them.
//   editor    edit -> diagnostics latency of the language server, when its script exists.
//
// Options: --scale N (default 1), --runs N (default 3), --json FILE, --keep-tree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const scale = Number(opt('scale', '1'));
const runs = Number(opt('runs', '3'));
const jsonOut = opt('json');
const generator = path.resolve(root, process.env.KAMAE_BENCH_GENERATOR ?? '../shared/bench/make-monorepo.mjs');
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(generator)) {
  console.log(`bench: skipped (${path.relative(root, generator)} not found)`);
  process.exit(0);
}
if (!fs.existsSync(cli)) {
  console.error('bench: dist/cli.js is missing; run npm run build first');
  process.exit(2);
}

// 1. The tree, generated once per scale (deterministic: same bytes every time).
const benchDir = path.join(root, '.bench');
const tree = path.join(benchDir, `mono-s${scale}`);
const manifestFile = path.join(benchDir, `mono-s${scale}.manifest.json`);
if (!fs.existsSync(manifestFile) || !fs.existsSync(tree)) {
  fs.mkdirSync(benchDir, { recursive: true });
  console.log(`bench: generating the scale-${scale} monorepo (once)…`);
  const g = spawnSync(process.execPath, [generator, tree, '--scale', String(scale), '--clean', '--quiet', '--manifest', manifestFile], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const lists = manifest.lists;
const inspected = Object.entries(lists)
  .filter(([k]) => !k.startsWith('ignored:') && !['source', 'other', 'gitignore', 'tsconfig'].includes(k))
  .flatMap(([, files]) => files);
const lockfiles = lists['package-lock.json'];

// 2. A tree holding only the lockfiles, for the like-for-like peer comparison.
const lockTree = path.join(benchDir, `locks-s${scale}`);
if (!fs.existsSync(lockTree)) {
  for (const f of lockfiles) {
    fs.mkdirSync(path.dirname(path.join(lockTree, f)), { recursive: true });
    fs.copyFileSync(path.join(tree, f), path.join(lockTree, f));
  }
}

// The largest lockfile alone: one process each, the same bytes, nothing else to do.
const largest = [...lockfiles].sort((a, b) => fs.statSync(path.join(tree, b)).size - fs.statSync(path.join(tree, a)).size)[0];
const oneTree = path.join(benchDir, `one-lock-s${scale}`);
if (!fs.existsSync(oneTree)) {
  fs.mkdirSync(oneTree, { recursive: true });
  fs.copyFileSync(path.join(tree, largest), path.join(oneTree, 'package-lock.json'));
}

// 3. The floor program, written to a temp file so it is measured like any other process.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-bench-'));
const floorScript = path.join(tmp, 'floor.cjs');
fs.writeFileSync(
  floorScript,
  `const fs=require('fs'),p=require('path');const [root,list]=[process.argv[2],JSON.parse(fs.readFileSync(process.argv[3],'utf8'))];
let bytes=0;for(const f of list){const t=fs.readFileSync(p.join(root,f),'utf8');bytes+=t.length;if(f.endsWith('.json'))JSON.parse(t);}
process.stdout.write(String(bytes));`,
);
const listFile = path.join(tmp, 'list.json');
fs.writeFileSync(listFile, JSON.stringify(inspected));

function time(cmd, args) {
  const samples = [];
  let rss = 0;
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    rss = Math.max(rss, Number(r.stderr.trim().split('\n').pop()) || 0);
    status = r.status ?? 1;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], rssMB: rss / 1024, status };
}
function timeMany(cmd, argsList) {
  // The peer runs once per lockfile; sum the medians of each file's runs.
  let ms = 0;
  let rss = 0;
  for (const args of argsList) {
    const t = time(cmd, args);
    ms += t.ms;
    rss = Math.max(rss, t.rssMB);
  }
  return { ms, rssMB: rss };
}

const node = process.execPath;
console.log(`bench: scale ${scale}: ${manifest.notIgnored?.files ?? '?'} files not ignored, ${inspected.length} inspected, ${lockfiles.length} lockfiles; median of ${runs} runs\n`);
const floor = time(node, [floorScript, tree, listFile]);
const kamae = time(node, [cli, 'check', tree, '--format', 'json', '--output', path.join(tmp, 'out.json'), '--fail-on', 'none']);
const kamaeLocks = time(node, [cli, 'check', lockTree, '--format', 'json', '--output', path.join(tmp, 'locks.json'), '--fail-on', 'none']);
const lockfileLintBin = path.join(root, 'node_modules', 'lockfile-lint', 'bin', 'lockfile-lint.js');
const llArgs = (file) => [lockfileLintBin, '--path', file, '--type', 'npm', '--validate-https', '--validate-integrity', '--validate-package-names', '--allowed-hosts', 'npm', '--format', 'plain'];
const peer = fs.existsSync(lockfileLintBin)
  ? timeMany(node, lockfiles.map((f) => llArgs(path.join(lockTree, f))))
  : undefined;
const kamaeOne = time(node, [cli, 'check', oneTree, '--format', 'json', '--output', path.join(tmp, 'one.json'), '--fail-on', 'none']);
const peerOne = fs.existsSync(lockfileLintBin) ? time(node, llArgs(path.join(oneTree, 'package-lock.json'))) : undefined;
const report = JSON.parse(fs.readFileSync(path.join(tmp, 'out.json'), 'utf8'));

const rows = [
  ['floor: read + JSON.parse every inspected file', floor],
  ['kamae check (whole monorepo, all rules)', kamae],
  ['kamae check (lockfiles only)', kamaeLocks],
  ...(peer ? [['lockfile-lint (same lockfiles, one run each)', peer]] : []),
  [`kamae check (largest lockfile, ${(fs.statSync(path.join(oneTree, 'package-lock.json')).size / 1e6).toFixed(1)} MB)`, kamaeOne],
  ...(peerOne ? [['lockfile-lint (largest lockfile)', peerOne]] : []),
];
for (const [name, r] of rows) console.log(`${name.padEnd(50)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.rssMB.toFixed(0).padStart(5)} MB`);
const ratios = {
  kamaeOverFloor: kamae.ms / floor.ms,
  ...(peer ? { kamaeLockfilesOverLockfileLint: kamaeLocks.ms / peer.ms } : {}),
  ...(peerOne ? { kamaeOneLockfileOverLockfileLint: kamaeOne.ms / peerOne.ms } : {}),
};
console.log('');
console.log(`kamae / floor                      ${ratios.kamaeOverFloor.toFixed(2)}x`);
if (peer) console.log(`kamae (lockfiles) / lockfile-lint   ${ratios.kamaeLockfilesOverLockfileLint.toFixed(2)}x  (below 1 means Kamae is faster)`);
if (peerOne) console.log(`kamae / lockfile-lint, one file      ${ratios.kamaeOneLockfileOverLockfileLint.toFixed(2)}x`);
console.log(`findings: ${report.summary.findings}; files evaluated: ${report.summary.filesEvaluated}; not evaluated: ${report.summary.filesNotEvaluated}`);

let editor;
const latencyScript = path.join(root, 'scripts', 'bench-lsp-latency.mjs');
if (fs.existsSync(latencyScript) && fs.existsSync(path.join(root, 'dist', 'server.js'))) {
  console.log('\neditor latency (edit -> diagnostics):');
  const r = spawnSync(node, [latencyScript, '--json', path.join(tmp, 'lsp.json')], { stdio: 'inherit' });
  if (r.status === 0 && fs.existsSync(path.join(tmp, 'lsp.json'))) editor = JSON.parse(fs.readFileSync(path.join(tmp, 'lsp.json'), 'utf8'));
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ scale, runs, floor, kamae, kamaeLocks, peer, kamaeOne, peerOne, ratios, editor }, null, 2));
fs.rmSync(tmp, { recursive: true, force: true });
