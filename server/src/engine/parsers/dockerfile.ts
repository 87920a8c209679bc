// Dockerfiles through dockerfile-ast, flattened into stages and instructions with offsets.
// Global ARG defaults are substituted into FROM so `FROM ${BASE}` is judged by its real image.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parseImageRef, type ImageRef } from '../imageRef';
import type { Span } from '../model';
import type { LineIndex } from '../text';
import type { ParseOutcome } from './types';

export interface DockerWord {
  readonly value: string;
  readonly span: Span;
}
export interface DockerFlag {
  readonly name: string;
  readonly value: string | null;
  readonly span: Span;
}
export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, USER... */
  readonly keyword: string;
  readonly span: Span;
  readonly keywordSpan: Span;
  /** Arguments with line continuations joined, flags included, as the builder sees them. */
  readonly argsText: string;
  readonly argsSpan?: Span;
  readonly args: readonly DockerWord[];
  readonly flags: readonly DockerFlag[];
  /** Zero-based line of the keyword. */
  readonly line: number;
}
export interface DockerStage {
  readonly index: number;
  readonly from: DockerInstruction;
  /** The base image, or undefined when FROM names nothing parseable. */
  readonly image?: ImageRef & { readonly span: Span };
  /** `AS name`, lower-cased as the builder compares it. */
  readonly alias?: string;
  /** The image is an earlier stage of this file (`FROM build`), or `scratch`. */
  readonly baseIsStage: boolean;
  readonly baseIsScratch: boolean;
  /** Instructions after FROM, up to the next FROM. */
  readonly instructions: readonly DockerInstruction[];
}
export interface DockerfileModel {
  readonly instructions: readonly DockerInstruction[];
  readonly stages: readonly DockerStage[];
  /** Defaults of ARGs declared before the first FROM. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
}

export function parseDockerfile(text: string, lines: LineIndex): ParseOutcome<DockerfileModel> {
  if (text.trim() === '') {
    return { ok: false, reason: { en: 'Dockerfile is empty', ja: 'Dockerfile が空です' } };
  }
  let ast;
  try {
    ast = DockerfileParser.parse(text);
  } catch (e) {
    return { ok: false, reason: { en: `Dockerfile could not be parsed: ${String(e)}`, ja: `Dockerfile を解析できませんでした: ${String(e)}` } };
  }
  const span = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span => lines.span(r);
  const toInstruction = (i: Instruction): DockerInstruction => {
    const flags = 'getFlags' in i && typeof (i as { getFlags?: unknown }).getFlags === 'function'
      ? (i as unknown as { getFlags(): { getName(): string; getValue(): string | null; getRange(): Parameters<typeof span>[0] }[] }).getFlags()
      : [];
    const argsRange = i.getArgumentsRange();
    return {
      keyword: i.getKeyword().toUpperCase(),
      span: span(i.getRange()),
      keywordSpan: span(i.getInstructionRange()),
      argsText: i.getArgumentsContent() ?? '',
      ...(argsRange ? { argsSpan: span(argsRange) } : {}),
      args: i.getArguments().map((a) => ({ value: a.getValue(), span: span(a.getRange()) })),
      flags: flags.map((f) => ({ name: f.getName(), value: f.getValue(), span: span(f.getRange()) })),
      line: i.getRange().start.line,
    };
  };
  const instructions = ast.getInstructions().map(toInstruction);
  if (instructions.length === 0) {
    return { ok: false, reason: { en: 'Dockerfile has no instructions', ja: 'Dockerfile に命令がありません' } };
  }
  const globalArgs = new Map<string, string | undefined>();
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') break;
    if (ins.keyword !== 'ARG') continue;
    for (const w of ins.args) {
      const eq = w.value.indexOf('=');
      if (eq < 0) globalArgs.set(w.value, undefined);
      else globalArgs.set(w.value.slice(0, eq), unquote(w.value.slice(eq + 1)));
    }
  }
  const stages: DockerStage[] = [];
  const aliases = new Set<string>();
  let current: { from: DockerInstruction; list: DockerInstruction[] } | undefined;
  const close = () => {
    if (!current) return;
    const from = current.from;
    const words = from.args.filter((w) => !w.value.startsWith('--'));
    const imageWord = words[0];
    let image: (ImageRef & { span: Span }) | undefined;
    let alias: string | undefined;
    if (words.length >= 3 && words[1]!.value.toUpperCase() === 'AS') alias = words[2]!.value.toLowerCase();
    if (imageWord) image = { ...parseImageRef(substitute(imageWord.value, globalArgs)), span: imageWord.span };
    const baseName = image ? image.raw.toLowerCase() : '';
    stages.push({
      index: stages.length,
      from,
      ...(image ? { image } : {}),
      ...(alias ? { alias } : {}),
      baseIsStage: aliases.has(baseName),
      baseIsScratch: baseName === 'scratch',
      instructions: current.list,
    });
    if (alias) aliases.add(alias);
  };
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      close();
      current = { from: ins, list: [] };
    } else if (current) current.list.push(ins);
  }
  close();
  if (stages.length === 0) {
    return { ok: false, reason: { en: 'Dockerfile has no FROM instruction', ja: 'Dockerfile に FROM 命令がありません' } };
  }
  return { ok: true, model: { instructions, stages, globalArgs } };
}

/** Replaces $VAR, ${VAR} and ${VAR:-default} with known ARG defaults; unknown ones stay as written. */
export function substitute(value: string, vars: ReadonlyMap<string, string | undefined>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced: string | undefined, dflt: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const v = vars.get(name);
    if (v !== undefined && v !== '') return v;
    if (dflt !== undefined && m.includes(':-')) return dflt;
    return m;
  });
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}
