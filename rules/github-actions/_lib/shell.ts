// A forgiving scanner for the shell scripts in `run:` steps: it splits a script into simple
// commands (words, redirections, how each joins the next) with offsets, honouring quotes,
// `$(...)`, backticks, line continuations, comments and here-documents. It is not a shell parser;
// it is enough to recognise `curl ... | sh`, `npm install x` or `echo ... >> "$GITHUB_ENV"`.
// It never throws and runs in linear time.

export interface Word {
  /** The word with quotes removed and escapes resolved (substitutions kept as written). */
  readonly text: string;
  /** The word as written. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** Contents of `$(...)`, backquotes and `<(...)` inside the word, with their offsets. */
  readonly subs: readonly { readonly text: string; readonly start: number }[];
}

export interface Redirect {
  /** `>`, `>>`, `<`, `<<`, `<<<`, `&>`, `2>`... */
  readonly op: string;
  readonly target?: Word;
  /** Here-document body for `<<` and `<<-`. */
  readonly body?: string;
}

export interface Command {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly start: number;
  readonly end: number;
  /** How this command is joined to the next one: `|`, `&&`, `||`, `;`, `&` or newline. */
  readonly next: string;
}

const OP_CHARS = new Set([';', '&', '|', '(', ')', '<', '>']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'exec']);
const MAX_DEPTH = 8;

/** Splits a script into commands. Offsets are `base` + index into `src`. */
export function parseShell(src: string, base = 0): Command[] {
  const out: Command[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let cmdStart = -1;
  let pendingRedirect: string | undefined;
  const heredocs: { delim: string; strip: boolean; index: number }[] = [];
  let i = 0;

  const finish = (next: string, at: number) => {
    if (words.length > 0 || redirects.length > 0) out.push({ words, redirects, start: base + (cmdStart < 0 ? at : cmdStart), end: base + at, next });
    words = [];
    redirects = [];
    cmdStart = -1;
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      finish('\n', i);
      i++;
      // Here-document bodies start on the next line.
      while (heredocs.length > 0) {
        const h = heredocs.shift()!;
        const bodyStart = i;
        let bodyEnd = src.length;
        let after = src.length;
        while (i < src.length) {
          let e = src.indexOf('\n', i);
          if (e < 0) e = src.length;
          const line = src.slice(i, e).replace(/\r$/, '');
          if ((h.strip ? line.replace(/^\t+/, '') : line).trim() === h.delim) {
            bodyEnd = i;
            after = Math.min(e + 1, src.length);
            break;
          }
          i = e + 1;
        }
        const cmd = out[h.index];
        if (cmd) {
          const list = cmd.redirects as Redirect[];
          const r = list.find((x) => (x.op === '<<' || x.op === '<<-') && x.body === undefined);
          if (r) (r as { body?: string }).body = src.slice(bodyStart, bodyEnd);
        }
        i = after;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /[\s;&|()]/.test(src[i - 1]!))) {
      const e = src.indexOf('\n', i);
      i = e < 0 ? src.length : e;
      continue;
    }
    if (OP_CHARS.has(c) && !(c === '<' && src[i + 1] === '(') && !(c === '>' && src[i + 1] === '(')) {
      const two = src.slice(i, i + 2);
      const three = src.slice(i, i + 3);
      if (three === '<<<' || three === '<<-' || three === '&>>') {
        if (cmdStart < 0) cmdStart = i;
        pendingRedirect = three;
        i += 3;
        continue;
      }
      if (two === '&&' || two === '||' || two === ';;' || two === '|&') {
        finish(two === '|&' ? '|' : two, i);
        i += 2;
        continue;
      }
      if (two === '>>' || two === '<<' || two === '&>' || two === '>&' || two === '<&' || two === '>|' || two === '<>') {
        if (cmdStart < 0) cmdStart = i;
        pendingRedirect = two;
        i += 2;
        continue;
      }
      if (c === '>' || c === '<') {
        if (cmdStart < 0) cmdStart = i;
        pendingRedirect = c;
        i++;
        continue;
      }
      if (c === '(' || c === ')') {
        finish(';', i);
        i++;
        continue;
      }
      finish(c, i);
      i++;
      continue;
    }
    // A word.
    const w = readWord(src, i, base);
    if (cmdStart < 0) cmdStart = i;
    // `2>` / `2>>`: a file-descriptor number glued to a redirection operator.
    if (/^[0-9]+$/.test(w.word.raw) && (src[w.end] === '>' || src[w.end] === '<')) {
      i = w.end;
      continue;
    }
    if (pendingRedirect !== undefined) {
      const op = pendingRedirect;
      pendingRedirect = undefined;
      if (op === '<<' || op === '<<-') {
        heredocs.push({ delim: w.word.text, strip: op === '<<-', index: out.length });
        redirects.push({ op, target: w.word });
      } else redirects.push({ op, target: w.word });
    } else words.push(w.word);
    i = w.end;
  }
  finish('\n', src.length);
  return out.map((cmd) => ({ ...cmd, words: stripKeywords(cmd.words) }));
}

function stripKeywords(words: readonly Word[]): Word[] {
  let k = 0;
  while (k < words.length && KEYWORDS.has(words[k]!.raw)) k++;
  return words.slice(k);
}

function readWord(src: string, start: number, base: number): { word: Word; end: number } {
  let i = start;
  let text = '';
  const subs: { text: string; start: number }[] = [];
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
    if (OP_CHARS.has(c)) {
      if ((c === '<' || c === '>') && src[i + 1] === '(') {
        const close = matchParen(src, i + 2);
        subs.push({ text: src.slice(i + 2, close), start: base + i + 2 });
        text += src.slice(i, Math.min(close + 1, src.length));
        i = close + 1;
        continue;
      }
      break;
    }
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      text += src[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      const e = close < 0 ? src.length : close;
      text += src.slice(i + 1, e);
      i = e + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!;
          text += n === '"' || n === '\\' || n === '$' || n === '`' ? n : n === '\n' ? '' : `\\${n}`;
          i += 2;
          continue;
        }
        if (src[i] === '$' && src[i + 1] === '(') {
          const close = matchParen(src, i + 2);
          subs.push({ text: src.slice(i + 2, close), start: base + i + 2 });
          text += src.slice(i, Math.min(close + 1, src.length));
          i = close + 1;
          continue;
        }
        if (src[i] === '`') {
          const close = src.indexOf('`', i + 1);
          const e = close < 0 ? src.length : close;
          subs.push({ text: src.slice(i + 1, e), start: base + i + 1 });
          text += src.slice(i, Math.min(e + 1, src.length));
          i = e + 1;
          continue;
        }
        text += src[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && src[i + 1] === '(') {
      const close = matchParen(src, i + 2);
      subs.push({ text: src.slice(i + 2, close), start: base + i + 2 });
      text += src.slice(i, Math.min(close + 1, src.length));
      i = close + 1;
      continue;
    }
    if (c === '$' && src[i + 1] === '{') {
      const close = src.indexOf('}', i + 2);
      const e = close < 0 ? src.length : close;
      text += src.slice(i, e + 1);
      i = e + 1;
      continue;
    }
    if (c === '`') {
      const close = src.indexOf('`', i + 1);
      const e = close < 0 ? src.length : close;
      subs.push({ text: src.slice(i + 1, e), start: base + i + 1 });
      text += src.slice(i, Math.min(e + 1, src.length));
      i = e + 1;
      continue;
    }
    text += c;
    i++;
  }
  return { word: { text, raw: src.slice(start, i), start: base + start, end: base + i, subs }, end: Math.max(i, start + 1) };
}

/** The index of the `)` that closes a `$(` or `<(` whose contents start at `from`; quotes and nesting respected. */
function matchParen(src: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      i = close < 0 ? src.length : close + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return src.length;
}

/** Every command in a script, including those inside `$(...)`, backquotes and `<(...)`, depth-limited. */
export function allCommands(src: string, base = 0, depth = 0): Command[] {
  const top = parseShell(src, base);
  if (depth >= MAX_DEPTH) return top;
  const out: Command[] = [];
  for (const cmd of top) {
    out.push(cmd);
    for (const w of [...cmd.words, ...cmd.redirects.flatMap((r) => (r.target ? [r.target] : []))]) {
      for (const s of w.subs) out.push(...allCommands(s.text, s.start, depth + 1));
    }
  }
  return out;
}

/** The command's program name without a path (`/usr/bin/pip3` -> `pip3`), after `sudo`, `env` and `VAR=x` prefixes. */
export function commandHead(cmd: Command): { name: string; index: number } | undefined {
  const w = cmd.words;
  let k = 0;
  for (;;) {
    const word = w[k];
    if (!word) return undefined;
    const t = word.text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
      k++;
      continue;
    }
    if (t === 'sudo' || t === 'env' || t === 'command' || t === 'nohup' || t === 'xargs') {
      k++;
      // Skip the wrapper's own options (`sudo -E`, `env -i`, `sudo -u user`).
      while (w[k] && w[k]!.text.startsWith('-')) k += w[k]!.text === '-u' || w[k]!.text === '-g' ? 2 : 1;
      continue;
    }
    const slash = t.lastIndexOf('/');
    return { name: slash >= 0 ? t.slice(slash + 1) : t, index: k };
  }
}

/** The words after the program name. */
export function argsOf(cmd: Command): Word[] {
  const head = commandHead(cmd);
  return head ? cmd.words.slice(head.index + 1) : [];
}

/** Pipelines: runs of commands joined by `|`. */
export function pipelines(cmds: readonly Command[]): Command[][] {
  const out: Command[][] = [];
  let cur: Command[] = [];
  for (const c of cmds) {
    cur.push(c);
    if (c.next !== '|') {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
