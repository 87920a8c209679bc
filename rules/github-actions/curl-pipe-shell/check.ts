// Flags run scripts that execute code fetched from the network without checking it: piping a
// download into a shell or interpreter, running `$(curl ...)`, or downloading a file and running it
// later in the job with no checksum or signature check in between.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { scriptCommandsByJob, type ScriptCommand } from '../_lib/scripts';
import { allCommands, commandHead } from '../_lib/shell';
import { onceEach, readWorkflow } from '../_lib/workflow';

const DOWNLOADERS = new Set(['curl', 'wget', 'iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod', 'aria2c', 'http', 'https', 'fetch']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'ash', 'pwsh', 'powershell']);
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'deno', 'bun']);
const VERIFIERS = /^(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum|gpg|gpgv|gpg2|cosign|minisign|signify|slsa-verifier|get-filehash|certutil|rekor-cli|sigstore)$/i;

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  for (const cmds of scriptCommandsByJob(wf, ctx.file.text)) {
    const downloaded = new Map<string, ScriptCommand>(); // file -> the command that fetched it
    let verified = false;
    cmds.forEach((c, i) => {
      const name = c.name;
      if (VERIFIERS.test(name) || (name === 'gh' && c.argv[1] === 'attestation') || (name === 'openssl' && c.argv[1] === 'dgst')) verified = true;
      // 1. download | sh
      if (DOWNLOADERS.has(name) && c.cmd.next === '|') {
        for (let k = i + 1; k < cmds.length; k++) {
          const next = cmds[k]!;
          if (runsStdin(next)) {
            report({ messageId: 'pipe', at: { start: c.span.start, end: next.span.end }, data: { download: name, runner: next.name } });
            break;
          }
          if (next.cmd.next !== '|') break;
        }
      }
      // 2. sh -c "$(curl ...)", source <(curl ...), eval "$(wget -O- ...)", iex (iwr ...)
      const following = cmds[i + 1];
      const iexParen = (name === 'iex' || name === 'invoke-expression') && c.argv.length === 1 && following !== undefined && DOWNLOADERS.has(following.name);
      if (runsSubstitution(c) || iexParen) report({ messageId: 'substitution', at: c.span, data: { runner: name } });
      // 3. curl -o f ...; later: sh f / ./f
      if (DOWNLOADERS.has(name)) {
        const file = outputFile(c);
        if (file) {
          downloaded.set(file, c);
          verified = false;
        }
        return;
      }
      if (verified) return;
      const target = executedFile(c);
      if (target === undefined) return;
      for (const [file, src] of downloaded) {
        if (!sameFile(file, target)) continue;
        report({ messageId: 'downloadThenRun', at: c.span, data: { file, download: src.name } });
        break;
      }
    });
  }
});

/** Whether a command runs what arrives on its standard input as code. */
function runsStdin(c: ScriptCommand): boolean {
  const args = c.argv.slice(1);
  if (SHELLS.has(c.name)) {
    if (args.includes('-s')) return true;
    if (args.some((a) => /^-[a-z]*c[a-z]*$/i.test(a) || /^-(command|encodedcommand)$/i.test(a))) return false;
    return !args.some((a) => !a.startsWith('-'));
  }
  if (INTERPRETERS.has(c.name) || /^python[0-9.]+$/.test(c.name)) return !args.some((a) => a === '-c' || a === '-m' || a === '-e' || a === '-p' || a === '--eval' || (!a.startsWith('-') && a !== '-')) || args.includes('-');
  return c.name === 'iex' || c.name === 'invoke-expression' || c.name === 'source' || c.name === '.';
}

function runsSubstitution(c: ScriptCommand): boolean {
  const name = c.name;
  const runner = SHELLS.has(name) || INTERPRETERS.has(name) || name === 'eval' || name === 'source' || name === '.' || name === 'iex' || name === 'invoke-expression';
  if (!runner) return false;
  for (const w of c.cmd.words.slice(1)) {
    for (const s of w.subs) {
      for (const inner of allCommands(s.text)) {
        const h = commandHead(inner);
        if (h && DOWNLOADERS.has(h.name.toLowerCase())) return true;
      }
    }
  }
  // PowerShell: iex (iwr https://...) and (New-Object Net.WebClient).DownloadString(...)
  if (name === 'iex' || name === 'invoke-expression') {
    const rest = c.argv.slice(1).join(' ').toLowerCase();
    return /downloadstring|iwr|invoke-webrequest|irm|invoke-restmethod/.test(rest);
  }
  return false;
}

/** The file a download command writes, when it writes one. */
function outputFile(c: ScriptCommand): string | undefined {
  const args = c.argv.slice(1);
  const redirect = c.cmd.redirects.find((r) => (r.op === '>' || r.op === '>>') && r.target);
  if (redirect?.target) return redirect.target.text;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (c.name === 'curl' && (a === '--output' || /^-[a-zA-Z]*o$/.test(a))) return args[i + 1];
    if (c.name === 'curl' && a.startsWith('--output=')) return a.slice('--output='.length);
    if (c.name === 'wget' && (a === '--output-document' || /^-[a-zA-Z]*O/.test(a))) {
      const glued = a.startsWith('--') ? '' : a.slice(a.indexOf('O') + 1);
      const target = glued !== '' ? glued : args[i + 1];
      return target === '-' ? undefined : target;
    }
    if (c.name === 'wget' && a.startsWith('--output-document=')) return a.slice('--output-document='.length);
    if ((c.name === 'iwr' || c.name === 'invoke-webrequest') && /^-outfile$/i.test(a)) return args[i + 1];
  }
  // curl -O / wget with no output option: the last path segment of the URL.
  const url = args.find((a) => /^https?:\/\//i.test(a));
  const remoteName = c.name === 'wget' || (c.name === 'curl' && args.some((a) => a === '-O' || a === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a)));
  if (url && remoteName) {
    const path = url.replace(/[?#].*$/, '');
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base || undefined;
  }
  return undefined;
}

/** The file a command executes: `./f`, `/tmp/f`, `bash f`, `source f`, `python f`. */
function executedFile(c: ScriptCommand): string | undefined {
  const first = c.cmd.words[commandHead(c.cmd)?.index ?? 0]?.text ?? '';
  if (first.includes('/') && !first.startsWith('-')) return first;
  const name = c.name;
  if (SHELLS.has(name) || INTERPRETERS.has(name) || /^python[0-9.]+$/.test(name) || name === 'source' || name === '.') {
    const args = c.argv.slice(1);
    if (args.some((a) => a === '-c' || a === '-m' || a === '-e')) return undefined;
    return args.find((a) => !a.startsWith('-'));
  }
  return undefined;
}

function sameFile(downloaded: string, executed: string): boolean {
  const norm = (p: string) => p.replace(/^\.\//, '').replace(/^["']|["']$/g, '');
  const a = norm(downloaded);
  const b = norm(executed);
  return a === b || b.endsWith(`/${a}`) || a.endsWith(`/${b}`);
}
