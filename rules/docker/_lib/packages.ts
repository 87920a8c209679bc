// Reading package-manager commands in RUN: pip's install arguments and requirement specs.
import type { Invocation, ShWord } from './shell';

const PIP_ARG = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--progress-bar', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--global-option', '--install-option', '-C', '--config-settings', '--only-binary', '--no-binary', '--upgrade-strategy', '--report', '--python']);

/** The pip or npm install command of an invocation: the manager and its argument words. */
export function pipInstallArgs(inv: Invocation): readonly ShWord[] | undefined {
  const b = inv.base;
  const a = inv.args;
  if (/^pip(\d(\.\d+)?)?$/.test(b) || b === 'uv' || b === 'pipx') {
    const at = a.findIndex((w) => w.value === 'install');
    const before = a.slice(0, Math.max(0, at));
    if (at < 0 || before.some((w) => !w.value.startsWith('-') && w.value !== 'pip')) return undefined;
    return a.slice(at + 1);
  }
  if (/^python(\d(\.\d+)?)?$/.test(b)) {
    const m = a.findIndex((w) => w.value === '-m');
    if (m >= 0 && a[m + 1]?.value === 'pip' && a[m + 2]?.value === 'install') return a.slice(m + 3);
  }
  return undefined;
}

export function pipRequirements(args: readonly ShWord[]): ShWord[] {
  const out: ShWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-e' || v === '--editable') {
      if (args[i + 1]) out.push(args[++i]!);
      continue;
    }
    if (v.startsWith('--editable=')) {
      out.push({ ...args[i]!, value: v.slice(11) });
      continue;
    }
    if (v.startsWith('-')) {
      if (PIP_ARG.has(v)) i++;
      continue;
    }
    out.push(args[i]!);
  }
  return out;
}

const VCS = /^(git|hg|svn|bzr)\+[a-z]+:\/\/|^git:\/\/|^[A-Za-z0-9_.-]+\s*@\s*(git|hg|svn|bzr)\+/i;

/** A requirement fetched from version control or a URL, and whether it names immutable content. */
export function sourceRequirement(spec: string): { kind: 'vcs' | 'url'; pinned: boolean } | undefined {
  if (VCS.test(spec)) {
    const ref = /\.git@([^#\s]+)|@([^/@#\s]+)(?:#|$)/.exec(spec.replace(/^[A-Za-z0-9_.-]+\s*@\s*/, ''));
    const r = ref?.[1] ?? ref?.[2] ?? '';
    const scheme = /^(git|hg|svn|bzr)/i.exec(spec.replace(/^[A-Za-z0-9_.-]+\s*@\s*/, ''))?.[1]?.toLowerCase() ?? 'git';
    const pinned = scheme === 'svn' || scheme === 'bzr' ? /^\d+$|^revno:\d+$/.test(r) : /^[0-9a-f]{40}$/i.test(r);
    return { kind: 'vcs', pinned };
  }
  const url = spec.replace(/^[A-Za-z0-9_.-]+\s*@\s*/, '');
  if (/^https?:\/\//i.test(url)) return { kind: 'url', pinned: /#sha(256|384|512)=[0-9a-f]+/i.test(url) };
  return undefined;
}
