// Walks a repository through an FsLike: honours .gitignore files, skips dependency and build
// folders, never leaves the root through a symlink, survives link loops, and stops at hard limits.
import ignore, { type Ignore } from 'ignore';
import type { SkippedPath } from './model';
import type { FileSource, FsLike, Listing, SourceEntry } from './source';

/** Folders that hold other people's code or generated output; never part of the repository's own posture. */
export const DEFAULT_SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'jspm_packages', 'vendor', 'dist', 'coverage',
  '__pycache__', '.venv', 'venv', '.tox', '.terraform', '.gradle', '.next', '.nuxt', '.svelte-kit', '.turbo',
  '.cache', '.yarn', '.pnpm-store',
]);

export interface WalkOptions {
  /** Extra gitignore-style patterns from .kamae.yaml `ignore:`. */
  readonly ignore?: readonly string[];
  readonly maxFiles?: number;
  readonly maxDepth?: number;
}
export const DEFAULT_MAX_FILES = 200_000;
export const DEFAULT_MAX_DEPTH = 48;
const MAX_GITIGNORE_BYTES = 1 << 20;

interface Scope {
  readonly base: string;
  readonly ig: Ignore;
}

export async function walk(fs: FsLike, options: WalkOptions = {}): Promise<Listing> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const files: SourceEntry[] = [];
  const skipped: SkippedPath[] = [];
  const visitedDirs = new Set<string>();
  const configIgnore = options.ignore && options.ignore.length > 0 ? ignore().add(options.ignore.join('\n')) : undefined;
  let stopped = false;

  const isIgnored = (scopes: readonly Scope[], path: string, isDir: boolean): boolean => {
    if (configIgnore && configIgnore.ignores(isDir ? `${path}/` : path)) return true;
    // The deepest .gitignore with an opinion wins, as in git.
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i]!;
      const rel = s.base === '' ? path : path.slice(s.base.length + 1);
      const r = s.ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  };

  const readIgnoreFile = async (path: string): Promise<string | undefined> => {
    try {
      const size = await fs.size(path);
      if (size > MAX_GITIGNORE_BYTES) {
        skipped.push({ path, reason: { en: 'ignore file is over 1 MB and was not read', ja: '1 MB を超える ignore ファイルのため読み込みませんでした' } });
        return undefined;
      }
      return new TextDecoder().decode(await fs.readFile(path));
    } catch {
      return undefined;
    }
  };

  const visit = async (dir: string, realDir: string, scopes: readonly Scope[], depth: number): Promise<void> => {
    if (stopped) return;
    if (visitedDirs.has(realDir)) return; // a symlink loop, or a second link to the same folder
    visitedDirs.add(realDir);
    if (depth > maxDepth) {
      skipped.push({ path: dir, reason: { en: `folder is nested deeper than ${maxDepth} levels`, ja: `${maxDepth} 階層より深いフォルダのため走査しませんでした` } });
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(dir);
    } catch (e) {
      skipped.push({ path: dir || '.', reason: { en: `folder could not be read: ${errorText(e)}`, ja: `フォルダを読み込めませんでした: ${errorText(e)}` } });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let here = scopes;
    const join = (name: string) => (dir === '' ? name : `${dir}/${name}`);
    const rules: string[] = [];
    if (entries.some((e) => e.name === '.gitignore' && e.type === 'file')) {
      const text = await readIgnoreFile(join('.gitignore'));
      if (text !== undefined) rules.push(text);
    }
    if (dir === '' && entries.some((e) => e.name === '.git' && e.type === 'dir')) {
      const text = await readIgnoreFile('.git/info/exclude').catch(() => undefined);
      if (text !== undefined) rules.unshift(text);
    }
    // One string: `ignore` splits a string into lines, but takes each array item as a single pattern.
    if (rules.length > 0) here = [...scopes, { base: dir, ig: ignore().add(rules.join('\n')) }];

    for (const entry of entries) {
      if (stopped) return;
      const path = join(entry.name);
      let type = entry.type;
      let real = realDir === '' ? entry.name : `${realDir}/${entry.name}`;
      if (type === 'symlink') {
        const target = await fs.resolveLink(path).catch(() => ({ broken: true }) as const);
        if ('broken' in target) continue; // dangling or looping link: nothing to read
        if (!target.inside) {
          skipped.push({ path, reason: { en: 'symbolic link points outside the repository', ja: 'シンボリックリンクがリポジトリの外を指しています' } });
          continue;
        }
        type = target.type;
        real = target.realPath;
      }
      if (type === 'dir') {
        if (DEFAULT_SKIPPED_DIRS.has(entry.name)) continue;
        if (isIgnored(here, path, true)) continue;
        await visit(path, real, here, depth + 1);
      } else if (type === 'file') {
        if (isIgnored(here, path, false)) continue;
        if (files.length >= maxFiles) {
          stopped = true;
          skipped.push({ path, reason: { en: `file limit of ${maxFiles} reached; the rest of the repository was not read`, ja: `ファイル数の上限 ${maxFiles} に達したため、残りは読み込んでいません` } });
          return;
        }
        let size: number;
        try {
          size = await fs.size(path);
        } catch {
          continue;
        }
        files.push({ path, size });
      }
    }
  };

  await visit('', '', [], 0);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}

/** A FileSource over any FsLike, listing through the walker. */
export function sourceFromFs(fs: FsLike, options: WalkOptions = {}): FileSource {
  return {
    list: (extra) => walk(fs, { ...options, ignore: [...(options.ignore ?? []), ...(extra?.ignore ?? [])] }),
    read: (path, maxBytes) => fs.readFile(path, maxBytes),
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
