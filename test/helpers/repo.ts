// Test helpers: the repository root, a catalogue of chosen rules, and running the engine over
// in-memory or on-disk trees. Tests date every run on a fixed day so expiry checks are stable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalog } from '../../rules/index.generated';
import { analyzeRepo, MemoryFs, sourceFromFs, type AnalyzeOptions, type Catalog, type FileKind, type RepoReport, type RuleDefinition } from '../../server/src/engine';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TODAY = '2026-06-01';
export const CATALOG: Catalog = catalog;

export function catalogOf(...rules: RuleDefinition[]): Catalog {
  return { rules, guidelines: catalog.guidelines };
}
export function rule(id: string): RuleDefinition {
  const r = catalog.rules.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

export function analyzeMemory(files: Record<string, string | Uint8Array>, cat: Catalog = CATALOG, fsOverride?: MemoryFs, extra: Partial<AnalyzeOptions> = {}): Promise<RepoReport> {
  return analyzeRepo(sourceFromFs(fsOverride ?? new MemoryFs(files)), cat, { toolVersion: 'test', today: TODAY, ...extra });
}

/** Where a single-file fixture goes in its throwaway repository, by the first kind its rule reads. */
export const PLACEMENT: Partial<Record<FileKind, (name: string) => string>> = {
  'github-workflow': (n) => `.github/workflows/${n}`,
  'github-action': () => 'action.yml',
  dependabot: () => '.github/dependabot.yml',
  renovate: () => 'renovate.json',
  dockerfile: () => 'Dockerfile',
  compose: () => 'docker-compose.yml',
  kubernetes: (n) => `deploy/${n}`,
  'helm-values': () => 'chart/values.yaml',
  'package-json': () => 'package.json',
  'npm-lockfile': () => 'package-lock.json',
  'yarn-lock': () => 'yarn.lock',
  'pnpm-lock': () => 'pnpm-lock.yaml',
  npmrc: () => '.npmrc',
  'requirements-txt': () => 'requirements.txt',
  pyproject: () => 'pyproject.toml',
  'go-mod': () => 'go.mod',
  'pom-xml': () => 'pom.xml',
  'cargo-toml': () => 'Cargo.toml',
  'security-policy': () => 'SECURITY.md',
  codeowners: () => '.github/CODEOWNERS',
  sbom: () => 'sbom.cdx.json',
  'env-file': () => '.env',
};

/** Reads a fixture: a folder becomes a repository as it is; a file is placed where its kind lives. */
export function loadFixture(fixturePath: string, kind: FileKind): Record<string, string | Uint8Array> {
  const stat = fs.statSync(fixturePath);
  if (!stat.isDirectory()) {
    const name = path.basename(fixturePath);
    const place = PLACEMENT[kind] ?? ((n: string) => n);
    return { [place(name)]: fs.readFileSync(fixturePath) };
  }
  const files: Record<string, Uint8Array> = {};
  for (const rel of fs.readdirSync(fixturePath, { recursive: true }).map(String)) {
    const abs = path.join(fixturePath, rel);
    if (fs.statSync(abs).isFile()) files[rel.split(path.sep).join('/')] = fs.readFileSync(abs);
  }
  return files;
}
