// The extension-host test entry (extensionTestsPath): the contract of @vscode/test-electron's
// runTests, also honoured by code-server's smoke-test driver. Exports run(), which rejects on failure.
// The remote extension host's console goes to VS Code's log, not a terminal, so mocha's report is
// also written to $E2E_TEST_OUTPUT, and the counts to $E2E_TEST_OUTPUT.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const out = process.env.E2E_TEST_OUTPUT;
  const Base = Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  const original = Base.consoleLog;
  if (out) {
    fs.writeFileSync(out, '');
    Base.consoleLog = (...a: unknown[]) => {
      fs.appendFileSync(out, `${util.format(...a)}\n`);
      original(...a);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 120000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  try {
    const stats = await new Promise<Mocha.Stats>((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats!));
    });
    if (out) fs.writeFileSync(`${out}.json`, JSON.stringify({ passed: stats.passes, failed: stats.failures }));
    if (stats.failures > 0) throw new Error(`${stats.failures} extension-host tests failed`);
  } finally {
    Base.consoleLog = original;
  }
}
