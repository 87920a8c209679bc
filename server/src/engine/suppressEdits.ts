// How a finding is suppressed in text: an inline `kamae-ignore` comment on the line above it where the
// file's format has comments, otherwise an entry under `suppressions:` in .kamae.yaml. Pure: adapters
// pass the texts in and turn the returned edits into whatever their client applies.
import { isMap, isSeq, type Pair } from 'yaml';
import { CONFIG_FILES } from './config';
import { FILE_KINDS, isFileKind } from './detect';
import type { Span } from './model';
import { parseYaml } from './parsers/yaml';
import { eolOf, LineIndex } from './text';

/** The comment an inline suppression is written with; `config` for formats without comments (JSON). */
export type SuppressionStyle = { readonly kind: 'inline'; readonly open: '#' | '//' | '<!--' } | { readonly kind: 'config' };

/** An edit of an existing file, or the content of a file to create. */
export type SuppressionEdit = { readonly path: string; readonly span: Span; readonly newText: string } | { readonly path: string; readonly create: string };

const HASH = { kind: 'inline', open: '#' } as const;
const SLASHES = { kind: 'inline', open: '//' } as const;
const HTML = { kind: 'inline', open: '<!--' } as const;
const CONFIG = { kind: 'config' } as const;

/** How findings in a file of `kind` at `path` are suppressed. Unknown kinds and repository-level findings use the config. */
export function suppressionStyle(kind: string | undefined, path: string | undefined): SuppressionStyle {
  if (path === undefined || kind === undefined || !isFileKind(kind)) return CONFIG;
  switch (kind) {
    case 'go-mod':
    case 'gradle':
      return SLASHES;
    case 'pom-xml':
      return HTML;
    case 'yarn-lock':
    case 'env-file':
    case 'security-txt':
    case 'codeowners':
      return HASH;
    case 'helm-template': // Go templates: a YAML comment line would be rendered into the manifest
      return CONFIG;
  }
  switch (FILE_KINDS[kind]) {
    case 'yaml':
    case 'dockerfile':
    case 'npmrc':
    case 'requirements':
    case 'toml':
      return HASH;
    case 'json':
    case 'none':
      return CONFIG;
    case 'text':
      return byExtension(path);
  }
  return CONFIG;
}

function byExtension(path: string): SuppressionStyle {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1);
  if (['md', 'markdown', 'html', 'htm', 'xml'].includes(ext)) return HTML;
  if (['yml', 'yaml', 'toml', 'sh', 'bash', 'py', 'rb', 'env', 'ini', 'cfg', 'conf', 'properties', 'tf'].includes(ext)) return HASH;
  if (['js', 'mjs', 'cjs', 'ts', 'go', 'java', 'kt', 'kts', 'gradle', 'c', 'h', 'cc', 'cpp', 'cs', 'rs', 'swift', 'scala'].includes(ext)) return SLASHES;
  return CONFIG;
}

/** One line of text safe to put inside a comment: no line breaks, and nothing that would close it. */
function oneLine(reason: string): string {
  return reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/-->/g, '--').trim();
}

/**
 * The comment line inserted above `line` of `text`: `# kamae-ignore <rule>: <reason>`, indented like
 * the line it covers (an own-line comment covers the next non-blank line; see suppressions.ts).
 */
export function inlineSuppressionEdit(path: string, text: string, line: number, ruleId: string, reason: string, open: '#' | '//' | '<!--'): SuppressionEdit {
  const lines = new LineIndex(text);
  const target = Math.max(0, Math.min(line, lines.lineCount - 1));
  const start = lines.lineStart(target);
  const lineText = lines.lineText(target);
  const indent = lineText.slice(0, lineText.length - lineText.trimStart().length);
  const close = open === '<!--' ? ' -->' : '';
  return { path, span: { start, end: start }, newText: `${indent}${open} kamae-ignore ${ruleId}: ${oneLine(reason)}${close}${eolOf(text)}` };
}

/**
 * The edit that adds `{rule, paths, reason}` under `suppressions:` of the repository configuration:
 * appended to an existing block or flow list, a new `suppressions:` section, or a new .kamae.yaml.
 * `path` is the file the finding is in; omit it for a repository-level finding.
 */
export function configSuppressionEdit(configPath: string | undefined, configText: string | undefined, ruleId: string, path: string | undefined, reason: string): SuppressionEdit {
  const target = configPath ?? CONFIG_FILES[0];
  const fields = [`rule: ${ruleId}`, ...(path !== undefined ? [`paths: [${JSON.stringify(path)}]`] : []), `reason: ${JSON.stringify(oneLine(reason))}`];
  if (configText === undefined) return { path: target, create: `suppressions:\n${blockItem(fields, '  ', '\n')}` };
  return appendListItemEdit(target, configText, 'suppressions', fields);
}

/**
 * The edit that adds a mapping (`fields`, each `key: value` in YAML) to the top-level list `key` of a
 * YAML document, keeping everything else as written: appended to a block or flow list, under an
 * empty `key:`, or as a new section at the end.
 */
export function appendListItemEdit(target: string, configText: string, key: string, fields: readonly string[]): { readonly path: string; readonly span: Span; readonly newText: string } {
  const eol = eolOf(configText);
  const lines = new LineIndex(configText);
  const parsed = parseYaml(configText);
  const doc = parsed.ok ? parsed.model.docs[0] : undefined;
  const root = doc?.contents;
  const pair = isMap(root) ? (root.items.find((p) => keyOf(p) === key) as Pair | undefined) : undefined;
  const value = pair?.value;
  if (pair && isSeq(value) && value.range) {
    if (value.flow) {
      // `suppressions: [ ... ]`: add a flow mapping before the closing bracket.
      const close = configText.lastIndexOf(']', value.range[1]);
      if (close >= value.range[0]) {
        const item = `{ ${fields.join(', ')} }`;
        return { path: target, span: { start: close, end: close }, newText: value.items.length > 0 ? `, ${item}` : item };
      }
    } else if (value.items.length > 0) {
      // A block list: a new item after the last line of the list, at the same indentation.
      const first = lines.position(value.range[0]);
      const indent = ' '.repeat(first.character);
      const lastLine = lines.position(Math.max(value.range[0], contentEnd(configText, value.range[1]) - 1)).line;
      if (lastLine + 1 < lines.lineCount) return { path: target, span: { start: lines.lineStart(lastLine + 1), end: lines.lineStart(lastLine + 1) }, newText: blockItem(fields, indent, eol) };
      return { path: target, span: { start: configText.length, end: configText.length }, newText: eol + dropTrailing(blockItem(fields, indent, eol), eol) };
    }
  }
  if (pair && pair.key && (value === null || value === undefined || (isScalar(value) && value.value === null))) {
    // `suppressions:` with nothing after it: the list goes on the lines below the key.
    const keyLine = lines.position(nodeStart(pair.key)).line;
    const keyIndent = lines.lineText(keyLine).length - lines.lineText(keyLine).trimStart().length;
    const at = lines.lineEnd(keyLine);
    return { path: target, span: { start: at, end: at }, newText: eol + dropTrailing(blockItem(fields, ' '.repeat(keyIndent + 2), eol), eol) };
  }
  // No suppressions section (or one this edit cannot extend safely): append a new section.
  const sep = configText === '' || configText.endsWith('\n') ? '' : eol;
  const body = `${key}:${eol}${blockItem(fields, '  ', eol)}`;
  return { path: target, span: { start: configText.length, end: configText.length }, newText: pair ? `${sep}# kamae: add this entry to the ${key} list above${eol}${body}` : `${sep}${body}` };
}

export function blockItem(fields: readonly string[], indent: string, eol: string): string {
  return fields.map((f, i) => `${indent}${i === 0 ? '- ' : '  '}${f}${eol}`).join('');
}

function keyOf(p: unknown): string | undefined {
  const key = (p as Pair | undefined)?.key as { value?: unknown } | null | undefined;
  return key && typeof key.value === 'string' ? key.value : undefined;
}

function isScalar(v: unknown): v is { value: unknown } {
  return typeof v === 'object' && v !== null && 'value' in v && !isMap(v) && !isSeq(v);
}

function nodeStart(n: unknown): number {
  const r = (n as { range?: [number, number, number] }).range;
  return r ? r[0] : 0;
}

/** The end of a node's text without the trailing blank lines and comments the parser may count in it. */
function contentEnd(text: string, end: number): number {
  let e = Math.min(end, text.length);
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function dropTrailing(s: string, eol: string): string {
  return s.endsWith(eol) ? s.slice(0, s.length - eol.length) : s;
}
