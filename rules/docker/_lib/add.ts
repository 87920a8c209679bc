// Reading ADD instructions: their sources, destination and flags, in shell or JSON form.
import type { DockerInstruction, Span } from '../../../server/src/engine/ruleApi';

export interface AddSource {
  readonly value: string;
  readonly span: Span;
}
export interface AddParts {
  readonly sources: readonly AddSource[];
  readonly flags: ReadonlyMap<string, string | null>;
}

export function addParts(ins: DockerInstruction): AddParts | undefined {
  const flags = new Map<string, string | null>(ins.flags.map((f) => [f.name.toLowerCase(), f.value]));
  const text = ins.argsText.trim();
  let words: AddSource[];
  if (text.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(text);
      if (!Array.isArray(arr) || !arr.every((x) => typeof x === 'string')) return undefined;
      const at = ins.argsSpan ?? ins.span;
      words = (arr).map((value) => ({ value, span: at }));
    } catch {
      return undefined;
    }
  } else words = ins.args.filter((w) => !w.value.startsWith('--')).map((w) => ({ value: w.value, span: w.span }));
  if (words.length < 2 || words.some((w) => w.value.startsWith('<<'))) return undefined;
  return { sources: words.slice(0, -1), flags };
}

export function isRemoteSource(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^git@[^:]+:/.test(s);
}
export function isGitSource(s: string): boolean {
  return /^git@[^:]+:/.test(s) || /^git:\/\//i.test(s) || /^[a-z+]+:\/\/[^#?]+\.git([#?/]|$)/i.test(s) || /^[a-z]+:\/\/(www\.)?(github\.com|gitlab\.com|bitbucket\.org)\/[^/]+\/[^/#?]+\/?(#.*)?$/i.test(s);
}
/** Archive types ADD unpacks when the source is a local file. */
export function isLocalTar(s: string): boolean {
  return /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i.test(s);
}
