// The real file system as an FsLike rooted at a repository. Read-only: nothing here writes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, FsLike, LinkTarget } from '../engine';

export function diskFs(root: string): FsLike {
  const absRoot = path.resolve(root);
  // Judge links against the root's real path, so a repository reached through a symlink still works.
  let realRoot: string | undefined;
  const getRealRoot = async () => (realRoot ??= await fs.promises.realpath(absRoot));
  const abs = (p: string) => (p === '' ? absRoot : path.join(absRoot, ...p.split('/')));
  return {
    async readdir(dir: string): Promise<DirEntry[]> {
      const entries = await fs.promises.readdir(abs(dir), { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, type: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other' }));
    },
    async size(p: string): Promise<number> {
      return (await fs.promises.stat(abs(p))).size;
    },
    async readFile(p: string, maxBytes?: number): Promise<Uint8Array> {
      if (maxBytes === undefined) return fs.promises.readFile(abs(p));
      const handle = await fs.promises.open(abs(p), 'r');
      try {
        const size = (await handle.stat()).size;
        const want = Math.min(size, maxBytes);
        const buf = Buffer.alloc(want);
        let off = 0;
        while (off < want) {
          const { bytesRead } = await handle.read(buf, off, want - off, off);
          if (bytesRead === 0) break;
          off += bytesRead;
        }
        return buf.subarray(0, off);
      } finally {
        await handle.close();
      }
    },
    async resolveLink(p: string): Promise<LinkTarget> {
      let real: string;
      try {
        real = await fs.promises.realpath(abs(p));
      } catch {
        return { broken: true }; // dangling, or a loop (ELOOP)
      }
      const rr = await getRealRoot();
      const rel = path.relative(rr, real);
      if (rel === '') return { inside: true, realPath: '', type: 'dir' }; // a link back to the root: a loop the walker skips
      if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { inside: false };
      const st = await fs.promises.stat(real);
      if (!st.isFile() && !st.isDirectory()) return { broken: true };
      return { inside: true, realPath: rel.split(path.sep).join('/'), type: st.isDirectory() ? 'dir' : 'file' };
    },
  };
}
