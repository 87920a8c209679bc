// A small parser for GitHub Actions expressions (the text inside `${{ }}` and bare `if:` values):
// literals, contexts with `.x`/`[i]` access, function calls and the documented operators. It never
// throws; text it cannot parse yields undefined so callers fall back to a conservative reading.

export type Expr =
  | { readonly type: 'literal'; readonly kind: 'string' | 'number' | 'bool' | 'null'; readonly value: string | number | boolean | null; readonly start: number; readonly end: number }
  | { readonly type: 'context'; readonly parts: readonly Part[]; readonly start: number; readonly end: number }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly start: number; readonly end: number }
  | { readonly type: 'access'; readonly base: Expr; readonly parts: readonly Part[]; readonly start: number; readonly end: number }
  | { readonly type: 'not'; readonly operand: Expr; readonly start: number; readonly end: number }
  | { readonly type: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly start: number; readonly end: number };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=';

/** One step of a property path: a name, `*`, or a computed index that is not a literal. */
export type Part = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'star' } | { readonly kind: 'index'; readonly expr: Expr };

interface Token {
  readonly t: 'str' | 'num' | 'ident' | 'punct';
  readonly v: string;
  readonly start: number;
  readonly end: number;
}

const PUNCT2 = ['&&', '||', '==', '!=', '<=', '>='];
const PUNCT1 = '()[],.*!<>';

function tokenize(src: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= src.length) return undefined;
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        v += src[j];
        j++;
      }
      out.push({ t: 'str', v, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      out.push({ t: 'punct', v: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9.]/.test(src[i + 1] ?? '')) || (c === '.' && /[0-9]/.test(src[i + 1] ?? '') && !isIdentEnd(out))) {
      let j = i + 1;
      while (j < src.length && /[0-9a-fA-FxXoO.eE+_-]/.test(src[j]!)) {
        // A sign only continues a number right after an exponent marker.
        if ((src[j] === '+' || src[j] === '-') && !/[eE]/.test(src[j - 1]!)) break;
        if (src[j] === '.' && !/[0-9]/.test(src[j + 1] ?? '')) break;
        j++;
      }
      out.push({ t: 'num', v: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j]!)) j++;
      out.push({ t: 'ident', v: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (PUNCT1.includes(c)) {
      out.push({ t: 'punct', v: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    return undefined;
  }
  return out;
}

function isIdentEnd(out: readonly Token[]): boolean {
  const last = out[out.length - 1];
  return last !== undefined && (last.t === 'ident' || last.v === ')' || last.v === ']' || last.v === '*');
}

const MAX_DEPTH = 64;

/** Parses an expression's inner text. Offsets in the result are relative to `src`. */
export function parseExpr(src: string): Expr | undefined {
  const toks = tokenize(src);
  if (!toks || toks.length === 0) return undefined;
  let pos = 0;
  let depth = 0;
  const peek = () => toks[pos];
  const eat = (v: string) => {
    const t = toks[pos];
    if (t && t.t === 'punct' && t.v === v) {
      pos++;
      return t;
    }
    return undefined;
  };
  const binary = (ops: readonly string[], next: () => Expr | undefined) => (): Expr | undefined => {
    let left = next();
    if (!left) return undefined;
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'punct' || !ops.includes(t.v)) return left;
      pos++;
      const right = next();
      if (!right) return undefined;
      left = { type: 'binary', op: t.v as BinaryOp, left, right, start: left.start, end: right.end };
    }
  };
  const unary = (): Expr | undefined => {
    const t = peek();
    if (t && t.t === 'punct' && t.v === '!') {
      pos++;
      if (++depth > MAX_DEPTH) return undefined;
      const operand = unary();
      depth--;
      return operand ? { type: 'not', operand, start: t.start, end: operand.end } : undefined;
    }
    return postfix();
  };
  const cmpExpr = binary(['<', '<=', '>', '>='], unary);
  const eqExpr = binary(['==', '!='], cmpExpr);
  const andExpr = binary(['&&'], eqExpr);
  const orExpr = binary(['||'], andExpr);
  const parts = (): Part[] | undefined => {
    const out: Part[] = [];
    for (;;) {
      if (eat('.')) {
        const t = peek();
        if (t && t.t === 'ident') {
          pos++;
          out.push({ kind: 'name', name: t.v });
        } else if (t && t.t === 'punct' && t.v === '*') {
          pos++;
          out.push({ kind: 'star' });
        } else if (t && t.t === 'num' && /^[0-9]+$/.test(t.v)) {
          pos++;
          out.push({ kind: 'star' });
        } else return undefined;
      } else if (eat('[')) {
        if (eat('*')) out.push({ kind: 'star' });
        else {
          if (++depth > MAX_DEPTH) return undefined;
          const idx = orExpr();
          depth--;
          if (!idx) return undefined;
          if (idx.type === 'literal' && idx.kind === 'string') out.push({ kind: 'name', name: String(idx.value) });
          else if (idx.type === 'literal' && idx.kind === 'number') out.push({ kind: 'star' });
          else out.push({ kind: 'index', expr: idx });
        }
        if (!eat(']')) return undefined;
      } else return out;
    }
  };
  const postfix = (): Expr | undefined => {
    const base = primary();
    if (!base) return undefined;
    const more = parts();
    if (!more) return undefined;
    if (more.length === 0) return base;
    const end = toks[pos - 1]!.end;
    if (base.type === 'context') return { type: 'context', parts: [...base.parts, ...more], start: base.start, end };
    return { type: 'access', base, parts: more, start: base.start, end };
  };
  const primary = (): Expr | undefined => {
    const t = peek();
    if (!t) return undefined;
    if (t.t === 'str') {
      pos++;
      return { type: 'literal', kind: 'string', value: t.v, start: t.start, end: t.end };
    }
    if (t.t === 'num') {
      pos++;
      const n = Number(t.v);
      return { type: 'literal', kind: 'number', value: Number.isNaN(n) ? t.v : n, start: t.start, end: t.end };
    }
    if (t.t === 'punct' && t.v === '(') {
      pos++;
      if (++depth > MAX_DEPTH) return undefined;
      const inner = orExpr();
      depth--;
      if (!inner || !eat(')')) return undefined;
      return inner;
    }
    if (t.t === 'ident') {
      pos++;
      const lower = t.v.toLowerCase();
      if (eat('(')) {
        const args: Expr[] = [];
        if (!eat(')')) {
          for (;;) {
            if (++depth > MAX_DEPTH) return undefined;
            const a = orExpr();
            depth--;
            if (!a) return undefined;
            args.push(a);
            if (eat(')')) break;
            if (!eat(',')) return undefined;
          }
        }
        return { type: 'call', name: lower, args, start: t.start, end: toks[pos - 1]!.end };
      }
      if (lower === 'true' || lower === 'false') return { type: 'literal', kind: 'bool', value: lower === 'true', start: t.start, end: t.end };
      if (lower === 'null') return { type: 'literal', kind: 'null', value: null, start: t.start, end: t.end };
      return { type: 'context', parts: [{ kind: 'name', name: t.v }], start: t.start, end: t.end };
    }
    return undefined;
  };
  const result = orExpr();
  if (!result || pos !== toks.length) return undefined;
  return result;
}

/** `github.event.issue.title` style text of a context, lowercased, with `*` for stars and indexes. */
export function contextPath(parts: readonly Part[]): string {
  return parts.map((p) => (p.kind === 'name' ? p.name.toLowerCase() : '*')).join('.');
}

/** A context reached through a function call, e.g. `fromJSON(x).a.b`: the call and the path after it. */
export interface Flow {
  /** Normalised context path (`github.event.issue.title`), or the inner context of a call-led access. */
  readonly path: string;
  readonly node: Expr;
  /** The value reached it only through `fromJSON(...)` or property access on a call result. */
  readonly viaCall?: boolean;
}

/** Function results that never carry their arguments' text (booleans, hashes, status checks). */
const OPAQUE_CALLS = new Set(['contains', 'startswith', 'endswith', 'success', 'failure', 'always', 'cancelled', 'hashfiles']);

/**
 * The contexts whose text can end up in the expression's value. `a && b` yields `a` only when `a` is
 * falsy (false, 0, '' or null), which is never dangerous text, so only `b` flows; comparisons, `!`
 * and boolean functions yield booleans.
 */
export function dataflow(e: Expr, out: Flow[] = [], viaCall = false): Flow[] {
  switch (e.type) {
    case 'literal':
      return out;
    case 'context':
      out.push({ path: contextPath(e.parts), node: e, ...(viaCall ? { viaCall } : {}) });
      return out;
    case 'not':
      return out;
    case 'binary':
      if (e.op === '||') {
        dataflow(e.left, out, viaCall);
        dataflow(e.right, out, viaCall);
      } else if (e.op === '&&') dataflow(e.right, out, viaCall);
      return out;
    case 'call':
      if (OPAQUE_CALLS.has(e.name)) return out;
      if (e.name === 'case') {
        // case(pred1, value1, pred2, value2, ..., default): only the values flow.
        e.args.forEach((a, i) => {
          if (i % 2 === 1 || i === e.args.length - 1) dataflow(a, out, viaCall);
        });
        return out;
      }
      for (const a of e.args) dataflow(a, out, viaCall || e.name === 'fromjson');
      return out;
    case 'access':
      return dataflow(e.base, out, true);
  }
}

/** Every context the expression mentions, wherever it appears (conditions included). */
export function allContexts(e: Expr, out: { path: string; node: Expr & { type: 'context' } }[] = []): { path: string; node: Expr & { type: 'context' } }[] {
  switch (e.type) {
    case 'context':
      out.push({ path: contextPath(e.parts), node: e });
      for (const p of e.parts) if (p.kind === 'index') allContexts(p.expr, out);
      return out;
    case 'not':
      return allContexts(e.operand, out);
    case 'binary':
      allContexts(e.left, out);
      return allContexts(e.right, out);
    case 'call':
      for (const a of e.args) allContexts(a, out);
      return out;
    case 'access':
      allContexts(e.base, out);
      for (const p of e.parts) if (p.kind === 'index') allContexts(p.expr, out);
      return out;
    case 'literal':
      return out;
  }
}

/** Visits every node of an expression tree, parents first. */
export function walkExpr(e: Expr, visit: (node: Expr) => void): void {
  visit(e);
  switch (e.type) {
    case 'not':
      walkExpr(e.operand, visit);
      return;
    case 'binary':
      walkExpr(e.left, visit);
      walkExpr(e.right, visit);
      return;
    case 'call':
      for (const a of e.args) walkExpr(a, visit);
      return;
    case 'access':
      walkExpr(e.base, visit);
      for (const p of e.parts) if (p.kind === 'index') walkExpr(p.expr, visit);
      return;
    case 'context':
      for (const p of e.parts) if (p.kind === 'index') walkExpr(p.expr, visit);
      return;
    case 'literal':
      return;
  }
}

/** The constant truth value of an expression made only of literals and logic, or undefined. */
export function constantTruth(e: Expr): boolean | undefined {
  switch (e.type) {
    case 'literal':
      return e.kind === 'bool' ? Boolean(e.value) : e.kind === 'null' ? false : e.kind === 'number' ? e.value !== 0 : e.value !== '';
    case 'not': {
      const v = constantTruth(e.operand);
      return v === undefined ? undefined : !v;
    }
    case 'binary': {
      if (e.op !== '&&' && e.op !== '||') return undefined;
      const l = constantTruth(e.left);
      const r = constantTruth(e.right);
      if (e.op === '&&') return l === false || r === false ? false : l === true && r === true ? true : undefined;
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    default:
      return undefined;
  }
}

/** String literals an expression can evaluate to (for `a && 'x' || 'y'` style choices); undefined when a non-literal can flow. */
export function possibleStrings(e: Expr): string[] | undefined {
  switch (e.type) {
    case 'literal':
      return [e.value === null ? '' : String(e.value)];
    case 'binary':
      if (e.op === '||') {
        const l = possibleStrings(e.left);
        const r = possibleStrings(e.right);
        return l && r ? [...l, ...r] : undefined;
      }
      if (e.op === '&&') return possibleStrings(e.right);
      return ['true', 'false'];
    case 'not':
      return ['true', 'false'];
    default:
      return undefined;
  }
}

/** `${{ ... }}` fences in a piece of text: inner text and offsets of the whole fence. */
export function fences(text: string, from = 0, to = text.length): { inner: string; start: number; end: number; innerStart: number }[] {
  const out: { inner: string; start: number; end: number; innerStart: number }[] = [];
  let i = text.indexOf('${{', from);
  while (i >= 0 && i < to) {
    const close = findClose(text, i + 3, to);
    if (close < 0) break;
    out.push({ inner: text.slice(i + 3, close), start: i, end: close + 2, innerStart: i + 3 });
    i = text.indexOf('${{', close + 2);
  }
  return out;
}

/** The `}}` that closes a fence, skipping `}}` inside string literals. */
function findClose(text: string, from: number, to: number): number {
  let inStr = false;
  for (let i = from; i < to - 1; i++) {
    const c = text[i];
    if (c === "'") inStr = !inStr;
    else if (!inStr && c === '}' && text[i + 1] === '}') return i;
  }
  // Unbalanced quotes: fall back to the first `}}`.
  const plain = text.indexOf('}}', from);
  return plain >= 0 && plain < to - 1 ? plain : -1;
}

export type Value = string | number | boolean | null;

/**
 * Evaluates an expression with known context values (lowercased paths). Returns undefined when the
 * result depends on a context that is not given. Comparisons follow GitHub: strings compare
 * case-insensitively, and mixed types are coerced to numbers.
 */
export function evaluate(e: Expr, known: ReadonlyMap<string, Value>): Value | undefined {
  switch (e.type) {
    case 'literal':
      return e.value;
    case 'context': {
      const p = contextPath(e.parts);
      return known.has(p) ? known.get(p)! : undefined;
    }
    case 'not': {
      const v = evaluate(e.operand, known);
      return v === undefined ? undefined : !truthy(v);
    }
    case 'binary': {
      if (e.op === '&&') {
        const l = evaluate(e.left, known);
        if (l !== undefined && !truthy(l)) return l;
        const r = evaluate(e.right, known);
        return l === undefined ? (r !== undefined && !truthy(r) ? r : undefined) : r;
      }
      if (e.op === '||') {
        const l = evaluate(e.left, known);
        if (l !== undefined && truthy(l)) return l;
        const r = evaluate(e.right, known);
        return l === undefined ? (r !== undefined && truthy(r) ? r : undefined) : r;
      }
      const l = evaluate(e.left, known);
      const r = evaluate(e.right, known);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === '==') return looseEquals(l, r);
      if (e.op === '!=') return !looseEquals(l, r);
      const a = toNumber(l);
      const b = toNumber(r);
      return e.op === '<' ? a < b : e.op === '<=' ? a <= b : e.op === '>' ? a > b : a >= b;
    }
    case 'call': {
      const args = e.args.map((a) => evaluate(a, known));
      if (args.some((a) => a === undefined)) return undefined;
      const s = args.map((a) => String(a ?? '').toLowerCase());
      if (e.name === 'startswith') return s[0]!.startsWith(s[1]!);
      if (e.name === 'endswith') return s[0]!.endsWith(s[1]!);
      if (e.name === 'contains') return s[0]!.includes(s[1]!);
      return undefined;
    }
    case 'access':
      return undefined;
  }
}

export function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== '' && !(typeof v === 'number' && Number.isNaN(v));
}

function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t === '') return 0;
  const n = Number(t);
  return Number.isNaN(n) ? NaN : n;
}
