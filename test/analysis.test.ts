// Incremental analysis (engine/analysis.ts): after any sequence of file changes its report must equal
// what a full analyzeRepo returns for the same files, while doing only the work the change needs.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeRepo, MemoryFs, RepoAnalysis, sourceFromFs, type AnalyzeOptions, type FileChange } from '../server/src/engine';
import { CATALOG, TODAY } from './helpers/repo';

const OPTIONS: AnalyzeOptions = { toolVersion: 'test', today: TODAY };

const WORKFLOW = `name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.head_commit.message }}"
`;
const WORKFLOW_FIXED = `name: ci
on: [push]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
`;
const DOCKERFILE = 'FROM node:latest\nCOPY . /app\nCMD ["node", "/app/index.js"]\n';
const DOCKERFILE_OK = 'FROM node:20.18-slim\nUSER node\nCMD ["node", "/app/index.js"]\n';
const K8S = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      image: nginx\n';

function repo(): MemoryFs {
  return new MemoryFs({
    'README.md': '# demo\n',
    'package.json': '{ "name": "demo", "version": "1.0.0" }\n',
    '.github/workflows/ci.yml': WORKFLOW,
    Dockerfile: DOCKERFILE,
    'deploy/pod.yaml': K8S,
    'deploy/other.yaml': K8S,
    '.gitignore': 'build/\n',
  });
}

async function expectSame(analysis: RepoAnalysis, fs: MemoryFs, options: AnalyzeOptions = OPTIONS): Promise<void> {
  const full = await analyzeRepo(sourceFromFs(fs), CATALOG, options);
  assert.deepEqual(analysis.report, full);
}

describe('incremental analysis (RepoAnalysis)', () => {
  it('starts with the report analyzeRepo returns', async () => {
    const fs = repo();
    const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
    await expectSame(a, fs);
    assert.equal(a.stats.mode, 'full');
  });

  it('re-checks only the edited file, and returns the same report when nothing changed', async () => {
    const fs = repo();
    const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
    fs.write('.github/workflows/ci.yml', WORKFLOW_FIXED);
    await a.update([{ path: '.github/workflows/ci.yml', type: 'changed' }]);
    await expectSame(a, fs);
    assert.deepEqual({ mode: a.stats.mode, filesRead: a.stats.filesRead, filesChecked: a.stats.filesChecked }, { mode: 'files', filesRead: 1, filesChecked: 1 });

    const before = a.report;
    await a.update([{ path: '.github/workflows/ci.yml', type: 'changed' }]);
    assert.equal(a.report, before, 'unchanged text keeps the report object');
    assert.equal(a.stats.filesChecked, 0);
    await a.update([{ path: 'src/index.ts', type: 'changed' }, { path: 'node_modules/x/package.json', type: 'created' }]);
    assert.equal(a.report, before, 'files Kamae does not read change nothing');
    assert.equal(a.stats.mode, 'none');
  });

  it('follows created and deleted files and folders, .gitignore and .kamae.yaml', async () => {
    const fs = repo();
    const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
    const step = async (changes: FileChange[]) => {
      await a.update(changes);
      await expectSame(a, fs);
    };
    fs.write('SECURITY.md', 'Report vulnerabilities to security@example.com\n');
    await step([{ path: 'SECURITY.md', type: 'created' }]);
    assert.equal(a.stats.mode, 'relist');
    fs.remove('Dockerfile');
    await step([{ path: 'Dockerfile', type: 'deleted' }]);
    fs.remove('deploy/pod.yaml');
    fs.remove('deploy/other.yaml');
    await step([{ path: 'deploy', type: 'deleted' }]);
    fs.write('build/Dockerfile', DOCKERFILE);
    await step([{ path: 'build/Dockerfile', type: 'created' }]);
    fs.write('.gitignore', '');
    await step([{ path: '.gitignore', type: 'changed' }]);
    assert.ok(a.report.files.some((f) => f.path === 'build/Dockerfile'), 'un-ignored file is now read');
    fs.write('.kamae.yaml', 'profile: strict\nrules:\n  docker/root-user: off\n');
    await step([{ path: '.kamae.yaml', type: 'created' }]);
    assert.equal(a.stats.mode, 'full');
    // The attestations folder created, then deleted as a whole (one event for the folder).
    fs.write('.kamae/attestations.yaml', 'attestations:\n  - requirement: "4-1"\n    owner: CISO\n    evidence: docs/x.md\n    date: 2026-01-01\n');
    await step([{ path: '.kamae', type: 'created' }]);
    assert.equal(a.report.attestations.length, 1);
    fs.remove('.kamae/attestations.yaml');
    await step([{ path: '.kamae', type: 'deleted' }]);
    assert.equal(a.report.attestations.length, 0);
  });

  it('reports a syntax error as not evaluated, with its line, and recovers', async () => {
    const fs = repo();
    const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
    fs.write('.github/workflows/ci.yml', 'on: [push\njobs:\n');
    await a.update([{ path: '.github/workflows/ci.yml', type: 'changed' }]);
    await expectSame(a, fs);
    const file = a.report.files.find((f) => f.path === '.github/workflows/ci.yml');
    assert.equal(file?.status, 'not-evaluated');
    assert.equal(typeof file?.line, 'number');
    fs.write('.github/workflows/ci.yml', WORKFLOW);
    await a.update([{ path: '.github/workflows/ci.yml', type: 'changed' }]);
    await expectSame(a, fs);
  });

  it('follows a file whose content decides its kind (a Kubernetes manifest that stops being one)', async () => {
    const fs = repo();
    const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
    fs.write('deploy/pod.yaml', 'just: yaml\n');
    await a.update([{ path: 'deploy/pod.yaml', type: 'changed' }]);
    await expectSame(a, fs);
  });

  it('reconfigures with new options', async () => {
    const fs = repo();
    const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
    const strict: AnalyzeOptions = { ...OPTIONS, profile: 'strict', ruleOverrides: { 'docker/latest-base-image': { enabled: false } } };
    await a.reconfigure(strict);
    await expectSame(a, fs, strict);
  });

  it('matches a full analysis after any sequence of edits (property)', async () => {
    const paths = ['.github/workflows/ci.yml', 'Dockerfile', 'deploy/pod.yaml', 'SECURITY.md', '.kamae.yaml', 'LICENSE', 'svc/Dockerfile'] as const;
    const contents: Record<(typeof paths)[number], string[]> = {
      '.github/workflows/ci.yml': [WORKFLOW, WORKFLOW_FIXED, 'on: [push\n', '# kamae-ignore github-actions/missing-permissions: reviewed\n' + WORKFLOW],
      Dockerfile: [DOCKERFILE, DOCKERFILE_OK, 'FROM\n'],
      'deploy/pod.yaml': [K8S, 'a: 1\n'],
      'SECURITY.md': ['mail security@example.com\n', ''],
      '.kamae.yaml': ['profile: strict\n', 'suppressions:\n  - rule: docker/root-user\n    reason: "<why>"\n', 'rules:\n  docker/latest-base-image: low\n'],
      LICENSE: ['Apache License 2.0\n'],
      'svc/Dockerfile': [DOCKERFILE],
    };
    const op = fc.record({ path: fc.constantFrom(...paths), pick: fc.nat(), remove: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const fs = repo();
        const a = await RepoAnalysis.create(sourceFromFs(fs), CATALOG, OPTIONS);
        for (const o of ops) {
          const existed = (await fs.readdir(o.path.includes('/') ? o.path.slice(0, o.path.lastIndexOf('/')) : '').catch(() => [])).some((e) => e.name === o.path.slice(o.path.lastIndexOf('/') + 1));
          if (o.remove) {
            if (!existed) continue;
            fs.remove(o.path);
            await a.update([{ path: o.path, type: 'deleted' }]);
          } else {
            const list = contents[o.path];
            fs.write(o.path, list[o.pick % list.length]!);
            await a.update([{ path: o.path, type: existed ? 'changed' : 'created' }]);
          }
          await expectSame(a, fs);
        }
      }),
      { numRuns: 25 },
    );
  });
});
