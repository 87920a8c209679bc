// A long-lived analysis of one repository that an editor keeps up to date file by file. It holds the
// state of the last scan (parsed models, findings per file) and, when files change, redoes only the
// steps those changes affect; the report it assembles is the one analyzeRepo would return for the
// same files (a test holds it to that).
import { ATTESTATION_FILES } from './attestations';
import type { Catalog } from './catalog';
import { CONFIG_FILES } from './config';
import { basename } from './detect';
import type { RepoReport } from './model';
import type { ParsedFile } from './ruleApi';
import {
  assemble,
  loadFile,
  parsedFiles,
  planFiles,
  pool,
  prepare,
  READ_CONCURRENCY,
  runFileRules,
  runRepoRules,
  sortedByPath,
  viewOf,
  type AnalyzeOptions,
  type FileRun,
  type LoadedFile,
  type ReadItem,
  type ScanState,
} from './runner';
import type { FileSource } from './source';
import { DEFAULT_SKIPPED_DIRS } from './walker';

export type FileChangeType = 'changed' | 'created' | 'deleted';
/** A change the editor saw: a buffer edit or a file-system event, by repository-relative POSIX path. */
export interface FileChange {
  readonly path: string;
  readonly type: FileChangeType;
}

/** What the last call did, for the adapter's logs and the latency script. */
export interface UpdateStats {
  /** full: configuration re-read, every file re-read; relist: the file list changed, every file rule re-ran; files: only changed files re-ran. */
  readonly mode: 'none' | 'files' | 'relist' | 'full';
  readonly filesRead: number;
  readonly filesChecked: number;
  readonly ms: number;
}

/**
 * Which changes cost what:
 * - content of a listed file: that file is re-read and re-parsed (unless its text is unchanged), its
 *   file rules re-run, then the repository rules re-run on the current models;
 * - a file created or deleted, or a .gitignore changed: the repository is listed again, new and
 *   changed files are read, and every file rule re-runs on the models it already has (a file check
 *   may look at the file list through ctx.repo);
 * - .kamae.yaml or .kamae/attestations.yaml, or new options: a full scan that still reuses the
 *   models of unchanged files.
 * A file check is not re-run when another file's content changes; checks that read across files
 * are repository checks.
 */
export class RepoAnalysis {
  private queue: Promise<unknown> = Promise.resolve();
  private lastStats: UpdateStats = { mode: 'full', filesRead: 0, filesChecked: 0, ms: 0 };

  private constructor(
    private readonly source: FileSource,
    private readonly catalog: Catalog,
    private options: AnalyzeOptions,
    private state: ScanState,
    private current: RepoReport,
  ) {}

  /** A full scan. `previous` lends the models of files whose text has not changed. */
  static async create(source: FileSource, catalog: Catalog, options: AnalyzeOptions, previous?: RepoAnalysis): Promise<RepoAnalysis> {
    const started = now();
    const { state, filesRead } = await fullScan(source, catalog, options, previous?.state);
    const analysis = new RepoAnalysis(source, catalog, options, state, assemble(catalog, options, state));
    analysis.lastStats = { mode: 'full', filesRead, filesChecked: state.runs.size, ms: now() - started };
    return analysis;
  }

  get report(): RepoReport {
    return this.current;
  }
  get analyzeOptions(): AnalyzeOptions {
    return this.options;
  }
  get stats(): UpdateStats {
    return this.lastStats;
  }
  /** Every listed path, sorted (the adapter uses it to tell new files from edits). */
  get paths(): readonly string[] {
    return this.state.listing.files.map((f) => f.path);
  }

  /**
   * Applies changes and returns the new report; the same object when nothing Kamae reads changed.
   * Calls are serialised, so an adapter may call this from any event without its own locking.
   */
  update(changes: readonly FileChange[]): Promise<RepoReport> {
    return this.serial(() => this.apply(changes));
  }

  /** New options (editor settings, a new day for expiry dates): a full scan reusing unchanged models. */
  reconfigure(options: AnalyzeOptions): Promise<RepoReport> {
    return this.serial(async () => {
      this.options = options;
      await this.rescan();
      return this.current;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rescan(): Promise<void> {
    const started = now();
    const { state, filesRead } = await fullScan(this.source, this.catalog, this.options, this.state);
    this.state = state;
    this.current = assemble(this.catalog, this.options, state);
    this.lastStats = { mode: 'full', filesRead, filesChecked: state.runs.size, ms: now() - started };
  }

  private async apply(changes: readonly FileChange[]): Promise<RepoReport> {
    const started = now();
    const relevant = changes.map((c) => ({ ...c, path: normalise(c.path) })).filter((c) => c.path !== '' && !inSkippedDir(c.path));
    if (relevant.length === 0) {
      this.lastStats = { mode: 'none', filesRead: 0, filesChecked: 0, ms: now() - started };
      return this.current;
    }
    if (relevant.some((c) => isConfigPath(c.path) || (c.type !== 'changed' && holdsConfig(c.path)))) {
      await this.rescan();
      return this.current;
    }
    const st = this.state;
    const listed = new Set(st.listing.files.map((f) => f.path));
    const dirty = new Set<string>();
    let relist = false;
    for (const c of relevant) {
      if (basename(c.path) === '.gitignore' || c.path === '.git/info/exclude') relist = true;
      else if (c.type === 'changed') {
        if (listed.has(c.path)) dirty.add(c.path);
      } else if (c.type === 'created') {
        if (listed.has(c.path)) dirty.add(c.path);
        else relist = true;
      } else if (listed.has(c.path) || st.listing.files.some((f) => f.path.startsWith(`${c.path}/`))) relist = true; // a file, or a folder of files
    }
    if (!relist && dirty.size === 0) {
      this.lastStats = { mode: 'none', filesRead: 0, filesChecked: 0, ms: now() - started };
      return this.current;
    }

    const { setup } = st;
    const listing = relist ? await this.source.list({ ignore: setup.config.ignore }) : st.listing;
    const plan = relist ? planFiles(listing, setup) : st.plan;
    // Read what is new, what changed, and what the new plan reads differently (a kind that changed).
    const loaded = new Map<string, LoadedFile>();
    const toRead: ReadItem[] = [];
    for (const [path, item] of plan.items) {
      const before = st.plan.items.get(path);
      const prev = st.loaded.get(path);
      if (prev && before && !dirty.has(path) && sameVerdict(before, item)) loaded.set(path, prev);
      else toRead.push(item);
    }
    await pool(toRead, READ_CONCURRENCY, async (item) => {
      const prev = st.loaded.get(item.entry.path);
      const before = st.plan.items.get(item.entry.path);
      loaded.set(item.entry.path, await loadFile(this.source, item, setup.maxBytes, before && sameVerdict(before, item) ? prev : undefined));
    });
    const changedModels = [...loaded].filter(([path, l]) => st.loaded.get(path) !== l).map(([path]) => path);
    if (!relist && changedModels.length === 0) {
      this.lastStats = { mode: 'none', filesRead: toRead.length, filesChecked: 0, ms: now() - started };
      return this.current;
    }

    const parsed = parsedFiles(setup, loaded);
    const view = viewOf(listing, plan, loaded, parsed);
    const runs = new Map<string, FileRun>();
    let checked = 0;
    const rerun = new Set(changedModels);
    for (const file of sortedByPath(parsed.values())) {
      const prev = st.runs.get(file.path);
      if (!relist && prev && !rerun.has(file.path)) runs.set(file.path, prev);
      else {
        runs.set(file.path, runFileRules(setup, file, view, parsed));
        checked++;
      }
    }
    const repoRun = runRepoRules(setup, view, parsed);
    this.state = { setup, listing, plan, loaded, parsed, runs, repoRun };
    this.current = assemble(this.catalog, this.options, this.state);
    this.lastStats = { mode: relist ? 'relist' : 'files', filesRead: toRead.length, filesChecked: checked, ms: now() - started };
    return this.current;
  }
}

async function fullScan(source: FileSource, catalog: Catalog, options: AnalyzeOptions, previous?: ScanState): Promise<{ state: ScanState; filesRead: number }> {
  const setup = await prepare(source, catalog, options);
  const listing = await source.list({ ignore: setup.config.ignore });
  const plan = planFiles(listing, setup);
  const loaded = new Map<string, LoadedFile>();
  const items = [...plan.items.values()];
  await pool(items, READ_CONCURRENCY, async (item) => {
    const before = previous?.plan.items.get(item.entry.path);
    const prev = before && sameVerdict(before, item) ? previous?.loaded.get(item.entry.path) : undefined;
    loaded.set(item.entry.path, await loadFile(source, item, setup.maxBytes, prev));
  });
  const parsed = parsedFiles(setup, loaded);
  const view = viewOf(listing, plan, loaded, parsed);
  const runs = new Map<string, FileRun>();
  for (const file of sortedByPath<ParsedFile>(parsed.values())) runs.set(file.path, runFileRules(setup, file, view, parsed));
  const repoRun = runRepoRules(setup, view, parsed);
  return { state: { setup, listing, plan, loaded, parsed, runs, repoRun }, filesRead: items.length };
}

function sameVerdict(a: ReadItem, b: ReadItem): boolean {
  return a.kind === b.kind && a.sniff === b.sniff;
}

/** Files read before everything else (they decide which rules run and how requirements read). */
function isConfigPath(path: string): boolean {
  return (CONFIG_FILES as readonly string[]).includes(path) || (ATTESTATION_FILES as readonly string[]).includes(path);
}

/** A folder created or deleted as a whole (.kamae) may hold the attestations file. */
function holdsConfig(path: string): boolean {
  return [...CONFIG_FILES, ...ATTESTATION_FILES].some((f) => f.startsWith(`${path}/`));
}

/** Dependency and build folders are never listed, so changes inside them cannot matter. */
function inSkippedDir(path: string): boolean {
  const parts = path.split('/');
  return parts.slice(0, -1).some((p) => DEFAULT_SKIPPED_DIRS.has(p));
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
