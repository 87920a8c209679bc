// inventoryFromRepo: list -> detect -> read -> parse the lockfiles and manifests -> one LockGraph per
// lockfile -> merged Inventory. Uses the same FileSource, walker, detector and parsers as analyzeRepo,
// and the same .kamae.yaml (`ignore`, `limits.maxFileSizeMB`, `sbom.author`, `sbom.supplier`).
import { CONFIG_FILES, EMPTY_CONFIG, loadConfig, type KamaeConfig } from '../config';
import { basename, detectByPath, dirname, pathContext, type FileKind } from '../detect';
import type { Text } from '../model';
import { parseGoMod, type GoModModel } from '../parsers/gomod';
import { parseJsonData } from '../parsers/json';
import { parseRequirements, type RequirementsModel } from '../parsers/requirements';
import { parseToml } from '../parsers/toml';
import type { ParseOutcome } from '../parsers/types';
import { parseYaml } from '../parsers/yaml';
import { parseYarnLock, type YarnLockModel } from '../parsers/yarnlock';
import { DEFAULT_MAX_FILE_MB, readFirst, readText } from '../runner';
import type { FileSource, SourceEntry } from '../source';
import { LineIndex } from '../text';
import { parseGoSum, readGoModule } from './go';
import { InventoryBuilder, type ProjectInfo } from './merge';
import type { Hash, Inventory, InventoryFile, LockGraph } from './model';
import { readNpmLock } from './npm';
import { readPnpmLock } from './pnpm';
import { readPipfileLock, readPoetryLock, readRequirements, readUvLock } from './python';
import { licenseText, obj, str, type Obj, type ReaderContext } from './util';
import { readYarnLock } from './yarn';

export interface InventoryOptions {
  /** The root component's name when the root has no manifest naming it (the adapter passes the folder name). */
  readonly rootName: string;
}

/** Folders whose lockfiles are test inputs, not part of what the repository ships. */
const TEST_INPUT_DIR = /(^|\/)(testdata|fixtures|__fixtures__|test-fixtures)\//;
const WANTED: ReadonlySet<FileKind> = new Set<FileKind>(['package-json', 'npm-lockfile', 'yarn-lock', 'pnpm-lock', 'requirements-txt', 'pyproject', 'pipfile', 'python-lock', 'go-mod', 'go-sum']);
const READ_CONCURRENCY = 8;

type Parsed =
  | { kind: 'json'; data: unknown }
  | { kind: 'toml'; data: Obj }
  | { kind: 'yarn'; model: YarnLockModel }
  | { kind: 'requirements'; model: RequirementsModel }
  | { kind: 'gomod'; model: GoModModel }
  | { kind: 'gosum'; sums: Map<string, Hash> };

export async function inventoryFromRepo(source: FileSource, options: InventoryOptions): Promise<Inventory> {
  const config = await readConfig(source);
  const listing = await source.list({ ignore: config.ignore });
  const maxBytes = Math.round((config.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB) * 1024 * 1024);
  const ctxPaths = pathContext(listing.files.map((f) => f.path));
  const files: InventoryFile[] = [];
  const notes: Text[] = [];

  const toRead: { entry: SourceEntry; kind: FileKind }[] = [];
  for (const entry of listing.files) {
    const verdict = detectByPath(entry.path, ctxPaths);
    if (!verdict || !('kind' in verdict) || !WANTED.has(verdict.kind)) continue;
    if (TEST_INPUT_DIR.test(entry.path)) continue;
    const name = basename(entry.path);
    if (verdict.kind === 'requirements-txt' && /^constraints/i.test(name)) continue; // constraints install nothing
    if (verdict.kind === 'python-lock' && name === 'pdm.lock') {
      files.push({ path: entry.path, status: 'skipped', reason: { en: 'pdm.lock is not read yet', ja: 'pdm.lock にはまだ対応していません' } });
      continue;
    }
    toRead.push({ entry, kind: verdict.kind });
  }
  // npm reads npm-shrinkwrap.json instead of package-lock.json when a folder has both.
  const shrinkwrapDirs = new Set(toRead.filter((r) => basename(r.entry.path) === 'npm-shrinkwrap.json').map((r) => dirname(r.entry.path)));
  const readParsed = async (entry: SourceEntry, kind: FileKind, listed: boolean): Promise<Parsed | undefined> => {
    const res = await readText(source, entry, maxBytes);
    const outcome = 'reason' in res ? res : parseFile(kind, entry.path, res.text);
    if ('reason' in outcome) {
      files.push({ path: entry.path, status: 'not-evaluated', reason: outcome.reason });
      return undefined;
    }
    if (listed) files.push({ path: entry.path, status: 'evaluated' });
    return outcome.model;
  };

  // 1. Manifests (small): names, versions and direct dependencies of the repository's folders.
  const parsed = new Map<string, Parsed>();
  const isManifest = (kind: FileKind) => kind === 'package-json' || kind === 'pyproject' || kind === 'pipfile' || kind === 'go-sum' || kind === 'go-mod';
  await pool(
    toRead.filter((r) => isManifest(r.kind)),
    READ_CONCURRENCY,
    async ({ entry, kind }) => {
      const p = await readParsed(entry, kind, kind === 'go-mod');
      if (p) parsed.set(entry.path, p);
    },
  );
  const data = (path: string): unknown => {
    const p = parsed.get(path);
    return p && (p.kind === 'json' || p.kind === 'toml') ? p.data : undefined;
  };
  const at = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
  const packageDirs = [...parsed].filter(([path, p]) => p.kind === 'json' && basename(path) === 'package.json').map(([path]) => dirname(path));
  const context = (path: string): ReaderContext => ({
    path,
    dir: dirname(path),
    manifest: (dir) => obj(data(at(dir, 'package.json'))),
    toml: (p) => obj(data(p)),
    packageDirs,
  });

  const projectInfo = (dir: string): ProjectInfo | undefined => {
    const pkg = obj(data(at(dir, 'package.json')));
    const pkgName = str(pkg?.name);
    if (pkg && pkgName) return { name: pkgName, ecosystem: 'npm', version: str(pkg.version), private: pkg.private === true, license: licenseText(pkg.license) };
    const py = obj(data(at(dir, 'pyproject.toml')));
    const pep621 = obj(py?.project);
    const poetry = obj(obj(py?.tool)?.poetry);
    const pyName = str(pep621?.name) ?? str(poetry?.name);
    // PEP 621 `license` is an SPDX expression (PEP 639) or a table { text } / { file }.
    const pyLicense = str(pep621?.license) ?? str(obj(pep621?.license)?.text) ?? str(poetry?.license);
    if (pyName) return { name: pyName, ecosystem: 'pypi', version: str(pep621?.version) ?? str(poetry?.version), license: pyLicense?.trim() || undefined };
    const mod = parsed.get(at(dir, 'go.mod'));
    if (mod?.kind === 'gomod' && mod.model.module) return { name: mod.model.module, ecosystem: 'golang' };
    return undefined;
  };
  const builder = new InventoryBuilder({
    rootName: options.rootName,
    projectInfo,
    ...(config.sbom?.author?.trim() ? { author: config.sbom.author.trim() } : {}),
    ...(config.sbom?.supplier?.trim() ? { supplier: config.sbom.supplier.trim() } : {}),
  });

  // 2. Lockfiles, one at a time in path order: each is parsed, read into a graph, merged and dropped,
  // so a monorepo's lockfiles are never all in memory at once.
  let graphs = 0;
  const sources = toRead.filter((r) => !isManifest(r.kind) || r.kind === 'go-mod').sort((a, b) => (a.entry.path < b.entry.path ? -1 : 1));
  for (const { entry, kind } of sources) {
    const path = entry.path;
    if (kind === 'npm-lockfile' && basename(path) === 'package-lock.json' && shrinkwrapDirs.has(dirname(path))) {
      files.push({ path, status: 'skipped', reason: { en: 'npm-shrinkwrap.json in the same folder takes precedence', ja: '同じフォルダの npm-shrinkwrap.json が優先されます' } });
      continue;
    }
    const value = kind === 'go-mod' ? parsed.get(path) : await readParsed(entry, kind, true);
    if (!value) continue;
    const ctx = context(path);
    const name = basename(path);
    let graph: LockGraph | undefined;
    try {
      if (kind === 'npm-lockfile' && value.kind === 'json') graph = readNpmLock(ctx, value.data);
      else if (kind === 'yarn-lock' && value.kind === 'yarn') graph = readYarnLock(ctx, value.model);
      else if (kind === 'pnpm-lock' && value.kind === 'json') graph = readPnpmLock(ctx, value.data);
      else if (kind === 'python-lock' && value.kind === 'toml' && name === 'poetry.lock') graph = readPoetryLock(ctx, value.data, ctx.toml(at(ctx.dir, 'pyproject.toml')));
      else if (kind === 'python-lock' && value.kind === 'toml' && name === 'uv.lock') graph = readUvLock(ctx, value.data);
      else if (kind === 'python-lock' && value.kind === 'json') graph = readPipfileLock(ctx, obj(value.data) ?? {}, ctx.toml(at(ctx.dir, 'Pipfile')));
      else if (kind === 'requirements-txt' && value.kind === 'requirements') {
        // requirements/<name>.txt belongs to the folder above.
        const projectDir = basename(ctx.dir) === 'requirements' ? dirname(ctx.dir) : ctx.dir;
        graph = readRequirements(ctx, value.model, projectDir);
      } else if (kind === 'go-mod' && value.kind === 'gomod') {
        const sum = parsed.get(at(ctx.dir, 'go.sum'));
        graph = readGoModule(ctx, value.model, sum?.kind === 'gosum' ? sum.sums : undefined);
      }
    } catch (e) {
      // Readers guard their input; this keeps a bug in one from losing the whole inventory.
      const msg = e instanceof Error ? e.message : String(e);
      const i = files.findIndex((f) => f.path === path);
      const failed: InventoryFile = { path, status: 'not-evaluated', reason: { en: `internal error while reading: ${msg}`, ja: `読み込み中の内部エラー: ${msg}` } };
      if (i >= 0) files[i] = failed;
      else files.push(failed);
    }
    if (graph) {
      builder.add(graph);
      graphs++;
    }
  }
  if (graphs === 0) {
    notes.push({
      en: 'no lockfile was found (package-lock.json, yarn.lock, pnpm-lock.yaml, poetry.lock, uv.lock, Pipfile.lock, pinned requirements*.txt or go.mod): the SBOM lists only the repository itself',
      ja: 'ロックファイル (package-lock.json、yarn.lock、pnpm-lock.yaml、poetry.lock、uv.lock、Pipfile.lock、固定された requirements*.txt、go.mod) が見つからないため、SBOM にはリポジトリ自身しか載りません',
    });
  }
  return builder.finish(files, notes);
}

function parseFile(kind: FileKind, path: string, text: string): ParseOutcome<Parsed> {
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(text));
  const name = basename(path);
  const wrap = <M>(o: ParseOutcome<M>, f: (m: M) => Parsed): ParseOutcome<Parsed> => (o.ok ? { ok: true, model: f(o.model) } : o);
  switch (kind) {
    case 'package-json':
    case 'npm-lockfile':
      return wrap(parseJsonData(text), (m) => ({ kind: 'json', data: m.data }));
    case 'pnpm-lock':
      return wrap(parseYaml(text), (m) => ({ kind: 'json', data: m.docs[0]?.toJS({ maxAliasCount: 100 }) as unknown }));
    case 'yarn-lock':
      return wrap(parseYarnLock(text, lines()), (m) => ({ kind: 'yarn', model: m }));
    case 'requirements-txt':
      return wrap(parseRequirements(text, lines()), (m) => ({ kind: 'requirements', model: m }));
    case 'go-mod':
      return wrap(parseGoMod(text, lines()), (m) => ({ kind: 'gomod', model: m }));
    case 'go-sum':
      return { ok: true, model: { kind: 'gosum', sums: parseGoSum(text) } };
    case 'python-lock':
      // Pipfile.lock is JSON; poetry.lock and uv.lock are TOML.
      if (name === 'Pipfile.lock') return wrap(parseJsonData(text), (m) => ({ kind: 'json', data: m.data }));
      return wrap(parseToml(text), (m) => ({ kind: 'toml', data: m.data }));
    default:
      return wrap(parseToml(text), (m) => ({ kind: 'toml', data: m.data }));
  }
}

async function readConfig(source: FileSource): Promise<KamaeConfig> {
  const found = await readFirst(source, CONFIG_FILES);
  if (!found || found.text === undefined) return EMPTY_CONFIG;
  // Rule settings are not needed here, so no rule is known and their problems are not reported:
  // `kamae check` reports them.
  return loadConfig(found.path, found.text, new LineIndex(found.text), new Map()).config;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
