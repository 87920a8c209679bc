// The walker on real directories: .gitignore (nested, negated), skipped folders, symlinks that
// leave the root, symlink loops, and the file limit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryFs, walk } from '../../server/src/engine';
import { diskFs } from '../../server/src/node/diskFs';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-walk-'));
  for (const [p, c] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), c);
  }
  return root;
}

describe('walker', () => {
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));
  const make = (files: Record<string, string>) => {
    const r = tree(files);
    roots.push(r);
    return r;
  };

  it('honours nested .gitignore files with negation, and skips dependency and build folders', async () => {
    const root = make({
      '.gitignore': '*.log\nbuild-out/\n!keep.log\n',
      'a.log': '',
      'keep.log': '',
      'src/x.ts': '',
      'src/.gitignore': 'generated.ts\n',
      'src/generated.ts': '',
      'build-out/package.json': '',
      'node_modules/p/package.json': '',
      'vendor/v/go.mod': '',
      'dist/package.json': '',
      '.git/config': '',
      '.github/workflows/ci.yml': '',
    });
    const { files } = await walk(diskFs(root));
    assert.deepEqual(files.map((f) => f.path), ['.github/workflows/ci.yml', '.gitignore', 'keep.log', 'src/.gitignore', 'src/x.ts']);
  });

  it('adds .kamae.yaml ignore patterns', async () => {
    const root = make({ 'legacy/a.txt': '', 'b.txt': '' });
    const { files } = await walk(diskFs(root), { ignore: ['legacy/'] });
    assert.deepEqual(files.map((f) => f.path), ['b.txt']);
  });

  it('never follows a symlink out of the root, records it, and survives loops', async function () {
    const outside = make({ 'secret.txt': 'outside' });
    const root = make({ 'inside/real.txt': 'x' });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'));
    fs.symlinkSync(outside, path.join(root, 'escape-dir'));
    fs.symlinkSync(root, path.join(root, 'inside', 'loop'));
    fs.symlinkSync('../inside', path.join(root, 'inside', 'self'));
    fs.symlinkSync('a-missing-target', path.join(root, 'dangling'));
    fs.symlinkSync('ping', path.join(root, 'pong'));
    fs.symlinkSync('pong', path.join(root, 'ping'));
    fs.symlinkSync('inside/real.txt', path.join(root, 'alias.txt'));
    const { files, skipped } = await walk(diskFs(root));
    assert.deepEqual(files.map((f) => f.path), ['alias.txt', 'inside/real.txt']);
    assert.deepEqual(skipped.map((s) => [s.path, s.reason.en]), [
      ['escape-dir', 'symbolic link points outside the repository'],
      ['escape.txt', 'symbolic link points outside the repository'],
    ]);
  });

  it('stops at the file limit and says so', async () => {
    const mem = new MemoryFs(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, ''])));
    const { files, skipped } = await walk(mem, { maxFiles: 5 });
    assert.equal(files.length, 5);
    assert.match(skipped[0]!.reason.en, /file limit of 5 reached/);
  });

  it('stops at the depth limit and says so', async () => {
    const deep = `${Array.from({ length: 10 }, (_, i) => `d${i}`).join('/')}/f.txt`;
    const { files, skipped } = await walk(new MemoryFs({ [deep]: '', 'top.txt': '' }), { maxDepth: 4 });
    assert.deepEqual(files.map((f) => f.path), ['top.txt']);
    assert.match(skipped[0]!.reason.en, /deeper than 4 levels/);
  });

  it('treats MemoryFs links the same way', async () => {
    const mem = new MemoryFs({ 'a/x.txt': '' });
    mem.link('out', '../elsewhere');
    mem.link('a/loop', '..');
    const { files, skipped } = await walk(mem);
    assert.deepEqual(files.map((f) => f.path), ['a/x.txt']);
    assert.deepEqual(skipped.map((s) => s.path), ['out']);
  });
});
