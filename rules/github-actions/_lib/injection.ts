// Where `${{ }}` expressions become code: `run:` scripts and the inputs of actions that evaluate
// their input as a script. Shared by template-injection (attacker-controlled values) and
// indirect-template-injection (values Kamae cannot trace), with the move-to-env fix both offer.
import { fileCheck, isYamlAlias, nodeSpan, scalarText, yamlEntries, yamlPair, type EditSpec, type FileCheck, type FixSpec, type Span } from '../../../server/src/engine/ruleApi';
import { fences } from './expr';
import { judgeExpression, type Scope, type Verdict } from './sources';
import { actionName, columnOf, isPosixShell, mapEntries, neverRuns, onceEach, readWorkflow, type WfJob, type WfStep, type WfValue, type Workflow } from './workflow';

/** Actions that run one of their inputs as code (after CodeQL's and zizmor's sink lists), lowercased. */
export const CODE_INPUTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['actions/github-script', ['script']],
  ['amadevus/pwsh-script', ['script']],
  ['jannekem/run-python-script-action', ['script']],
  ['cardinalby/js-eval-action', ['expression']],
  ['azure/cli', ['inlinescript']],
  ['azure/powershell', ['inlinescript']],
  ['appleboy/ssh-action', ['script']],
  ['garygrossgarten/github-action-ssh', ['command']],
  ['mathiasvr/command-output', ['run']],
  ['addnab/docker-run-action', ['run']],
  ['nick-fields/retry', ['command']],
  ['wandalen/wretry.action', ['command']],
]);

export interface Sink {
  readonly step: WfStep;
  readonly job?: WfJob;
  /** `run`, or the input of an action that evaluates it. */
  readonly kind: 'run' | 'script' | 'input';
  readonly code: WfValue;
  readonly action?: string;
  readonly input?: string;
}

export function sinks(wf: Workflow): Sink[] {
  const out: Sink[] = [];
  // A step reused through a YAML alias is the same text: report it once, where it is written.
  const seen = new Set<object>();
  for (const { step, job } of wf.allSteps) {
    if (neverRuns(step.if) || seen.has(step.node)) continue;
    seen.add(step.node);
    if (step.run) out.push({ step, ...(job ? { job } : {}), kind: 'run', code: step.run });
    const name = actionName(step.uses);
    if (!name) continue;
    const repo = name.split('/').slice(0, 2).join('/');
    const inputs = CODE_INPUTS.get(name) ?? CODE_INPUTS.get(repo);
    if (!inputs || inputs.length === 0) continue;
    for (const e of mapEntries(step.with)) {
      if (!e.value || !inputs.includes(e.key.toLowerCase())) continue;
      out.push({ step, ...(job ? { job } : {}), kind: repo === 'actions/github-script' ? 'script' : 'input', code: e.value, action: repo, input: e.key });
    }
  }
  return out;
}

export interface Expansion {
  readonly sink: Sink;
  readonly inner: string;
  readonly span: Span;
  readonly verdict: Verdict;
}

/** Every expression expanded into code, with the verdict on who controls its value. */
export function expansions(wf: Workflow, text: string): Expansion[] {
  const out: Expansion[] = [];
  for (const sink of sinks(wf)) {
    const scope: Scope = { wf, ...(sink.job ? { job: sink.job } : {}), step: sink.step, text };
    const span = sink.code.span;
    for (const f of fences(text, span.start, span.end)) {
      const inner = f.inner.trim();
      const verdict = judgeExpression(inner, scope);
      if (!verdict || verdict.level === 'safe') continue;
      out.push({ sink, inner, span: { start: f.start, end: f.end }, verdict });
    }
  }
  return out;
}

/** `github.event.issue.title` -> ISSUE_TITLE; `env.FOO` -> FOO. */
export function envName(path: string): string {
  const core = path
    .replace(/^github\.event\./, '')
    .replace(/^github\./, '')
    .replace(/^inputs\./, 'input.')
    .replace(/pull_request/g, 'pr')
    .replace(/\.\*/g, '')
    .replace(/[^a-z0-9]+/gi, '_')
    .replace(/^_+|_+$/g, '');
  return core.toUpperCase() || 'UNTRUSTED_INPUT';
}

/**
 * The fix for an expression in a POSIX `run:` script: pass the value through `env:` and read it as a
 * quoted variable. `${{ env.X }}` needs no new entry: the variable is already in the environment.
 * Returns undefined where the edit is not deterministic (other shells, flow-style env, expressions
 * that are not a plain context).
 */
export function moveToEnvFix(text: string, exp: Expansion, used: Map<string, string>, inserted: Set<string>): FixSpec | undefined {
  const { sink } = exp;
  if (sink.kind !== 'run' || !isPosixShell(sink.step.effectiveShell)) return undefined;
  if (!/^[A-Za-z_][\w.*-]*$/.test(exp.inner) || exp.inner.includes('*')) return undefined;
  const exprText = `\${{ ${exp.inner} }}`;
  const envRef = /^env\.([A-Za-z_]\w*)$/.exec(exp.inner);
  const name = envRef ? envRef[1]! : pickName(envName(exp.inner.toLowerCase()), exprText, used);
  const addEnv = !envRef && !used.has(name) && !inserted.has(name);
  const edits = moveToEnv(text, sink.step, sink.code, exp.span, name, exprText, addEnv);
  if (!edits) return undefined;
  if (!envRef) {
    used.set(name, exprText);
    inserted.add(name);
  }
  return { fixId: 'moveToEnv', safety: 'needs-review', edits, data: { expr: exp.inner, name } };
}

/** The env entries a step already has, for naming new ones without clashes. */
export function stepEnvNames(step: WfStep): Map<string, string> {
  const used = new Map<string, string>();
  for (const e of yamlEntries(step.env)) used.set(e.key, scalarText(e.value) ?? '');
  return used;
}

function pickName(base: string, exprText: string, used: ReadonlyMap<string, string>): string {
  let name = base;
  for (let n = 2; used.has(name) && used.get(name) !== exprText; n++) name = `${base}_${n}`;
  return name;
}

function moveToEnv(text: string, step: WfStep, code: WfValue, exprSpan: Span, name: string, exprText: string, addEnv: boolean): EditSpec[] | undefined {
  // A YAML-quoted scalar's own quote is not shell quoting.
  const nodeType = (code.node as { type?: string }).type;
  const yamlQuoted = nodeType === 'QUOTE_DOUBLE' || nodeType === 'QUOTE_SINGLE';
  if (nodeType === 'QUOTE_DOUBLE' && text.slice(code.span.start, exprSpan.start).includes('\\')) return undefined;
  const quote = shellQuoteState(text, code.span.start + (yamlQuoted ? 1 : 0), exprSpan.start);
  let ref = quote === 'double' ? `\${${name}}` : quote === 'single' ? `'"\${${name}}"'` : `"\${${name}}"`;
  // Inside a YAML single-quoted scalar a ' must be written twice.
  if (nodeType === 'QUOTE_SINGLE') ref = ref.replace(/'/g, "''");
  // Inside a YAML double-quoted scalar a " must be escaped.
  if (nodeType === 'QUOTE_DOUBLE') ref = ref.replace(/"/g, '\\"');
  const wholeSingle = quote === 'single' && text[exprSpan.start - 1] === "'" && text[exprSpan.end] === "'" && nodeType !== 'QUOTE_SINGLE';
  const edits: EditSpec[] = [wholeSingle ? { span: { start: exprSpan.start - 1, end: exprSpan.end + 1 }, newText: nodeType === 'QUOTE_DOUBLE' ? `\\"\${${name}}\\"` : `"\${${name}}"` } : { span: exprSpan, newText: ref }];
  if (!addEnv) return edits;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const envPair = yamlPair(step.node, 'env');
  if (envPair) {
    const entries = yamlEntries(envPair.value);
    const last = entries[entries.length - 1];
    const lastSpan = last ? (nodeSpan(last.pair.value) ?? nodeSpan(last.pair.key)) : undefined;
    const firstKey = entries[0] ? nodeSpan(entries[0].pair.key) : undefined;
    if (!lastSpan || !firstKey || (envPair.value as { flow?: boolean }).flow) return undefined;
    // Only when the env mapping is the step's own (not an alias of another node).
    if (isYamlAlias(envPair.value)) return undefined;
    const indent = ' '.repeat(columnOf(text, firstKey.start));
    const lineEnd = text.indexOf('\n', trimmedEnd(text, lastSpan.end));
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    edits.push({ span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${indent}${name}: ${exprText}` : `${indent}${name}: ${exprText}${eol}` });
    return edits;
  }
  const runPair = yamlPair(step.node, 'run');
  const keyStart = runPair ? nodeSpan(runPair.key)?.start : undefined;
  if (keyStart === undefined) return undefined;
  const col = columnOf(text, keyStart);
  // Only when the key starts its own line (block style), so indentation is well defined.
  if (text.slice(keyStart - col, keyStart).trim() !== '' && !/^\s*-\s+$/.test(text.slice(keyStart - col, keyStart))) return undefined;
  const indent = ' '.repeat(col);
  edits.push({ span: { start: keyStart, end: keyStart }, newText: `env:${eol}${indent}  ${name}: ${exprText}${eol}${indent}` });
  return edits;
}

/** The shell quoting in force at `at`, scanning the script from `from`; escapes outside single quotes are honoured. */
function shellQuoteState(text: string, from: number, at: number): 'none' | 'single' | 'double' {
  let state: 'none' | 'single' | 'double' = 'none';
  for (let i = from; i < at; i++) {
    const c = text[i];
    if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (c === '\\') i++;
    else if (c === '"') state = state === 'double' ? 'none' : 'double';
    else if (c === "'" && state === 'none') state = 'single';
  }
  return state;
}

/** A node's end with trailing blank space removed (block collections end after their last line break). */
function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
}

/**
 * The check of both template-injection rules: every expansion of the given provenance level, with a
 * fix that moves it into the step's env (each new name reserved once per step).
 */
export function injectionCheck(level: Verdict['level']): FileCheck<'github-workflow' | 'github-action'> {
  return fileCheck<'github-workflow' | 'github-action'>((ctx) => {
    const report = onceEach(ctx);
    const wf = readWorkflow(ctx.file);
    if (!wf) return;
    const text = ctx.file.text;
    const perStep = new Map<object, { used: Map<string, string>; inserted: Set<string> }>();
    for (const exp of expansions(wf, text)) {
      if (exp.verdict.level !== level) continue;
      const step = exp.sink.step;
      let names = perStep.get(step.node);
      if (!names) perStep.set(step.node, (names = { used: stepEnvNames(step), inserted: new Set() }));
      const fix = moveToEnvFix(text, exp, names.used, names.inserted);
      const fixes: FixSpec[] = fix ? [fix] : [];
      const expr = exp.inner.replace(/\s+/g, ' '); // expressions can span lines; messages show them on one
      const source = exp.verdict.via && exp.verdict.path ? `${expr} (${exp.verdict.path})` : expr;
      const data = { expr: source, who: exp.verdict.who.en, whoJa: exp.verdict.who.ja };
      if (exp.sink.kind === 'input') report({ messageId: 'sink', at: exp.span, data: { ...data, input: exp.sink.input ?? '', action: exp.sink.action ?? '' }, fixes });
      else report({ messageId: exp.sink.kind, at: exp.span, data, fixes });
    }
  });
}
