// Which file is which kind: by path first, by content second (a Kubernetes manifest can live anywhere).

/** The parser a kind is read with. `none` files are only listed (their presence is the fact). */
export type ParserName = 'yaml' | 'json' | 'dockerfile' | 'npmrc' | 'requirements' | 'gomod' | 'toml' | 'text' | 'none';

export const FILE_KINDS = {
  'github-workflow': 'yaml',
  'github-action': 'yaml',
  dependabot: 'yaml',
  renovate: 'json',
  dockerfile: 'dockerfile',
  compose: 'yaml',
  kubernetes: 'yaml',
  'helm-chart': 'yaml',
  'helm-values': 'yaml',
  'helm-template': 'none',
  'package-json': 'json',
  'npm-lockfile': 'json',
  'yarn-lock': 'text',
  'pnpm-lock': 'yaml',
  'pnpm-workspace': 'yaml',
  npmrc: 'npmrc',
  yarnrc: 'yaml',
  'requirements-txt': 'requirements',
  pyproject: 'toml',
  'python-lock': 'none',
  'go-mod': 'gomod',
  'go-sum': 'none',
  'pom-xml': 'text',
  gradle: 'text',
  'cargo-toml': 'toml',
  'cargo-lock': 'none',
  'security-policy': 'text',
  'security-txt': 'text',
  license: 'text',
  codeowners: 'text',
  changelog: 'text',
  readme: 'text',
  support: 'text',
  sbom: 'json',
  'env-file': 'text',
  'issue-template-config': 'yaml',
  'kamae-config': 'yaml',
  'kamae-attestations': 'yaml',
} as const satisfies Record<string, ParserName>;
export type FileKind = keyof typeof FILE_KINDS;
export const ALL_KINDS = Object.keys(FILE_KINDS) as FileKind[];

export function isFileKind(s: string): s is FileKind {
  return Object.prototype.hasOwnProperty.call(FILE_KINDS, s);
}

/** Facts about the whole path list that some path rules need (e.g. which folders are Helm charts). */
export interface PathContext {
  readonly chartDirs: ReadonlySet<string>;
}
export function pathContext(paths: readonly string[]): PathContext {
  const chartDirs = new Set<string>();
  for (const p of paths) if (basename(p) === 'Chart.yaml') chartDirs.add(dirname(p));
  return { chartDirs };
}

/** The verdict on a path alone: a kind, "read it and look" for YAML/JSON, or nothing Kamae inspects. */
export type PathVerdict = { readonly kind: FileKind } | { readonly sniff: 'yaml' | 'json' } | undefined;

const WORKFLOW = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const REQUIREMENTS = /(^|\/)(requirements[^/]*\.txt|requirements\/[^/]+\.txt|constraints[^/]*\.txt)$/i;
const SBOM_NAME = /(\.cdx\.json|\.spdx\.json|^bom\.json|^sbom\.json|\.sbom\.json)$/i;

export function detectByPath(path: string, ctx: PathContext): PathVerdict {
  const name = basename(path);
  const lower = name.toLowerCase();
  const dir = dirname(path);
  const atRoot = dir === '';
  const inMeta = atRoot || dir === '.github' || dir === 'docs';

  if (WORKFLOW.test(path)) return { kind: 'github-workflow' };
  if (name === 'action.yml' || name === 'action.yaml') return { kind: 'github-action' };
  if (path === '.github/dependabot.yml' || path === '.github/dependabot.yaml') return { kind: 'dependabot' };
  if (/^(renovate\.json5?|\.renovaterc(\.json5?)?)$/.test(name) && (atRoot || dir === '.github' || dir === '.gitlab')) return { kind: 'renovate' };
  if (lower === '.kamae.yaml' || lower === '.kamae.yml') return atRoot ? { kind: 'kamae-config' } : undefined;
  if (path === '.kamae/attestations.yaml' || path === '.kamae/attestations.yml') return { kind: 'kamae-attestations' };
  if (path === '.github/ISSUE_TEMPLATE/config.yml' || path === '.github/ISSUE_TEMPLATE/config.yaml') return { kind: 'issue-template-config' };

  if (isDockerfileName(name)) return { kind: 'dockerfile' };
  if (/^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(name)) return { kind: 'compose' };

  // Helm: a chart's templates are Go templates, not YAML; its values files are YAML.
  const chart = chartOf(path, ctx);
  if (chart !== undefined) {
    if (name === 'Chart.yaml' && dir === chart) return { kind: 'helm-chart' };
    const rel = chart === '' ? path : path.slice(chart.length + 1);
    if (rel.startsWith('templates/')) return /\.(ya?ml|tpl|txt|json)$/i.test(name) ? { kind: 'helm-template' } : undefined;
    if (/^values[^/]*\.ya?ml$/i.test(rel)) return { kind: 'helm-values' };
  }

  switch (name) {
    case 'package.json':
      return { kind: 'package-json' };
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return { kind: 'npm-lockfile' };
    case 'yarn.lock':
      return { kind: 'yarn-lock' };
    case 'pnpm-lock.yaml':
      return { kind: 'pnpm-lock' };
    case 'pnpm-workspace.yaml':
      return { kind: 'pnpm-workspace' };
    case '.npmrc':
      return { kind: 'npmrc' };
    case '.yarnrc.yml':
      return { kind: 'yarnrc' };
    case 'pyproject.toml':
      return { kind: 'pyproject' };
    case 'poetry.lock':
    case 'uv.lock':
    case 'pdm.lock':
    case 'Pipfile.lock':
      return { kind: 'python-lock' };
    case 'go.mod':
      return { kind: 'go-mod' };
    case 'go.sum':
      return { kind: 'go-sum' };
    case 'pom.xml':
      return { kind: 'pom-xml' };
    case 'build.gradle':
    case 'build.gradle.kts':
      return { kind: 'gradle' };
    case 'Cargo.toml':
      return { kind: 'cargo-toml' };
    case 'Cargo.lock':
      return { kind: 'cargo-lock' };
    case 'security.txt':
      return { kind: 'security-txt' };
    case 'CODEOWNERS':
      return inMeta ? { kind: 'codeowners' } : undefined;
  }
  if (REQUIREMENTS.test(path)) return { kind: 'requirements-txt' };
  if (inMeta && /^security(\.md|\.markdown|\.rst|\.txt)?$/i.test(name)) return { kind: 'security-policy' };
  if (atRoot && /^(licen[cs]e|copying)([.-][^/]*)?$/i.test(name)) return { kind: 'license' };
  if (inMeta && /^(changelog|changes|history|release[-_]?notes)(\.(md|markdown|rst|txt))?$/i.test(name)) return { kind: 'changelog' };
  if (atRoot && /^readme(\.(md|markdown|rst|txt))?$/i.test(name)) return { kind: 'readme' };
  if (inMeta && /^support(\.(md|markdown|rst|txt))?$/i.test(name)) return { kind: 'support' };
  if (/^\.env(\.[^/]*)?$/.test(name) && !/\.(example|sample|template|dist|defaults?)$/i.test(name)) return { kind: 'env-file' };
  if (SBOM_NAME.test(name)) return { kind: 'sbom' };

  if (/\.ya?ml$/i.test(name)) return { sniff: 'yaml' };
  if (/\.json$/i.test(name)) return { sniff: 'json' };
  return undefined;
}

/** Second look, for YAML and JSON files the path did not name. Reads only the text given. */
export function detectByContent(sniff: 'yaml' | 'json', text: string): FileKind | undefined {
  if (sniff === 'yaml') {
    // A Helm template outside a recognised chart (no Chart.yaml beside it) is still a template:
    // only Go templates reference .Values, .Release or .Chart inside {{ }}.
    if (isHelmTemplateText(text)) return 'helm-template';
    // Any document with both a top-level apiVersion and kind is a Kubernetes object.
    if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
    return undefined;
  }
  const head = text.slice(0, 4096);
  if (/"bomFormat"\s*:\s*"CycloneDX"/.test(head) || /"spdxVersion"\s*:/.test(head)) return 'sbom';
  return undefined;
}

/** Endings that make `dockerfile.ts` or `Dockerfile.md` something other than a Dockerfile. */
const NOT_DOCKERFILE = /\.(ts|tsx|js|mjs|cjs|jsx|json|ya?ml|md|markdown|rst|txt|sh|bash|ps1|py|go|rs|java|kt|rb|php|cs|toml|xml|html?|css|lock|snap|bak|orig|swp|tmp|log|sum|mod|gz|zip|tar)$/i;

/** Text that uses Helm's template objects inside `{{ }}`: a chart template, not YAML. */
export function isHelmTemplateText(text: string): boolean {
  return text.includes('{{') && /\{\{-?[^}\n]{0,200}?\.(?:Values|Release|Chart|Capabilities|Files)\b/.test(text);
}

export function isDockerfileName(name: string): boolean {
  if (NOT_DOCKERFILE.test(name)) return false;
  return /^(Dockerfile|Containerfile)([.-][^/]+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

function chartOf(path: string, ctx: PathContext): string | undefined {
  if (ctx.chartDirs.size === 0) return undefined;
  let dir = dirname(path);
  for (;;) {
    if (ctx.chartDirs.has(dir)) return dir;
    if (dir === '') return undefined;
    dir = dirname(dir);
  }
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}
export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}
