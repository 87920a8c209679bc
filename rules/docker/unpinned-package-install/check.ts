// Flags package installs in RUN that take whatever version the repository serves today:
// apt-get/apt, apk, yum/dnf/microdnf/zypper, pip, npm/yarn/pnpm, gem, go get/install and cargo install.
import { fileCheck, type FileContext } from '../../../server/src/engine/ruleApi';
import { positionals, runCommands, type Invocation, type ShWord } from '../_lib/shell';
import { pipInstallArgs, pipRequirements, sourceRequirement } from '../_lib/packages';

type Ctx = FileContext<'dockerfile'>;

export default fileCheck<'dockerfile'>((ctx) => {
  for (const { inv } of runCommands(ctx.file.model.stages, ctx.file.text)) {
    const found = unpinned(inv);
    if (found && found.packages.length > 0) report(ctx, found.manager, found.packages);
  }
});

function report(ctx: Ctx, manager: string, packages: readonly ShWord[]): void {
  const first = packages[0]!;
  const names = packages.slice(0, 3).map((w) => w.value).join(', ') + (packages.length > 3 ? `, … (${packages.length})` : '');
  ctx.report({ messageId: 'unpinned', at: { start: first.start, end: first.end }, data: { manager, packages: names } });
}

const isVariable = (v: string) => v.includes('$');
const isPathLike = (v: string) => v.startsWith('.') || v.startsWith('/') || v.startsWith('~') || /\.(deb|rpm|apk|whl|tar\.gz|tgz|zip|gem|crate)$/i.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v);

function unpinned(inv: Invocation): { manager: string; packages: ShWord[] } | undefined {
  const b = inv.base;
  const args = inv.args;
  const verb = (...verbs: string[]) => {
    const at = args.findIndex((w) => !w.value.startsWith('-'));
    return at >= 0 && verbs.includes(args[at]!.value) ? args.slice(at + 1).concat(args.slice(0, at)) : undefined;
  };
  if (b === 'apt-get' || b === 'apt') {
    const rest = verb('install');
    if (!rest) return undefined;
    const pkgs = positionals(rest, new Set(['-o', '-c', '-t', '--target-release', '--option', '--config-file', '--default-release']), 'oct');
    return { manager: b, packages: pkgs.filter((w) => !w.value.includes('=') && !isVariable(w.value) && !isPathLike(w.value)) };
  }
  if (b === 'apk') {
    const rest = verb('add');
    if (!rest) return undefined;
    const pkgs = positionals(rest, new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']), 'tXp');
    return { manager: b, packages: pkgs.filter((w) => !/[=~<>]/.test(w.value) && !isVariable(w.value) && !isPathLike(w.value)) };
  }
  if (b === 'yum' || b === 'dnf' || b === 'microdnf' || b === 'tdnf' || b === 'zypper') {
    const rest = verb('install', 'in');
    if (!rest) return undefined;
    const pkgs = positionals(rest, new Set(['-x', '--exclude', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt', '-c', '--config', '--repo', '-r']), 'xcr');
    return { manager: b, packages: pkgs.filter((w) => !/-\d|[=<>]|-\$/.test(w.value) && !isVariable(w.value) && !isPathLike(w.value) && !w.value.startsWith('@')) };
  }
  const pip = pipInstallArgs(inv);
  if (pip) {
    const values = pip.map((w) => w.value);
    if (values.some((v) => v === '--require-hashes' || v === '-c' || v === '--constraint' || v.startsWith('--constraint='))) return undefined;
    const reqs = pipRequirements(pip).filter((w) => {
      const v = w.value;
      if (sourceRequirement(v) || isPathLike(v) || isVariable(v)) return false;
      return !/===?/.test(v.replace(/\[[^\]]*\]/, ''));
    });
    return { manager: 'pip', packages: reqs };
  }
  if (b === 'npm' || b === 'pnpm' || (b === 'yarn' && args.some((w) => w.value === 'add'))) {
    const at = args.findIndex((w) => ['install', 'i', 'add'].includes(w.value));
    if (at < 0) return undefined;
    const pkgs = positionals(args.slice(at + 1), new Set(['--registry', '--prefix', '--tag', '--cache', '-C', '--dir', '--filter']), '');
    return { manager: b, packages: pkgs.filter((w) => !npmPinned(w.value)) };
  }
  if (b === 'gem') {
    const rest = verb('install');
    if (!rest) return undefined;
    if (rest.some((w) => w.value === '-v' || w.value === '--version' || w.value.startsWith('--version='))) return undefined;
    const pkgs = positionals(rest, new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform']), 'vinsP');
    return { manager: b, packages: pkgs.filter((w) => !w.value.includes(':') && !isVariable(w.value) && !isPathLike(w.value)) };
  }
  if (b === 'go') {
    const sub = args[0]?.value;
    if (sub !== 'get' && sub !== 'install') return undefined;
    const pkgs = positionals(args.slice(1), new Set(['-modfile', '-o', '-ldflags', '-tags', '-gcflags']), '');
    return {
      manager: 'go',
      packages: pkgs.filter((w) => {
        const v = w.value;
        if (isPathLike(v) || isVariable(v) || !v.includes('.')) return false;
        const at = v.lastIndexOf('@');
        if (at < 0) return sub === 'get'; // `go install pkg` without @ resolves through go.mod
        return ['latest', 'upgrade', 'patch', 'master', 'main', 'HEAD'].includes(v.slice(at + 1));
      }),
    };
  }
  if (b === 'cargo') {
    if (args[0]?.value !== 'install') return undefined;
    if (args.some((w) => w.value === '--version' || w.value.startsWith('--version=') || w.value === '--path' || w.value === '--git')) return undefined;
    const pkgs = positionals(args.slice(1), new Set(['--version', '--root', '--target', '--features', '-F', '--profile', '-j', '--jobs', '--index', '--registry', '--branch', '--tag', '--rev']), 'Fj');
    return { manager: 'cargo', packages: pkgs.filter((w) => !w.value.includes('@') && !isVariable(w.value)) };
  }
  return undefined;
}

/** An npm package spec fixed to one version (`pkg@1.2.3`), or not a registry package at all. */
function npmPinned(spec: string): boolean {
  if (isVariable(spec) || isPathLike(spec) || /^(git\+|git:|github:|gitlab:|bitbucket:|file:|link:|workspace:|npm:)/.test(spec)) return true;
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(#.*)?$/.test(spec)) return true; // GitHub shorthand: another rule's concern
  const at = spec.lastIndexOf('@');
  if (at <= 0) return false;
  const version = spec.slice(at + 1);
  return /^=?v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version);
}
