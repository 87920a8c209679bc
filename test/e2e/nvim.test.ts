// Neovim (Debian's 0.7, headless) as a second, independent LSP client: started on the fixture
// repository, it must receive the same diagnostics (rule ids and lines) as the protocol client for
// the workflow and the Dockerfile. Run by `npm run test:e2e` (needs nvim), not by the unit suite.
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../../server/src/lsp/uri';
import { LspClient, ROOT, SERVER } from '../helpers/lspClient';

const SCRIPT = path.join(ROOT, 'test/e2e/nvim/lsp-diagnostics.sh');
interface NvimDiagnostic {
  code?: string;
  range: { start: { line: number } };
}

/** Runs Neovim on one file of `repo` and returns `rule@line` for what it received. */
function viaNeovim(repo: string, rel: string, languageId: string): Promise<string[]> {
  const out = path.join(repo, `.nvim-${path.basename(rel)}.json`);
  return new Promise((resolve, reject) => {
    const child = cp.spawn('bash', [SCRIPT, path.join(repo, rel), out, '--', process.execPath, SERVER, '--stdio'], {
      env: { ...process.env, LSP_ROOT: repo, LSP_LANGUAGE_ID: languageId, LSP_TIMEOUT_MS: '30000' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`nvim exited with ${code} (0 = diagnostics received, 2 = none, 3 = server did not start)`));
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { diagnostics: NvimDiagnostic[]; serverInfo?: { name?: string } };
      fs.rmSync(out);
      assert.equal(result.serverInfo?.name, 'kamae');
      resolve(result.diagnostics.map((d) => `${d.code ?? '-'}@${d.range.start.line}`).sort());
    });
  });
}

/** The same file through the protocol client (as test/lsp.test.ts speaks to the server). */
async function viaProtocol(repo: string, rel: string, languageId: string): Promise<string[]> {
  const client = LspClient.start();
  try {
    await client.initialize([{ uri: pathToUri(repo), name: 'e2e-repo' }]);
    const uri = pathToUri(path.join(repo, ...rel.split('/')));
    await client.open(uri, fs.readFileSync(path.join(repo, rel), 'utf8'), languageId, 1);
    // Opening a file with the text on disk publishes nothing new: the diagnostics are those of the scan.
    const p = await client.diagnosticsFor(uri);
    return p.diagnostics.map((d) => `${String(d.code ?? '-')}@${d.range.start.line}`).sort();
  } finally {
    await client.stop();
  }
}

describe('Neovim as a second LSP client', function () {
  this.timeout(90000);
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-nvim-'));
    fs.cpSync(path.join(ROOT, 'test/fixtures/e2e-repo'), repo, { recursive: true });
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  for (const [rel, languageId, expected] of [
    ['.github/workflows/ci.yml', 'yaml', ['github-actions/missing-permissions@1', 'github-actions/missing-permissions@5', 'github-actions/template-injection@10', 'github-actions/unpinned-action-ref@8']],
    ['Dockerfile', 'dockerfile', ['docker/latest-base-image@0', 'docker/root-user@0']],
  ] as const) {
    it(`receives the same diagnostics as the protocol client for ${rel}`, async () => {
      const protocol = await viaProtocol(repo, rel, languageId);
      const nvim = await viaNeovim(repo, rel, languageId);
      console.log(`      nvim: ${nvim.join(', ')}`);
      assert.deepEqual(nvim, protocol);
      for (const c of expected) assert.ok(nvim.includes(c), `${c} is among what Neovim received`);
    });
  }
});
