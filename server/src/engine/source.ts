// The engine's only window on a repository: a FileSource lists paths and reads bytes.
// Disk access lives in the adapters (server/src/node/diskFs.ts); MemoryFs serves tests and open editors.
import type { SkippedPath } from './model';

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';
export interface DirEntry {
  readonly name: string;
  readonly type: EntryType;
}
/** Where a symbolic link leads, judged against the repository root. */
export type LinkTarget =
  | { readonly inside: true; readonly realPath: string; readonly type: 'file' | 'dir' }
  | { readonly inside: false }
  | { readonly broken: true };

/**
 * A read-only file system rooted at the repository. Paths are POSIX and relative to the root
 * ('' is the root itself). Implementations never write.
 */
export interface FsLike {
  readdir(dir: string): Promise<DirEntry[]>;
  /** Size in bytes of a regular file (following nothing). */
  size(path: string): Promise<number>;
  /** Reads at most `maxBytes` bytes; callers pass a limit so huge files are never loaded whole. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  resolveLink(path: string): Promise<LinkTarget>;
}

export interface SourceEntry {
  readonly path: string;
  readonly size: number;
}
export interface Listing {
  readonly files: readonly SourceEntry[];
  readonly skipped: readonly SkippedPath[];
}

/** What analyzeRepo reads from. `read` may return text directly (an open editor buffer). */
export interface FileSource {
  /** Lists the repository's files; `ignore` adds gitignore-style patterns (from .kamae.yaml). */
  list(options?: { readonly ignore?: readonly string[] }): Promise<Listing>;
  read(path: string, maxBytes?: number): Promise<Uint8Array | string>;
}

/** An in-memory file system, for tests and for overlaying unsaved editor buffers. */
export class MemoryFs implements FsLike {
  private readonly files = new Map<string, Uint8Array>();
  private readonly links = new Map<string, string>();
  constructor(files: Readonly<Record<string, string | Uint8Array>> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }
  write(path: string, content: string | Uint8Array): void {
    this.files.set(normalise(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  /** Deletes a file or link (tests of file-system changes). */
  remove(path: string): void {
    this.files.delete(normalise(path));
    this.links.delete(normalise(path));
  }
  /** Adds a symbolic link at `path` pointing to `target` (a root-relative path, or '../x' to leave the root). */
  link(path: string, target: string): void {
    this.links.set(normalise(path), target);
  }
  readdir(dir: string): Promise<DirEntry[]> {
    const prefix = dir === '' ? '' : `${dir}/`;
    const out = new Map<string, EntryType>();
    for (const p of [...this.files.keys(), ...this.links.keys()]) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (slash >= 0) out.set(name, 'dir');
      else out.set(name, this.links.has(p) ? 'symlink' : 'file');
    }
    return Promise.resolve([...out].map(([name, type]) => ({ name, type })));
  }
  size(path: string): Promise<number> {
    return later(() => this.get(path).length);
  }
  readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    return later(() => {
      const data = this.get(path);
      return maxBytes !== undefined && data.length > maxBytes ? data.subarray(0, maxBytes) : data;
    });
  }
  resolveLink(path: string): Promise<LinkTarget> {
    return later(() => this.resolveLinkNow(path));
  }
  private resolveLinkNow(path: string): LinkTarget {
    const seen = new Set<string>();
    let current = path;
    for (;;) {
      const target = this.links.get(current);
      if (target === undefined) break;
      if (seen.has(current)) return { broken: true };
      seen.add(current);
      const base = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
      const resolved = resolvePosix(base, target);
      if (resolved === null) return { inside: false };
      current = resolved;
    }
    if (this.files.has(current)) return { inside: true, realPath: current, type: 'file' };
    const asDir = `${current}/`;
    for (const p of [...this.files.keys(), ...this.links.keys()]) if (p.startsWith(asDir)) return { inside: true, realPath: current, type: 'dir' };
    return { broken: true };
  }
  private get(path: string): Uint8Array {
    const data = this.files.get(normalise(path));
    if (!data) throw new Error(`no such file: ${path}`);
    return data;
  }
}

/** Runs `f` and settles a promise with its result or its exception, as a real file system would. */
function later<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** Joins a root-relative base with a relative target; null when the result leaves the root. */
export function resolvePosix(base: string, target: string): string | null {
  if (target.startsWith('/')) return null;
  const parts = base === '' ? [] : base.split('/');
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * A FileSource whose listed files can be replaced or added by in-memory text: unsaved editor
 * buffers, or the result of fixes not yet written.
 */
export function overlaySource(base: FileSource, overlay: ReadonlyMap<string, string>): FileSource {
  return {
    async list(options) {
      const listing = await base.list(options);
      const known = new Set(listing.files.map((f) => f.path));
      const added = [...overlay.keys()].filter((p) => !known.has(p)).map((path) => ({ path, size: overlay.get(path)!.length }));
      const files = listing.files.map((f) => (overlay.has(f.path) ? { path: f.path, size: overlay.get(f.path)!.length } : f));
      return { files: [...files, ...added].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), skipped: listing.skipped };
    },
    read(path, maxBytes) {
      const text = overlay.get(path);
      return text !== undefined ? Promise.resolve(text) : base.read(path, maxBytes);
    },
  };
}
