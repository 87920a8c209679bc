// Flags RUN instructions that execute code fetched from the network without checking it: a download
// piped into a shell, a downloaded file run later in the stage, or a package installed straight from
// a version-control or URL source at a reference that can move.
import { fileCheck, type DockerInstruction, type FileContext, type Span } from '../../../server/src/engine/ruleApi';
import { pipInstallArgs, pipRequirements, sourceRequirement } from '../_lib/packages';
import { baseName, escapeCharOf, invocation, isInterpreterName, parseScript, positionals, stageRuns, type Invocation, type ShPipeline, type ShWord } from '../_lib/shell';

type Ctx = FileContext<'dockerfile'>;

interface Download {
  readonly path: string;
  readonly line: number;
  verified: boolean;
}

export default fileCheck<'dockerfile'>((ctx) => {
  const text = ctx.file.text;
  const escape = escapeCharOf(text);
  for (const stage of ctx.file.model.stages) {
    const downloads = new Map<string, Download>();
    for (const { ins, pipelines } of stageRuns(stage, text, escape)) {
      const verifies = pipelines.some((p) => p.commands.some((c) => isVerification(invocation(c))));
      for (const p of pipelines) checkPipeline(ctx, ins, p, downloads, verifies);
      if (verifies) for (const d of downloads.values()) d.verified = true;
    }
  }
});

function checkPipeline(ctx: Ctx, ins: DockerInstruction, p: ShPipeline, downloads: Map<string, Download>, verifies: boolean): void {
  const invs = p.commands.map((c) => invocation(c));
  // 1. download | interpreter
  for (let i = 0; i < invs.length; i++) {
    const dl = invs[i] ? fetcher(invs[i]!) : undefined;
    if (!dl || !dl.toStdout || dl.pinned) continue;
    const sink = invs.slice(i + 1).find((x) => x && isInterpreterName(x.base));
    if (sink) {
      report(ctx, 'pipeToShell', spanOf(invs[i]!.name, sink.name), { source: dl.source, shell: sink.base });
      break;
    }
  }
  for (const inv of invs) {
    if (!inv) continue;
    // 2. interpreter <(download) or interpreter -c "$(download)"
    if (isInterpreterName(inv.base)) {
      for (const arg of inv.args) {
        if (arg.subs.length === 0) continue;
        const inner = downloadInSubstitution(arg);
        if (inner) report(ctx, 'pipeToShell', spanOf(inv.name, arg), { source: inner, shell: inv.base });
      }
    }
    // 3. files written by a download, and files executed
    const dl = fetcher(inv);
    if (dl && !dl.pinned) for (const out of dl.outputs) downloads.set(norm(out), { path: out, line: ctx.file.lines.position(inv.name.start).line + 1, verified: verifies });
    const target = executedFile(inv);
    if (target) {
      const d = downloads.get(norm(target.value));
      if (d && !d.verified && !verifies) report(ctx, 'runDownloaded', { start: target.start, end: target.end }, { file: target.value, line: d.line });
    }
    // 4. pip/npm installs from VCS or URL sources at a moving reference
    for (const spec of floatingSourceInstalls(inv)) report(ctx, 'floatingSource', { start: spec.start, end: spec.end }, { tool: inv.base, spec: shorten(spec.value) });
  }
  void ins;
}

function report(ctx: Ctx, messageId: string, at: Span, data: Record<string, string | number>): void {
  ctx.report({ messageId, at, data });
}

function spanOf(a: ShWord, b: ShWord): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function norm(p: string): string {
  let s = p.replace(/\/{2,}/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s;
}

// ---- downloads ---------------------------------------------------------------------------------

interface Fetch {
  readonly source: string;
  readonly toStdout: boolean;
  readonly outputs: readonly string[];
  /** Every URL names an immutable commit (a 40-hex path segment). */
  readonly pinned: boolean;
}

const CURL_LONG_ARG = new Set(['--output', '-o', '--header', '-H', '--data', '-d', '--data-raw', '--data-binary', '--data-urlencode', '--user', '-u', '--user-agent', '-A', '--referer', '-e', '--proxy', '-x', '--request', '-X', '--upload-file', '-T', '--cookie', '-b', '--cookie-jar', '-c', '--config', '-K', '--max-time', '-m', '--retry', '--retry-delay', '--retry-max-time', '--connect-timeout', '--write-out', '-w', '--cert', '-E', '--cacert', '--key', '--range', '-r', '--form', '-F', '--url', '--output-dir', '--proto', '--proto-redir', '--resolve', '--limit-rate', '--max-redirs', '--dns-servers', '--interface', '--ciphers', '--tls-max', '--netrc-file', '--socks5', '--socks5-hostname', '--expect100-timeout', '--happy-eyeballs-timeout-ms', '--keepalive-time', '--speed-limit', '-Y', '--speed-time', '-y', '--time-cond', '-z', '--oauth2-bearer', '--pinnedpubkey', '--capath', '--abstract-unix-socket', '--unix-socket', '--aws-sigv4', '--variable', '--json']);
const CURL_SHORT_ARG = 'oHduAexXTbcKmwErFYyzQ';
const WGET_LONG_ARG = new Set(['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-U', '--user-agent', '-e', '--execute', '-t', '--tries', '-T', '--timeout', '-w', '--wait', '-Q', '--quota', '-i', '--input-file', '-B', '--base', '-l', '--level', '-A', '--accept', '-R', '--reject', '-D', '--domains', '-X', '--exclude-directories', '-I', '--include-directories', '--header', '--user', '--password', '--post-data', '--post-file', '--load-cookies', '--save-cookies', '--ca-certificate', '--certificate', '--private-key', '--limit-rate', '--bind-address', '--method', '--body-data']);
const WGET_SHORT_ARG = 'OoaPUetTwQiBlARDXI';

function urlsPinned(urls: readonly string[]): boolean {
  return urls.length > 0 && urls.every((u) => /^[a-z][a-z0-9+.-]*:\/\//i.test(u) && /\/[0-9a-f]{40}(\/|$|[?#])/i.test(u));
}

/** A program that fetches something from the network: where it writes it and what it fetches. */
function fetcher(inv: Invocation): Fetch | undefined {
  const a = inv.args.map((w) => w.value);
  const stdoutRedirect = inv.command.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|') && (r.fd === undefined || r.fd === '1') && r.target);
  switch (inv.base) {
    case 'curl': {
      let output: string | undefined;
      let remoteName = false;
      let outDir = '';
      const urls: string[] = [];
      for (let i = 0; i < a.length; i++) {
        const v = a[i]!;
        if (v === '-o' || v === '--output') output = a[++i];
        else if (v.startsWith('--output=')) output = v.slice(9);
        else if (v === '--output-dir') outDir = a[++i] ?? '';
        else if (v === '-O' || v === '--remote-name' || v === '--remote-name-all') remoteName = true;
        else if (v === '--url') urls.push(a[++i] ?? '');
        else if (v.startsWith('--')) {
          if (!v.includes('=') && CURL_LONG_ARG.has(v)) i++;
        } else if (v.startsWith('-') && v.length > 1) {
          for (let k = 1; k < v.length; k++) {
            const f = v[k]!;
            if (f === 'O') remoteName = true;
            if (CURL_SHORT_ARG.includes(f)) {
              const val = k < v.length - 1 ? v.slice(k + 1) : a[++i];
              if (f === 'o') output = val;
              break;
            }
          }
        } else urls.push(v);
      }
      const outputs: string[] = [];
      if (output !== undefined && output !== '-') outputs.push(output);
      if (remoteName) for (const u of urls) outputs.push(joinPath(outDir, urlBase(u)));
      if (stdoutRedirect?.target) outputs.push(stdoutRedirect.target.value);
      const toStdout = (output === undefined || output === '-') && !remoteName && !stdoutRedirect;
      return { source: urls[0] ?? 'curl', toStdout, outputs, pinned: urlsPinned(urls) };
    }
    case 'wget': {
      let output: string | undefined;
      let prefix = '';
      const urls: string[] = [];
      for (let i = 0; i < a.length; i++) {
        const v = a[i]!;
        if (v === '-O' || v === '--output-document') output = a[++i];
        else if (v.startsWith('--output-document=')) output = v.slice(18);
        else if (v === '-P' || v === '--directory-prefix') prefix = a[++i] ?? '';
        else if (v.startsWith('--directory-prefix=')) prefix = v.slice(19);
        else if (v.startsWith('--')) {
          if (!v.includes('=') && WGET_LONG_ARG.has(v)) i++;
        } else if (v.startsWith('-') && v.length > 1) {
          for (let k = 1; k < v.length; k++) {
            const f = v[k]!;
            if (WGET_SHORT_ARG.includes(f)) {
              const val = k < v.length - 1 ? v.slice(k + 1) : a[++i];
              if (f === 'O') output = val;
              if (f === 'P') prefix = val ?? '';
              break;
            }
          }
        } else urls.push(v);
      }
      const toStdout = output === '-';
      const outputs = output !== undefined ? (toStdout ? [] : [output]) : urls.map((u) => joinPath(prefix, urlBase(u)));
      if (stdoutRedirect?.target && toStdout) outputs.push(stdoutRedirect.target.value);
      return { source: urls[0] ?? 'wget', toStdout: toStdout && !stdoutRedirect, outputs, pinned: urlsPinned(urls) };
    }
    case 'gsutil': {
      let i = 0;
      while (i < a.length && a[i]!.startsWith('-')) i += a[i] === '-o' || a[i] === '-h' ? 2 : 1;
      const sub = a[i];
      if (sub === 'cat') {
        const src = a.slice(i + 1).find((x) => x.startsWith('gs://'));
        return src ? { source: src, toStdout: !stdoutRedirect, outputs: stdoutRedirect?.target ? [stdoutRedirect.target.value] : [], pinned: false } : undefined;
      }
      const rest = sub === 'cp' ? a.slice(i + 1) : sub?.startsWith('gs://') ? a.slice(i) : undefined;
      if (!rest) return undefined;
      const pos = rest.filter((x) => !x.startsWith('-'));
      return copyLike(pos, 'gs://', stdoutRedirect?.target?.value);
    }
    case 'aws': {
      if (a[0] === 's3' && (a[1] === 'cp' || a[1] === 'sync')) {
        const pos = positionals(inv.args.slice(2), new Set(['--region', '--profile', '--endpoint-url', '--exclude', '--include', '--acl', '--storage-class', '--sse', '--expected-size', '--source-region', '--content-type', '--cache-control', '--metadata']), '').map((w) => w.value);
        return copyLike(pos, 's3://', stdoutRedirect?.target?.value);
      }
      if (a[0] === 's3api' && a[1] === 'get-object') {
        const rest = a.slice(2);
        const pos: string[] = [];
        let key = '';
        for (let i = 0; i < rest.length; i++) {
          const v = rest[i]!;
          if (v.startsWith('--')) {
            const val = rest[i + 1];
            if (v === '--key' && val !== undefined) key = val;
            if (!v.includes('=') && val !== undefined && !val.startsWith('--')) i++;
          } else pos.push(v);
        }
        const out = pos[pos.length - 1];
        if (out === undefined) return undefined;
        const file = out === '.' || out.endsWith('/') ? joinPath(out, baseName(key)) : out;
        return { source: `s3api get-object ${key}`.trim(), toStdout: false, outputs: [file], pinned: false };
      }
      return undefined;
    }
  }
  return undefined;
}

function copyLike(pos: readonly string[], scheme: string, redirect: string | undefined): Fetch | undefined {
  if (pos.length < 2) return undefined;
  const srcs = pos.slice(0, -1);
  const dst = pos[pos.length - 1]!;
  if (!srcs.some((s) => s.startsWith(scheme))) return undefined;
  if (dst === '-') return { source: srcs[0]!, toStdout: !redirect, outputs: redirect ? [redirect] : [], pinned: false };
  const isDir = dst === '.' || dst.endsWith('/') || srcs.length > 1;
  return { source: srcs[0]!, toStdout: false, outputs: isDir ? srcs.map((s) => joinPath(dst, urlBase(s))) : [dst], pinned: false };
}

function urlBase(u: string): string {
  const noQuery = u.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return baseName(noQuery);
}

function joinPath(dir: string, file: string): string {
  if (dir === '' || dir === '.') return file;
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}

/** The text of a download written to stdout inside $(...) or <(...), if a word holds one. */
function downloadInSubstitution(word: ShWord): string | undefined {
  for (const s of word.subs) {
    for (const p of parseScript(s)) {
      const first = p.commands[0];
      const inv = first ? invocation(first) : undefined;
      const dl = inv ? fetcher(inv) : undefined;
      if (dl && dl.toStdout && !dl.pinned) return dl.source;
    }
  }
  return undefined;
}

/** The file a command executes: the command itself, the script an interpreter runs, or `. file`. */
function executedFile(inv: Invocation): ShWord | undefined {
  // A bare name is looked up on PATH; only a path names a file the build wrote.
  if (inv.name.value.includes('/') && !isInterpreterName(inv.base)) return inv.name;
  if (inv.base === '.' || inv.base === 'source') return inv.args[0];
  if (isInterpreterName(inv.base)) {
    for (let i = 0; i < inv.args.length; i++) {
      const v = inv.args[i]!.value;
      if (v === '-c' || v === '-m' || v === '-e') return undefined;
      if (v.startsWith('-')) continue;
      return inv.args[i];
    }
  }
  return undefined;
}

function isVerification(inv: Invocation | undefined): boolean {
  if (!inv) return false;
  const b = inv.base;
  const a = inv.args.map((w) => w.value);
  if (/^(sha(1|224|256|384|512)sum|b2sum)$/.test(b)) return a.some((x) => x === '-c' || x === '--check' || /^-\w*c$/.test(x)) || inv.command.redirects.length > 0 || a.length === 0;
  if (b === 'shasum') return a.some((x) => x === '-c' || x === '--check' || /^-\w*c$/.test(x));
  if (b === 'gpg' || b === 'gpg2') return a.includes('--verify');
  if (b === 'gpgv' || b === 'minisign' || b === 'signify') return true;
  if (b === 'cosign') return a[0]?.startsWith('verify') ?? false;
  if (b === 'openssl') return a[0] === 'dgst' && a.some((x) => x === '-verify' || x === '-signature');
  return false;
}

// ---- installs from VCS or URLs -------------------------------------------------------------------

function floatingSourceInstalls(inv: Invocation): ShWord[] {
  const pip = pipInstallArgs(inv);
  if (pip) {
    if (pip.some((w) => w.value === '--require-hashes')) return [];
    return pipRequirements(pip).filter((w) => {
      const s = sourceRequirement(w.value);
      return s !== undefined && !s.pinned;
    });
  }
  if (inv.base === 'npm' || inv.base === 'pnpm' || inv.base === 'yarn') {
    const verbs = inv.base === 'yarn' ? ['add'] : ['install', 'i', 'add'];
    const at = inv.args.findIndex((w) => verbs.includes(w.value));
    if (at < 0) return [];
    return inv.args.slice(at + 1).filter((w) => {
      const v = w.value;
      if (v.startsWith('-')) return false;
      const spec = v.replace(/^(@[^/@]+\/)?[^/@]+@(?=(git|https?|github):)/, '');
      const isGit = /^(git\+[a-z]+:\/\/|git:\/\/|github:|gitlab:|bitbucket:)/i.test(spec) || /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(#.*)?$/.test(spec);
      const isUrl = /^https?:\/\//i.test(spec);
      if (!isGit && !isUrl) return false;
      return isGit ? !/#[0-9a-f]{40}$/i.test(spec) : true;
    });
  }
  return [];
}
