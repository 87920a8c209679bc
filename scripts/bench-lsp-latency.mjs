#!/usr/bin/env node
// Measures edit -> publishDiagnostics latency of the language server, as an editor sees it: starts
// dist/server.js --stdio, opens a 300-line workflow in a small repository, sends one-character edits
// one at a time and times each until the diagnostics for that document version arrive (debounce
// included). Prints p50/p95/max. Not a test: numbers depend on the machine.
//   node scripts/bench-lsp-latency.mjs [--edits 300] [--lines 300] [--repo DIR] [--json FILE]
// --repo DIR puts the workflow into a copy of DIR (e.g. the synthetic monorepo of npm run bench),
// to see what the size of the repository adds to each edit; --json FILE writes the numbers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { setTimeout, clearTimeout } from 'node:timers';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const argText = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const fromRepo = argText('repo');
const jsonOut = argText('json');
const EDITS = arg('edits', 300);
const LINES = arg('lines', 300);
const WARMUP = 20;
const server = path.join(root, process.env.KAMAE_DIST ?? 'dist', 'server.js');
if (!fs.existsSync(server)) {
  console.error(`bench: ${path.relative(root, server)} is missing; run node scripts/build.mjs first`);
  process.exit(2);
}

/** A workflow of about `lines` lines: jobs with checkout, setup and run steps, some of them flagged. */
function workflow(lines) {
  const out = ['name: bench', 'on:', '  pull_request:', '  push:', '    branches: [main]', 'jobs:'];
  let job = 0;
  while (out.length + 11 <= lines) {
    out.push(`  job${job}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', "          node-version: '20'", `      - name: step ${job}`, `        run: echo "building ${job} for \${{ github.event.pull_request.title }}"`, '      - run: npm test', '');
    job++;
  }
  while (out.length < lines) out.push('# padding');
  return out.join('\n') + '\n';
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-lsp-latency-'));
if (fromRepo) fs.cpSync(path.resolve(fromRepo), dir, { recursive: true });
const rel = '.github/workflows/kamae-latency-bench.yml';
const file = path.join(dir, ...rel.split('/'));
fs.mkdirSync(path.dirname(file), { recursive: true });
let text = workflow(LINES);
fs.writeFileSync(file, text);
if (!fromRepo) {
  fs.writeFileSync(path.join(dir, 'README.md'), '# bench\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20\nUSER node\n');
}
const uri = pathToFileURL(file).href;

const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
let waiting;
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
  if (waiting && p.uri === uri && (waiting.version === undefined || p.version === waiting.version)) waiting.resolve(performance.now());
});
// Verbose trace makes the server log each analysis's own time, summarised below.
conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({ trace: { server: 'verbose' } })));
const analysisMs = [];
conn.onNotification(rpc.LogMessageNotification.type, (p) => {
  const m = /^update .*: files, read \d+, checked \d+ in ([\d.]+) ms$/.exec(p.message);
  if (m) analysisMs.push(Number(m[1]));
});
conn.onRequest(rpc.RegistrationRequest.type, () => undefined);
conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => undefined);
conn.listen();

const until = (version, timeoutMs = 10000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${version === undefined ? 'the workflow' : `version ${version}`} within ${timeoutMs / 1000} s`)), timeoutMs);
    waiting = { version, resolve: (t) => (clearTimeout(timer), resolve(t)) };
  });

try {
  // The first scan publishes the workflow's diagnostics; opening it with the same text changes nothing.
  const scanned = until(undefined, 600000);
  const scanStart = performance.now();
  await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }], capabilities: { workspace: { configuration: true, workspaceFolders: true } } });
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  const scanMs = (await scanned) - scanStart;
  let version = 1;
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });

  const samples = [];
  const lineCount = text.split('\n').length - 1;
  for (let i = 0; i < WARMUP + EDITS; i++) {
    // Type a character at the end of a job's step name, then delete it again; a different job each time.
    const line = 13 + 11 * (Math.floor(i / 2) % Math.floor((lineCount - 14) / 11));
    const lineText = text.split('\n')[line];
    const typing = i % 2 === 0;
    const col = lineText.length;
    const change = typing
      ? { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' }
      : { range: { start: { line, character: col - 1 }, end: { line, character: col } }, text: '' };
    const lines = text.split('\n');
    lines[line] = typing ? lineText + 'x' : lineText.slice(0, -1);
    text = lines.join('\n');
    version++;
    const done = until(version);
    const t0 = performance.now();
    await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    const t1 = await done;
    if (i >= WARMUP) samples.push(t1 - t0);
  }
  samples.sort((a, b) => a - b);
  const pct = (p) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(`bench-lsp-latency: ${EDITS} edits of a ${lineCount}-line workflow${fromRepo ? ` in a copy of ${fromRepo} (first scan ${(scanMs / 1000).toFixed(1)} s)` : ''}, edit -> publishDiagnostics (debounce included)`);
  console.log(`  p50 ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   max ${samples[samples.length - 1].toFixed(1)} ms   mean ${mean.toFixed(1)} ms`);
  analysisMs.sort((a, b) => a - b);
  if (analysisMs.length > 0) console.log(`  of which incremental analysis (server-side): p50 ${analysisMs[Math.ceil(analysisMs.length * 0.5) - 1].toFixed(1)} ms, p95 ${analysisMs[Math.ceil(analysisMs.length * 0.95) - 1].toFixed(1)} ms`);
  console.log(`  target p95 <= 150 ms: ${pct(95) <= 150 ? 'met' : 'NOT met'}`);
  const apct = (p) => (analysisMs.length > 0 ? analysisMs[Math.min(analysisMs.length - 1, Math.ceil((p / 100) * analysisMs.length) - 1)] : null);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ edits: EDITS, lines: lineCount, repo: fromRepo ?? null, scanMs, p50: pct(50), p95: pct(95), max: samples[samples.length - 1], mean, analysisP50: apct(50), analysisP95: apct(95) }, null, 2));
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
} catch (e) {
  console.error(`bench: ${e.message}`);
  child.kill();
  process.exitCode = 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
