// A small, linear XML reader that keeps positions (pom.xml, CycloneDX XML): elements, attributes and
// text with spans. It is lenient like a browser: a stray end tag closes up to its match, an unclosed
// element ends with the file. It never throws; a file with no root element is not evaluated.
import type { Span } from '../model';
import type { ParseOutcome } from './types';

export interface XmlAttribute {
  readonly value: string;
  readonly span: Span;
}
export interface XmlElement {
  /** The qualified name as written (`project`, `xs:element`). */
  readonly name: string;
  /** The start tag's name. */
  readonly nameSpan: Span;
  /** From `<` of the start tag to `>` of the end tag (or the end of the file for an unclosed element). */
  readonly span: Span;
  readonly attributes: Readonly<Record<string, XmlAttribute>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded, CDATA included), trimmed. */
  readonly text: string;
  /** Where the trimmed text sits, when there is any. */
  readonly textSpan?: Span;
}
export interface XmlModel {
  readonly root: XmlElement;
}

interface Building {
  name: string;
  nameSpan: Span;
  start: number;
  end: number;
  attributes: Record<string, XmlAttribute>;
  children: Building[];
  text: string;
  textStart: number;
  textEnd: number;
}

export function parseXml(text: string): ParseOutcome<XmlModel> {
  const top: Building[] = [];
  const stack: Building[] = [];
  const n = text.length;
  let i = 0;
  const addText = (from: number, to: number, value: string) => {
    const el = stack[stack.length - 1];
    if (!el) return;
    let a = 0;
    let b = value.length;
    while (a < b && isSpace(value.charCodeAt(a))) a++;
    while (b > a && isSpace(value.charCodeAt(b - 1))) b--;
    if (a === b) return;
    el.text += (el.text ? ' ' : '') + decode(value.slice(a, b));
    // Offsets are exact for plain text; for CDATA `value` is the inside, which starts at `from`.
    if (el.textStart < 0) el.textStart = from + a;
    el.textEnd = Math.min(to, from + b);
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      addText(i, n, text.slice(i));
      break;
    }
    if (lt > i) addText(i, lt, text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      const stop = end < 0 ? n : end;
      addText(lt + 9, stop, text.slice(lt + 9, stop));
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // DOCTYPE and similar declarations; an internal subset in [...] is skipped as a whole.
      const bracket = text.indexOf('[', lt);
      const gt = text.indexOf('>', lt);
      if (bracket >= 0 && gt >= 0 && bracket < gt) {
        const close = text.indexOf(']>', bracket);
        i = close < 0 ? n : close + 2;
      } else i = gt < 0 ? n : gt + 1;
      continue;
    }
    if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      const stop = gt < 0 ? n : gt;
      const name = text.slice(lt + 2, stop).trim();
      // Close up to the matching element; an end tag that matches nothing is ignored.
      let k = stack.length - 1;
      while (k >= 0 && stack[k]!.name !== name) k--;
      if (k >= 0) {
        while (stack.length > k) {
          const el = stack.pop()!;
          el.end = gt < 0 ? n : gt + 1;
        }
      }
      i = gt < 0 ? n : gt + 1;
      continue;
    }
    // A start tag: name, attributes, then `>` or `/>`.
    let j = lt + 1;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    if (j === lt + 1) {
      addText(lt, lt + 1, '<'); // a lone `<` in text
      i = lt + 1;
      continue;
    }
    const el: Building = { name: text.slice(lt + 1, j), nameSpan: { start: lt + 1, end: j }, start: lt, end: n, attributes: {}, children: [], text: '', textStart: -1, textEnd: -1 };
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) break;
      const c = text[j];
      if (c === '>') {
        j++;
        break;
      }
      if (c === '/' && text[j + 1] === '>') {
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      if (j === nameStart) {
        j++; // junk inside a tag: skip it
        continue;
      }
      const attrName = text.slice(nameStart, j);
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text[j] !== '=') continue;
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const q = text[j];
      if (q === '"' || q === "'") {
        const close = text.indexOf(q, j + 1);
        const stop = close < 0 ? n : close;
        el.attributes[attrName] = { value: decode(text.slice(j + 1, stop)), span: { start: j + 1, end: stop } };
        j = close < 0 ? n : close + 1;
      } else {
        const s = j;
        while (j < n && !isSpace(text.charCodeAt(j)) && text[j] !== '>') j++;
        el.attributes[attrName] = { value: decode(text.slice(s, j)), span: { start: s, end: j } };
      }
    }
    const parent = stack[stack.length - 1];
    (parent ? parent.children : top).push(el);
    if (selfClosing) el.end = j;
    else stack.push(el);
    i = j;
  }
  const root = top[0];
  if (!root) return { ok: false, reason: { en: 'XML has no root element', ja: 'XML にルート要素がありません' } };
  return { ok: true, model: { root: freeze(root) } };
}

function freeze(b: Building): XmlElement {
  return {
    name: b.name,
    nameSpan: b.nameSpan,
    span: { start: b.start, end: b.end },
    attributes: b.attributes,
    children: b.children.map(freeze),
    text: b.text,
    ...(b.textStart >= 0 ? { textSpan: { start: b.textStart, end: b.textEnd } } : {}),
  };
}

/** Child elements by local name (a namespace prefix is ignored). */
export function xmlChildren(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c) => localName(c.name) === name);
}
export function xmlChild(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let cur = el;
  for (const p of path) cur = xmlChildren(cur, p)[0];
  return cur;
}
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isNameChar(c: number): boolean {
  // Letters, digits, - _ . : and anything non-ASCII (XML allows most of it in names).
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46 || c === 58 || c > 127;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (m, e: string) => {
    if (e.startsWith('#x')) return safeCode(parseInt(e.slice(2), 16), m);
    if (e.startsWith('#')) return safeCode(parseInt(e.slice(1), 10), m);
    return ENTITIES[e] ?? m;
  });
}
function safeCode(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
