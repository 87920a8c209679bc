// A small POSIX-shell reader for Dockerfile RUN instructions: turns shell form, exec form and
// heredocs into commands and pipelines whose words keep their offsets in the Dockerfile, so rules
// can point at the exact command. It reads; it never evaluates, expands or executes anything.
import type { DockerInstruction, DockerStage } from '../../../server/src/engine/ruleApi';

/** Text with, for each character, its offset in the file (one more entry for the end). */
export interface Mapped {
  readonly text: string;
  readonly map: readonly number[];
}
export interface ShWord {
  /** The word with quotes and escapes removed (no expansion). */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** Scripts nested in the word: $(...), `...`, <(...) and >(...). */
  readonly subs: readonly Mapped[];
  /** The word started with a process substitution `<(` or `>(`. */
  readonly procSub: boolean;
}
export interface ShRedirect {
  readonly op: string;
  /** File descriptor written before the operator (`2>`), when any. */
  readonly fd?: string;
  readonly target?: ShWord;
}
export interface ShCommand {
  readonly words: readonly ShWord[];
  readonly redirects: readonly ShRedirect[];
}
export interface ShPipeline {
  readonly commands: readonly ShCommand[];
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const INTERPRETERS = new Set([...SHELLS, 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'pwsh', 'fish']);

export function isShellName(base: string): boolean {
  return SHELLS.has(base);
}
/** A program that runs a script given as a file or on stdin. */
export function isInterpreterName(base: string): boolean {
  return INTERPRETERS.has(base) || /^python\d(\.\d+)?$/.test(base);
}
export function baseName(word: string): string {
  const i = word.lastIndexOf('/');
  return i < 0 ? word : word.slice(i + 1);
}

// ---- from RUN to scripts ------------------------------------------------------------------------

/** The escape character of a Dockerfile (`# escape=` parser directive), `\` by default. */
export function escapeCharOf(text: string): string {
  for (const line of text.split(/\r?\n/, 20)) {
    const m = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(line);
    if (m) return m[1]!;
    if (!/^#\s*\w+\s*=/.test(line)) break;
  }
  return '\\';
}

/**
 * The shell scripts a RUN instruction runs: its shell-form text with line continuations removed,
 * the bodies of heredocs run by a shell, or the script of an exec-form `["sh", "-c", "..."]`.
 * Exec forms that do not name a shell are read as the words joined with spaces, as the tools
 * people compare Kamae with do, and are mapped to the start of the instruction's arguments.
 */
export function runScripts(ins: DockerInstruction, fileText: string, escape = '\\'): Mapped[] {
  const args = ins.argsSpan;
  if (!args) return [];
  const raw = fileText.slice(args.start, ins.span.end);
  if (raw.trimStart().startsWith('[')) {
    const exec = execForm(ins.argsText);
    if (exec) return [flat(exec, args.start)];
  }
  const firstEnd = lineEnd(raw, 0);
  const markers = heredocMarkers(raw.slice(0, firstEnd));
  if (markers.length > 0) return heredocScripts(raw, args.start, firstEnd, markers);
  return [joinContinuations(raw, args.start, escape)];
}

function execForm(argsText: string): string | undefined {
  let arr: unknown;
  try {
    arr = JSON.parse(argsText);
  } catch {
    return undefined;
  }
  if (!Array.isArray(arr) || arr.length === 0 || !arr.every((a) => typeof a === 'string')) return undefined;
  const words = arr;
  if (words.length >= 3 && isShellName(baseName(words[0]!)) && /^-[a-z]*c$/.test(words[1]!)) {
    let script = words[2]!;
    if (script.length >= 2 && script.startsWith('"') && script.endsWith('"')) script = script.slice(1, -1);
    return script;
  }
  return words.join(' ');
}

function flat(text: string, offset: number): Mapped {
  return { text, map: new Array<number>(text.length + 1).fill(offset) };
}

function lineEnd(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i < 0 ? s.length : i;
}

interface HeredocMarker {
  readonly word: string;
  readonly stripTabs: boolean;
  readonly start: number;
  readonly end: number;
}

function heredocMarkers(line: string): HeredocMarker[] {
  const out: HeredocMarker[] = [];
  const re = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ word: m[3]!, stripTabs: m[1] === '-', start: m.index, end: m.index + m[0].length });
  return out;
}

function heredocScripts(raw: string, base: number, firstEnd: number, markers: readonly HeredocMarker[]): Mapped[] {
  let command = raw.slice(0, firstEnd).replace(/\r$/, '');
  for (const m of markers) command = command.slice(0, m.start) + ' '.repeat(m.end - m.start) + command.slice(m.end);
  const scripts: Mapped[] = [];
  const cmdText = command.trim();
  const firstWord = baseName(cmdText.split(/\s+/)[0] ?? '');
  if (cmdText !== '') scripts.push({ text: command, map: Array.from({ length: command.length + 1 }, (_, i) => base + i) });
  const bodiesAreShell = cmdText === '' || isShellName(firstWord);
  let pos = firstEnd + 1;
  for (const m of markers) {
    const chars: string[] = [];
    const map: number[] = [];
    while (pos < raw.length) {
      const end = lineEnd(raw, pos);
      let line = raw.slice(pos, end).replace(/\r$/, '');
      let lead = 0;
      if (m.stripTabs) {
        while (line[lead] === '\t') lead++;
        line = line.slice(lead);
      }
      const next = end + 1;
      if (line === m.word) {
        pos = next;
        break;
      }
      for (let i = 0; i < line.length; i++) {
        chars.push(line[i]!);
        map.push(base + pos + lead + i);
      }
      chars.push('\n');
      map.push(base + end);
      pos = next;
    }
    map.push(map.length > 0 ? map[map.length - 1]! : base + pos);
    const text = chars.join('');
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
    const interp = shebang ? baseName(shebang[1] === '/usr/bin/env' || baseName(shebang[1]!) === 'env' ? (shebang[2] ?? '') : shebang[1]!) : undefined;
    if (bodiesAreShell && (interp === undefined || isShellName(interp))) scripts.push({ text, map });
  }
  return scripts;
}

/** Removes escaped line breaks and the comment lines Docker drops inside a continued instruction. */
function joinContinuations(raw: string, base: number, escape: string): Mapped {
  const chars: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === escape) {
      let j = i + 1;
      while (raw[j] === ' ' || raw[j] === '\t') j++;
      if (raw[j] === '\r' && raw[j + 1] === '\n') j++;
      if (raw[j] === '\n' || j >= raw.length) {
        i = j + 1;
        // Docker drops empty lines and comment lines that follow a continuation.
        for (;;) {
          const end = lineEnd(raw, i);
          const line = raw.slice(i, end);
          if (i < raw.length && (line.trim() === '' || /^\s*#/.test(line)) && end < raw.length) i = end + 1;
          else break;
        }
        continue;
      }
    }
    chars.push(c);
    map.push(base + i);
    i++;
  }
  map.push(base + raw.length);
  return { text: chars.join(''), map };
}

// ---- tokens ------------------------------------------------------------------------------------

type Token = { readonly kind: 'word'; readonly word: ShWord } | { readonly kind: 'op'; readonly op: string; readonly fd?: string; readonly start: number };

const OP_CHARS = new Set([';', '&', '|', '<', '>', '(', ')', '\n']);

function sub(m: Mapped, from: number, to: number): Mapped {
  return { text: m.text.slice(from, to), map: m.map.slice(from, to + 1) };
}

/** Index just past the `)` that closes a `$(` or `<(` opened before `from`, honouring quotes. */
function closeParen(t: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < t.length) {
    const c = t[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") {
      const j = t.indexOf("'", i + 1);
      i = j < 0 ? t.length : j + 1;
    } else if (c === '"') {
      i++;
      while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      depth--;
      i++;
      if (depth === 0) return i;
    } else i++;
  }
  return t.length;
}

function tokenize(m: Mapped): Token[] {
  const t = m.text;
  const out: Token[] = [];
  const heredocs: { word: string; strip: boolean }[] = [];
  let i = 0;
  while (i < t.length) {
    const c = t[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      out.push({ kind: 'op', op: ';', start: m.map[i]! });
      i++;
      // Skip the bodies of heredocs opened on the line just ended.
      while (heredocs.length > 0) {
        const h = heredocs.shift()!;
        while (i < t.length) {
          const end = lineEnd(t, i);
          const line = t.slice(i, end).replace(/\r$/, '');
          i = end + 1;
          if ((h.strip ? line.replace(/^\t+/, '') : line) === h.word) break;
        }
      }
      continue;
    }
    if (c === '#') {
      i = lineEnd(t, i);
      continue;
    }
    // Operators, with an optional file-descriptor number in front of a redirection.
    const fdm = /^(\d*)(&>>|&>|>>|>&|>\||>|<<<|<<-|<<|<&|<>|<)/.exec(t.slice(i, i + 6));
    if (fdm && !(t[i + fdm[0].length] === '(' && (fdm[2] === '<' || fdm[2] === '>') && fdm[1] === '')) {
      const op = fdm[2]!;
      out.push({ kind: 'op', op, ...(fdm[1] ? { fd: fdm[1] } : {}), start: m.map[i]! });
      i += fdm[0].length;
      if (op === '<<' || op === '<<-') {
        let j = i;
        while (t[j] === ' ' || t[j] === '\t') j++;
        const w = /^(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1/.exec(t.slice(j));
        if (w) {
          heredocs.push({ word: w[2]!, strip: op === '<<-' });
          out.push({ kind: 'word', word: { value: w[2]!, start: m.map[j]!, end: m.map[j + w[0].length]!, subs: [], procSub: false } });
          i = j + w[0].length;
        }
      }
      continue;
    }
    const two = t.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '|&' || two === ';;') {
      out.push({ kind: 'op', op: two === '|&' ? '|' : two, start: m.map[i]! });
      i += 2;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      out.push({ kind: 'op', op: c, start: m.map[i]! });
      i++;
      continue;
    }
    // A word.
    const start = i;
    let value = '';
    const subs: Mapped[] = [];
    const procSub = (c === '<' || c === '>') && t[i + 1] === '(';
    while (i < t.length) {
      const ch = t[i]!;
      if (ch === ' ' || ch === '\t' || ch === '\r' || (OP_CHARS.has(ch) && !(i === start && procSub))) break;
      if ((ch === '<' || ch === '>') && t[i + 1] === '(' && i === start) {
        const end = closeParen(t, i + 2);
        subs.push(sub(m, i + 2, Math.max(i + 2, end - 1)));
        value += t.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '\\') {
        value += t[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === "'") {
        const j = t.indexOf("'", i + 1);
        const end = j < 0 ? t.length : j;
        value += t.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (ch === '$' && t[i + 1] === '(') {
        const end = closeParen(t, i + 2);
        subs.push(sub(m, i + 2, Math.max(i + 2, end - 1)));
        value += t.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '`') {
        const j = t.indexOf('`', i + 1);
        const end = j < 0 ? t.length : j;
        subs.push(sub(m, i + 1, end));
        value += t.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < t.length && t[i] !== '"') {
          if (t[i] === '\\' && i + 1 < t.length) {
            value += t[i + 1];
            i += 2;
          } else if (t[i] === '$' && t[i + 1] === '(') {
            const end = closeParen(t, i + 2);
            subs.push(sub(m, i + 2, Math.max(i + 2, end - 1)));
            value += t.slice(i, end);
            i = end;
          } else if (t[i] === '`') {
            const j = t.indexOf('`', i + 1);
            const end = j < 0 ? t.length : j;
            subs.push(sub(m, i + 1, end));
            value += t.slice(i, end + 1);
            i = end + 1;
          } else value += t[i++];
        }
        i++;
        continue;
      }
      value += ch;
      i++;
    }
    const end = Math.min(i, t.length);
    out.push({ kind: 'word', word: { value, start: m.map[start]!, end: m.map[end] ?? m.map[m.map.length - 1]!, subs, procSub } });
  }
  return out;
}

/** Pipelines in the order they appear, including those nested in $(...), `...` and <(...). */
export function parseScript(m: Mapped, depth = 0): ShPipeline[] {
  const tokens = tokenize(m);
  const pipelines: ShPipeline[] = [];
  let commands: ShCommand[] = [];
  let words: ShWord[] = [];
  let redirects: ShRedirect[] = [];
  const endCommand = () => {
    if (words.length > 0 || redirects.length > 0) commands.push({ words, redirects });
    words = [];
    redirects = [];
  };
  const endPipeline = () => {
    endCommand();
    if (commands.length > 0) pipelines.push({ commands });
    commands = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.kind === 'word') {
      words.push(tok.word);
      if (depth < 4) for (const s of tok.word.subs) pipelines.push(...parseScript(s, depth + 1));
      continue;
    }
    const op = tok.op;
    if (op === '|') endCommand();
    else if (op === ';' || op === '&&' || op === '||' || op === '&' || op === '(' || op === ')' || op === ';;') endPipeline();
    else {
      const next = tokens[k + 1];
      if (next?.kind === 'word') {
        redirects.push({ op, ...(tok.fd ? { fd: tok.fd } : {}), target: next.word });
        k++;
      } else redirects.push({ op, ...(tok.fd ? { fd: tok.fd } : {}) });
    }
  }
  endPipeline();
  return pipelines;
}

// ---- commands ----------------------------------------------------------------------------------

export interface Invocation {
  /** The program word after assignments and wrappers such as sudo, env, nohup and time. */
  readonly name: ShWord;
  readonly base: string;
  readonly args: readonly ShWord[];
  /** The `sudo` word when the command runs through sudo. */
  readonly sudo?: ShWord;
  readonly command: ShCommand;
}

const SUDO_ARG_OPTS = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir', '--role', '--type', '--other-user', '--close-from', '--command-timeout']);

/** The program a command runs and its arguments, seen through common wrappers. */
export function invocation(cmd: ShCommand): Invocation | undefined {
  const w = cmd.words;
  let i = 0;
  let sudo: ShWord | undefined;
  for (let guard = 0; guard < 8 && i < w.length; guard++) {
    while (i < w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i]!.value)) i++;
    const b = baseName(w[i]?.value ?? '');
    if (b === 'sudo' || b === 'doas') {
      sudo ??= w[i];
      i++;
      while (i < w.length && w[i]!.value.startsWith('-')) {
        const opt = w[i]!.value;
        i += SUDO_ARG_OPTS.has(opt) ? 2 : 1;
        if (opt === '--') break;
      }
    } else if (b === 'env') {
      i++;
      while (i < w.length && (w[i]!.value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i]!.value))) i += w[i]!.value === '-u' || w[i]!.value === '-C' ? 2 : 1;
    } else if (b === 'nohup' || b === 'time' || b === 'exec' || b === 'command' || b === 'builtin') {
      i++;
      while (i < w.length && w[i]!.value.startsWith('-')) i++;
    } else if (b === 'nice' || b === 'ionice' || b === 'stdbuf' || b === 'timeout') {
      i++;
      while (i < w.length && w[i]!.value.startsWith('-')) i += /^-[nc]$/.test(w[i]!.value) ? 2 : 1;
      if (b === 'timeout' && i < w.length) i++;
    } else break;
  }
  const name = w[i];
  if (!name) return undefined;
  return { name, base: baseName(name.value), args: w.slice(i + 1), ...(sudo ? { sudo } : {}), command: cmd };
}

/** Parsed RUNs per stage, shared by the rules that read them during one scan. */
const runCache = new WeakMap<DockerStage, StageRun[]>();

export interface StageRun {
  readonly ins: DockerInstruction;
  readonly pipelines: readonly ShPipeline[];
}

/** Every pipeline of every RUN in a stage, with the instruction it belongs to. */
export function stageRuns(stage: DockerStage, fileText: string, escape: string): readonly StageRun[] {
  const cached = runCache.get(stage);
  if (cached) return cached;
  const out: StageRun[] = [];
  let posixShell = true;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'SHELL') {
      const exec = /^\s*\[\s*"([^"]*)"/.exec(ins.argsText);
      posixShell = exec ? isShellName(baseName(exec[1]!)) : true;
      continue;
    }
    if (ins.keyword !== 'RUN') continue;
    const execForm = ins.argsText.trimStart().startsWith('[');
    if (!posixShell && !execForm) continue;
    const pipelines: ShPipeline[] = [];
    for (const script of runScripts(ins, fileText, escape)) pipelines.push(...withShellC(parseScript(script)));
    out.push({ ins, pipelines });
  }
  runCache.set(stage, out);
  return out;
}

/** Every command that RUN instructions of any stage run under a POSIX shell, with what it invokes. */
export function* runCommands(stages: readonly DockerStage[], fileText: string): Generator<{ readonly command: ShCommand; readonly inv: Invocation }> {
  const escape = escapeCharOf(fileText);
  for (const stage of stages) {
    for (const { pipelines } of stageRuns(stage, fileText, escape)) {
      for (const p of pipelines) {
        for (const command of p.commands) {
          const inv = invocation(command);
          if (inv) yield { command, inv };
        }
      }
    }
  }
}

/** Adds the scripts passed to `sh -c` (and `su -c`) as pipelines of their own, after their command. */
export function withShellC(pipelines: readonly ShPipeline[], depth = 0): ShPipeline[] {
  const out: ShPipeline[] = [];
  for (const p of pipelines) {
    out.push(p);
    if (depth >= 3) continue;
    for (const c of p.commands) {
      const inv = invocation(c);
      if (!inv || !(isShellName(inv.base) || inv.base === 'su')) continue;
      const at = inv.args.findIndex((w) => /^-[a-z]*c$/.test(w.value) || w.value === '--command');
      const script = at >= 0 ? inv.args[at + 1] : undefined;
      if (!script) continue;
      let text = script.value;
      if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
      out.push(...withShellC(parseScript(flat(text, script.start)), depth + 1));
    }
  }
  return out;
}

/** Words of a command that are not options, skipping the values of the options named in `withArg`. */
export function positionals(args: readonly ShWord[], withArg: ReadonlySet<string>, shortWithArg = ''): ShWord[] {
  const out: ShWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      if (!v.includes('=') && withArg.has(v)) i++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (withArg.has(v)) {
        i++;
        continue;
      }
      // A cluster of short flags: the first that takes a value consumes the rest or the next word.
      for (let k = 1; k < v.length; k++) {
        if (shortWithArg.includes(v[k]!)) {
          if (k === v.length - 1) i++;
          break;
        }
      }
      continue;
    }
    out.push(args[i]!);
  }
  return out;
}
