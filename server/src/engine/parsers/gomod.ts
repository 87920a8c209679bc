// go.mod: module, go, toolchain, require and replace directives (single-line and block forms).
import type { Span } from '../model';
import type { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export interface GoModule {
  readonly path: string;
  readonly version?: string;
}
export interface GoDirective {
  readonly line: number;
  readonly span: Span;
}
export interface GoRequire extends GoDirective, GoModule {
  readonly indirect: boolean;
}
export interface GoReplace extends GoDirective {
  readonly from: GoModule;
  readonly to: GoModule;
  /** The replacement is a file system path (starts with ./, ../ or /), not a module. */
  readonly local: boolean;
}
export interface GoModModel {
  readonly module?: string;
  readonly go?: string & {};
  readonly goLine?: number;
  readonly toolchain?: string;
  readonly toolchainLine?: number;
  readonly requires: readonly GoRequire[];
  readonly replaces: readonly GoReplace[];
}

export function parseGoMod(_text: string, lines: LineIndex): ParseOutcome<GoModModel> {
  const requires: GoRequire[] = [];
  const replaces: GoReplace[] = [];
  let module: string | undefined;
  let go: string | undefined;
  let goLine: number | undefined;
  let toolchain: string | undefined;
  let toolchainLine: number | undefined;
  let block: string | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const comment = raw.indexOf('//');
    const indirect = comment >= 0 && /\/\/\s*indirect\b/.test(raw.slice(comment));
    const text = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    if (text === '') continue;
    const span = lines.lineSpan(line);
    if (block !== undefined) {
      if (text === ')') {
        block = undefined;
        continue;
      }
      handle(block, text.split(/\s+/), line, span, indirect);
      continue;
    }
    const words = text.split(/\s+/);
    const verb = words[0]!;
    if (words[1] === '(') {
      block = verb;
      continue;
    }
    handle(verb, words.slice(1), line, span, indirect);
  }
  if (block !== undefined) {
    return { ok: false, reason: { en: `go.mod has an unclosed "${block} (" block`, ja: `go.mod の "${block} (" ブロックが閉じられていません` } };
  }
  return {
    ok: true,
    model: {
      ...(module !== undefined ? { module } : {}),
      ...(go !== undefined ? { go, goLine: goLine! } : {}),
      ...(toolchain !== undefined ? { toolchain, toolchainLine: toolchainLine! } : {}),
      requires,
      replaces,
    },
  };

  function handle(verb: string, args: string[], line: number, span: Span, indirect: boolean): void {
    const words = args.map(unquote);
    switch (verb) {
      case 'module':
        module = words[0];
        break;
      case 'go':
        go = words[0];
        goLine = line;
        break;
      case 'toolchain':
        toolchain = words[0];
        toolchainLine = line;
        break;
      case 'require':
        if (words[0]) requires.push({ path: words[0], ...(words[1] ? { version: words[1] } : {}), indirect, line, span });
        break;
      case 'replace': {
        const arrow = words.indexOf('=>');
        if (arrow < 1) break;
        const left = words.slice(0, arrow);
        const right = words.slice(arrow + 1);
        if (!right[0]) break;
        const to = { path: right[0], ...(right[1] ? { version: right[1] } : {}) };
        replaces.push({
          from: { path: left[0]!, ...(left[1] ? { version: left[1] } : {}) },
          to,
          local: /^(\.\.?\/|\/|\.\.?$)/.test(to.path) || /^[A-Za-z]:\\/.test(to.path),
          line,
          span,
        });
        break;
      }
    }
  }
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === '`') && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}
