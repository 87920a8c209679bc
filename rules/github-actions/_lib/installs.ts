// Package-manager commands in run scripts: ad-hoc installs of named packages (no lockfile, no
// hashes) and project installs that may rewrite the lockfile instead of enforcing it.
import { optionValue, positionals } from './scripts';

export interface AdHocInstall {
  readonly manager: string;
  readonly packages: readonly string[];
  /** Every package names an exact version (still without integrity for it and its dependencies). */
  readonly pinned: boolean;
}

const NPM_VALUED = new Set(['--registry', '--prefix', '--cache', '--workspace', '-w', '--userconfig', '--tag', '--loglevel', '--omit', '--include', '--install-strategy']);
const PIP_VALUED = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--target', '-t', '--prefix', '--root', '--python-version', '--platform', '--implementation', '--abi', '--trusted-host', '--cache-dir', '--src', '--upgrade-strategy', '--progress-bar', '--log', '--python', '-p', '--proxy', '--timeout', '--retries', '--global-option', '--config-settings', '-C']);
const GEM_VALUED = new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '-g', '--file']);
const CARGO_VALUED = new Set(['--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry', '--features', '-F', '--target', '--profile', '-j', '--jobs', '--bin', '--example', '--config']);
const GO_VALUED = new Set(['-tags', '-ldflags', '-gcflags', '-o', '-mod', '-modfile', '-p', '-exec']);
const CHOCO_VALUED = new Set(['--version', '--source', '-s', '--params', '--package-parameters', '--install-arguments', '--ia']);

/** A named-package install, or undefined. `argv` is the unwrapped command line. */
export function adHocInstall(argv: readonly string[]): AdHocInstall | undefined {
  const [name = '', sub = '', ...rest] = argv.map((a) => a);
  const n = name.toLowerCase().replace(/\.exe$/, '');
  if (n === 'npm' && ['install', 'i', 'add', 'in', 'isntall', 'instal'].includes(sub)) return npmLike('npm', rest);
  if ((n === 'yarn' || n === 'pnpm' || n === 'bun') && sub === 'add') return npmLike(n, rest);
  if (n === 'yarn' && sub === 'global' && rest[0] === 'add') return npmLike('yarn', rest.slice(1));
  if (n === 'pnpm' && (sub === 'install' || sub === 'i') && rest.some((a) => a === '-g' || a === '--global')) return npmLike('pnpm', rest);
  if (n === 'bun' && (sub === 'install' || sub === 'i') && positionals(rest, NPM_VALUED).length > 0) return npmLike('bun', rest);
  if ((/^pip[0-9.]*$/.test(n) || n === 'pipenv') && sub === 'install') return pipLike(n, rest);
  if (n === 'uv' && sub === 'pip' && rest[0] === 'install') return pipLike('uv pip', rest.slice(1));
  if (n === 'uv' && sub === 'tool' && rest[0] === 'install') return pipLike('uv tool', rest.slice(1));
  if (n === 'pipx' && sub === 'install') return pipLike('pipx', rest);
  if (n === 'gem' && (sub === 'install' || sub === 'i')) {
    const pkgs = positionals(rest, GEM_VALUED).filter((p) => !p.endsWith('.gem'));
    if (pkgs.length === 0) return undefined;
    const version = optionValue(rest, ['-v', '--version']);
    const pinned = pkgs.every((p) => /[:@]\d/.test(p)) || (pkgs.length === 1 && version !== undefined && /^=?\s*\d/.test(version.trim()));
    return { manager: 'gem', packages: pkgs, pinned };
  }
  if (n === 'go' && sub === 'install') {
    const pkgs = positionals(rest, GO_VALUED).filter((p) => p.includes('.') && !p.startsWith('.'));
    const loose = pkgs.filter((p) => !/@v\d/.test(p));
    // `go install x@v1.2.3` is checked against go.sum's checksum database; only floating versions are reported.
    return loose.length > 0 ? { manager: 'go', packages: loose, pinned: false } : undefined;
  }
  if (n === 'cargo' && sub === 'install') {
    const pkgs = positionals(rest, CARGO_VALUED);
    if (pkgs.length === 0 || rest.includes('--path')) return undefined;
    const version = optionValue(rest, ['--version', '--vers']) ?? (pkgs[0]!.includes('@') ? pkgs[0]!.split('@')[1] : undefined);
    const pinned = version !== undefined && /^=?\d/.test(version);
    if (pinned && rest.includes('--locked')) return undefined;
    return { manager: 'cargo', packages: pkgs, pinned };
  }
  if (n === 'choco' && sub === 'install') {
    if (rest.some((a) => /^--require-?checksums?$/i.test(a))) return undefined;
    const pkgs = positionals(rest, CHOCO_VALUED).filter((p) => !/\.config$/i.test(p));
    if (pkgs.length === 0) return undefined;
    return { manager: 'choco', packages: pkgs, pinned: optionValue(rest, ['--version']) !== undefined };
  }
  return undefined;
}

function npmLike(manager: string, rest: readonly string[]): AdHocInstall | undefined {
  const pkgs = positionals(rest, NPM_VALUED).filter((p) => !isLocalPath(p) && !/\.(tgz|tar\.gz)$/.test(p));
  if (pkgs.length === 0) return undefined;
  const pinned = pkgs.every((p) => /^(@[^/]+\/)?[^@]+@\d+\.\d+\.\d+([-+][\w.-]*)?$/.test(p));
  return { manager, packages: pkgs, pinned };
}

function pipLike(manager: string, rest: readonly string[]): AdHocInstall | undefined {
  if (rest.includes('--require-hashes') || rest.some((a) => a === '-c' || a === '--constraint' || a.startsWith('--constraint='))) return undefined;
  const pkgs = positionals(rest, PIP_VALUED).filter((p) => !isLocalPath(p) && !/\.(whl|tar\.gz|zip)$/i.test(p));
  // `-e .` and `-r file` installs are the project's own; their pins live in the files they name.
  if (pkgs.length === 0) return undefined;
  const pinned = pkgs.every((p) => /===?\s*[\w.]+$/.test(p) || /@[0-9a-f]{40}/.test(p));
  return { manager, packages: pkgs, pinned };
}

function isLocalPath(p: string): boolean {
  return p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p.startsWith('~') || p.startsWith('file:') || p.startsWith('$') || /^[A-Za-z]:\\/.test(p) || (p.includes('/') && !p.startsWith('@') && !/^[a-z+]+:\/\//i.test(p) && !p.includes('://'));
}

export interface UnfrozenInstall {
  readonly manager: string;
  /** What to run instead. */
  readonly instead: string;
  /** The argv index of the subcommand a fix replaces (`install` -> `ci`), when the fix is a word swap. */
  readonly swap?: { readonly index: number; readonly text: string };
}

/** A project install that may rewrite the lockfile. `yarnBerry`: the repository uses Yarn 2+ (immutable in CI by default). */
export function unfrozenInstall(argv: readonly string[], yarnBerry: boolean): UnfrozenInstall | undefined {
  const [name = '', sub, ...rest] = argv;
  const n = name.toLowerCase();
  if (n === 'npm' && (sub === 'install' || sub === 'i') && positionals(rest, NPM_VALUED).length === 0 && !rest.some((a) => a === '-g' || a === '--global')) {
    return { manager: 'npm', instead: 'npm ci', swap: { index: 1, text: 'ci' } };
  }
  if (n === 'yarn' && !yarnBerry && (sub === undefined || sub === 'install') && !rest.some((a) => a === '--frozen-lockfile' || a === '--immutable' || a === '--pure-lockfile')) {
    return { manager: 'yarn', instead: 'yarn install --frozen-lockfile' };
  }
  if (n === 'bun' && (sub === 'install' || sub === 'i') && positionals(rest, NPM_VALUED).length === 0 && !rest.includes('--frozen-lockfile') && !rest.includes('-g')) {
    return { manager: 'bun', instead: 'bun install --frozen-lockfile' };
  }
  return undefined;
}
