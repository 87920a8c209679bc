// The built CLI (dist/cli.js) on real repositories written to disk: exit codes, the three formats,
// SARIF validated against the published 2.1.0 schema, and a repository full of bad input.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ROOT } from './helpers/repo';

const CLI = path.join(ROOT, process.env.KAMAE_DIST ?? 'dist', 'cli.js');
const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

function kamae(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '', ...opts.env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
function repo(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-cli-'));
  made.push(root);
  for (const [p, c] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), c);
  }
  return root;
}
after(() => made.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** A small repository that every foundation rule accepts. */
const CLEAN = {
  'README.md': '# demo\n',
  LICENSE: 'MIT License\n\nCopyright (c) 2026 Example\n',
  'SECURITY.md': '# Security\n\nReport vulnerabilities privately to security@example.com; we answer within 3 business days.\nOnly the latest release is supported; older releases are end of life.\n',
  '.github/CODEOWNERS': '* @example/maintainers\n',
  '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule: { interval: weekly }\n    cooldown: { default-days: 7 }\n',
  '.github/workflows/ci.yml': `on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${SHA} # v4.2.2\n        with:\n          persist-credentials: false\n      - run: make test\n`,
};

describe('kamae CLI', function () {
  this.timeout(120_000);
  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run the build first`));

  it('prints its version and help', () => {
    const v = kamae(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const h = kamae(['help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Usage: kamae <command>/);
  });

  it('exits 2 with a clear message on usage errors', () => {
    const cases: [string[], RegExp][] = [
      [[], /no command given/],
      [['scan'], /unknown command "scan"/],
      [['check', '--format', 'xml'], /--format must be one of text, json, sarif \(got "xml"\)/],
      [['check', '--fail-on', 'severe'], /--fail-on must be one of/],
      [['check', '--bogus'], /Unknown option '--bogus'/],
      [['check', 'a', 'b'], /check takes one PATH/],
      [['check', path.join(os.tmpdir(), 'kamae-no-such-dir')], /no such file or directory/],
      [['check', CLI], /not a directory/],
    ];
    for (const [args, msg] of cases) {
      const r = kamae(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, msg, args.join(' '));
    }
  });

  it('exits 0 on a clean repository and 1 when findings reach --fail-on', () => {
    const clean = repo(CLEAN);
    const c = kamae(['check', clean]);
    assert.equal(c.code, 0, c.stdout);
    assert.match(c.stdout, /0 findings · 0 suppressed · \d+ files checked · 0 not evaluated/);

    const medium = repo({ ...CLEAN, Dockerfile: 'FROM nginx:latest\nUSER nginx\n', '.github/dependabot.yml': `${CLEAN['.github/dependabot.yml']}  - package-ecosystem: docker\n    directory: /\n    schedule: { interval: weekly }\n    cooldown: { default-days: 7 }\n` });
    assert.equal(kamae(['check', medium]).code, 1);
    assert.equal(kamae(['check', medium, '--fail-on', 'high']).code, 0);
    assert.equal(kamae(['check', medium, '--fail-on', 'medium']).code, 1);
    assert.equal(kamae(['check', medium, '--fail-on', 'none']).code, 0);
  });

  it('does not count suppressed findings towards the exit code', () => {
    const root = repo({ ...CLEAN, '.github/workflows/ci.yml': CLEAN['.github/workflows/ci.yml'].replace(`@${SHA} # v4.2.2`, '@v4 # kamae-ignore github-actions/unpinned-action-ref: first-party action, pinned by ruleset') });
    const r = kamae(['check', root, '--format', 'json']);
    assert.equal(r.code, 0, r.stdout);
    const json = JSON.parse(r.stdout);
    assert.equal(json.summary.suppressed, 1);
    assert.equal(json.findings[0].suppression.reason, 'first-party action, pinned by ruleset');
  });

  it('leaves suppressed findings out of json and sarif with --omit-suppressed, a zizmor ignore comment included', () => {
    const wf = CLEAN['.github/workflows/ci.yml'].replace(`@${SHA} # v4.2.2`, '@v4 # zizmor: ignore[unpinned-uses]');
    const root = repo({ ...CLEAN, '.github/workflows/ci.yml': wf });
    const kept = JSON.parse(kamae(['check', root, '--format', 'json']).stdout);
    assert.deepEqual(kept.findings.map((f: { ruleId: string; suppression?: { reason: string } }) => [f.ruleId, f.suppression?.reason.startsWith('zizmor: ignore[unpinned-uses]')]), [['github-actions/unpinned-action-ref', true]]);
    const omitted = JSON.parse(kamae(['check', root, '--format', 'json', '--omit-suppressed']).stdout);
    assert.deepEqual(omitted.findings, []);
    const sarif = JSON.parse(kamae(['check', root, '--format', 'sarif', '--omit-suppressed']).stdout);
    assert.deepEqual(sarif.runs[0].results, []);
  });

  it('groups the text report by file, lists unreadable files, summarises guideline groups, and colours only when asked', () => {
    const root = repo({ ...CLEAN, '.github/workflows/bad.yml': 'on: [push\n', '.github/workflows/inj.yml': 'on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n' });
    const r = kamae(['check', root]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^\.github\/workflows\/inj\.yml\n {2}7:\d+ +critical +github\.event\.issue\.title is controlled by/m);
    assert.match(r.stdout, /Not evaluated\n {2}\.github\/workflows\/bad\.yml {2}YAML syntax error/);
    assert.match(r.stdout, /Guideline requirements \(METI\/NCO\)\n {2}\(1\) /);
    const ESC = String.fromCharCode(27);
    assert.ok(!r.stdout.includes(`${ESC}[`), 'no colour when stdout is not a terminal');
    assert.ok(kamae(['check', root, '--color']).stdout.includes(`${ESC}[`), '--color forces colour');
    const ja = kamae(['check', root, '--lang', 'ja']);
    assert.match(ja.stdout, /評価できなかったファイル/);
    assert.match(ja.stdout, /指摘 \d+ 件/);
  });

  it('writes to --output and nothing to stdout', () => {
    const root = repo(CLEAN);
    const out = path.join(root, 'out', 'report.json');
    const r = kamae(['check', root, '--format', 'json', '--output', out]);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).kamaeReport, 1);
  });

  it('writes SARIF 2.1.0 that validates against the published schema, with what code scanning needs', () => {
    const root = repo({
      'README.md': '# x\n',
      'package.json': '{ "name": "x", "version": "1.0.0" }\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4 # kamae-ignore github-actions/unpinned-action-ref: tracked in #12\n      - uses: foo/bar@main\n',
      '.github/workflows/broken.yml': 'jobs: [\n',
      Dockerfile: 'FROM node:20\nCMD ["node", "x.js"]\n',
    });
    const r = kamae(['check', root, '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: unknown[] } }; results: unknown[]; invocations: { toolExecutionNotifications: unknown[] }[]; originalUriBaseIds: Record<string, { uri: string }> }[] };
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/schemas/sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));

    const run = sarif.runs[0]!;
    const rules = run.tool.driver.rules as { id: string; helpUri: string; properties: { tags: string[]; 'security-severity': string } }[];
    for (const rule of rules) {
      assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\/.+\.md$/);
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
      assert.ok(rule.properties.tags.some((t) => t.startsWith('meti-cip/')), rule.id);
    }
    const results = run.results as { ruleId: string; ruleIndex: number; partialFingerprints: Record<string, string>; suppressions?: unknown[]; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; fixes?: unknown[] }[];
    for (const res of results) {
      assert.equal(rules[res.ruleIndex]!.id, res.ruleId);
      assert.match(Object.values(res.partialFingerprints)[0]!, /^[0-9a-f]{32}$/);
      assert.ok(res.locations?.length, `${res.ruleId} has a location (repository-level findings sit on the anchor file)`);
    }
    assert.equal(results.filter((x) => x.suppressions).length, 1);
    const repoLevel = results.find((x) => x.ruleId === 'repo/missing-security-policy')!;
    assert.equal(repoLevel.locations![0]!.physicalLocation.artifactLocation.uri, 'README.md');
    assert.ok(results.some((x) => x.ruleId === 'docker/root-user' && x.fixes?.length));
    const notes = run.invocations[0]!.toolExecutionNotifications as { message: { text: string } }[];
    assert.ok(notes.some((n) => /broken\.yml: not evaluated: YAML syntax error/.test(n.message.text)));
    assert.ok(run.originalUriBaseIds['%SRCROOT%']!.uri.startsWith('file://'));
  });

  it('scans a repository full of bad input without crashing, naming each bad file and checking the rest', () => {
    const lock = Buffer.alloc(40 * 1024 * 1024, 0x20);
    lock.write('{"lockfileVersion": 3, "packages": {}}', 0);
    const root = repo({
      '.github/workflows/broken.yml': 'on: push\njobs:\n  a: {runs-on: ubuntu-latest, steps: [\n',
      '.github/workflows/ok.yml': 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
      'package.json': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
      Dockerfile: '',
      'package-lock.json': lock,
      '.npmrc': Buffer.from([0x72, 0x65, 0x67, 0x3d, 0xc3, 0x28]),
    });
    fs.symlinkSync(root, path.join(root, 'loop'));
    fs.symlinkSync('/etc', path.join(root, 'etc-link'));
    for (const format of ['text', 'json', 'sarif']) {
      const r = kamae(['check', root, '--format', format]);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      for (const [file, why] of [
        ['.github/workflows/broken.yml', 'YAML syntax error'],
        ['package.json', 'binary file'],
        ['Dockerfile', 'Dockerfile is empty'],
        ['package-lock.json', 'over the 24.0 MB limit'],
        ['.npmrc', 'not valid UTF-8'],
        ['etc-link', 'symbolic link points outside the repository'],
      ] as const) {
        assert.ok(r.stdout.includes(file) && r.stdout.includes(why), `${format} output names ${file} (${why})`);
      }
      assert.ok(r.stdout.includes('actions/checkout@v4'), `${format}: the good workflow is still checked`);
    }
  });

  it('fix applies safe fixes by default, all with --unsafe, and nothing with --dry-run', () => {
    const lock = '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": {\n      "version": "1.0.0",\n      "resolved": "http://registry.npmjs.org/a/-/a-1.0.0.tgz",\n      "integrity": "sha512-FAKEFAKE"\n    }\n  }\n}\n';
    const files = { ...CLEAN, 'package.json': '{ "name": "x", "version": "1.0.0" }\n', 'package-lock.json': lock, Dockerfile: 'FROM node:20.18-bookworm-slim\nCMD ["node", "app.js"]\n' };
    const root = repo(files);
    const dry = kamae(['fix', root, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^- {6}"resolved": "http:\/\/registry\.npmjs\.org/m);
    assert.match(dry.stdout, /^\+ {6}"resolved": "https:\/\/registry\.npmjs\.org/m);
    assert.match(dry.stderr, /would apply 1 fix to 1 file; add --unsafe/);
    assert.equal(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'), lock, '--dry-run changes nothing');

    const safe = kamae(['fix', root]);
    assert.equal(safe.code, 0);
    assert.match(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'), /"resolved": "https:/);
    assert.doesNotMatch(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), /USER/, 'needs-review fixes wait for --unsafe');

    const all = kamae(['fix', root, '--unsafe']);
    assert.equal(all.code, 0);
    assert.match(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), /USER node\nCMD/);
    assert.equal(kamae(['check', root, '--fail-on', 'none', '--format', 'json']).stdout.includes('docker/root-user'), true, 'the rule still runs');
    const after = JSON.parse(kamae(['check', root, '--format', 'json', '--fail-on', 'none']).stdout) as { findings: { ruleId: string }[] };
    assert.ok(!after.findings.some((f) => f.ruleId === 'docker/root-user' || f.ruleId === 'npm/lockfile-insecure-url'));
    assert.equal(fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8'), CLEAN['SECURITY.md'], 'an existing file is never replaced');
  });

  it('rejects options a command does not take', () => {
    const r = kamae(['fix', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fix does not take --format/);
  });

  it('prints a report for this repository (the README main command)', () => {
    const r = kamae(['check', ROOT, '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Guideline requirements \(METI\/NCO\)/);
    assert.match(r.stdout, /\d+ findings? .*· \d+ files checked/);
  });
});
