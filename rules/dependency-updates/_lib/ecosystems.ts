// Which package ecosystems a repository uses, in Dependabot's and Renovate's names, and the
// dependabot.yml text Kamae proposes for them.
import { dirname, type FileKind, type RepoView } from '../../../server/src/engine/ruleApi';

export interface Ecosystem {
  /** Dependabot's package-ecosystem value. */
  readonly id: string;
  readonly kinds: readonly FileKind[];
  /** Other package-ecosystem values that cover the same files. */
  readonly aliases: readonly string[];
  /** Renovate manager names for the same files. */
  readonly renovate: readonly string[];
}

export const ECOSYSTEMS: readonly Ecosystem[] = [
  { id: 'github-actions', kinds: ['github-workflow', 'github-action'], aliases: [], renovate: ['github-actions'] },
  { id: 'npm', kinds: ['package-json'], aliases: ['bun'], renovate: ['npm', 'bun'] },
  { id: 'pip', kinds: ['requirements-txt', 'pyproject'], aliases: ['uv', 'pipenv', 'poetry'], renovate: ['pip_requirements', 'pip-compile', 'pep621', 'poetry', 'pipenv', 'setup-cfg', 'pep723'] },
  { id: 'docker', kinds: ['dockerfile'], aliases: [], renovate: ['dockerfile'] },
  { id: 'gomod', kinds: ['go-mod'], aliases: [], renovate: ['gomod'] },
  { id: 'cargo', kinds: ['cargo-toml'], aliases: [], renovate: ['cargo'] },
  { id: 'maven', kinds: ['pom-xml'], aliases: [], renovate: ['maven'] },
  { id: 'gradle', kinds: ['gradle'], aliases: [], renovate: ['gradle'] },
];

export interface PresentEcosystem {
  readonly ecosystem: Ecosystem;
  /** Folders (as Dependabot writes them: "/" or "/sub/dir") holding its manifests. */
  readonly directories: readonly string[];
}

export function presentEcosystems(repo: RepoView): PresentEcosystem[] {
  const out: PresentEcosystem[] = [];
  for (const eco of ECOSYSTEMS) {
    const dirs = new Set<string>();
    for (const kind of eco.kinds) {
      for (const p of repo.pathsOfKind(kind)) {
        // Workflows are configured from the repository root; action.yml files from their own folder.
        const dir = kind === 'github-workflow' ? '' : dirname(p);
        dirs.add(`/${dir}`);
      }
    }
    if (dirs.size > 0) out.push({ ecosystem: eco, directories: [...dirs].sort() });
  }
  return out;
}

/** One `updates:` entry, indented by `indent`, with a weekly schedule and a release-age cooldown. */
export function updateEntry(eco: PresentEcosystem, indent: string, eol: string): string {
  const dirs = eco.ecosystem.id === 'npm' && eco.directories.includes('/') ? ['/'] : eco.directories.slice(0, 20);
  const lines = [
    `${indent}- package-ecosystem: "${eco.ecosystem.id}"`,
    ...(dirs.length === 1 ? [`${indent}  directory: "${dirs[0]}"`] : [`${indent}  directories:`, ...dirs.map((d) => `${indent}    - "${d}"`)]),
    `${indent}  schedule:`,
    `${indent}    interval: "weekly"`,
    `${indent}  cooldown:`,
    `${indent}    default-days: 7`,
  ];
  return lines.join(eol) + eol;
}

export function dependabotFile(ecosystems: readonly PresentEcosystem[]): string {
  return `version: 2\nupdates:\n${ecosystems.map((e) => updateEntry(e, '  ', '\n')).join('')}`;
}
