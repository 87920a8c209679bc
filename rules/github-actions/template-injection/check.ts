// Flags attacker-controllable `${{ }}` expressions pasted into run scripts and github-script code.
import { fileCheck, nodeSpan, scalarText, yamlEntries, yamlPair, type EditSpec, type FileContext, type Span } from '../../../server/src/engine/ruleApi';
import { columnOf, expressionsIn, parseUses, readWorkflow, stepInput, type WfStep, type WfValue } from '../_lib/workflow';
import { attacker, envName } from './contexts';

type Ctx = FileContext<'github-workflow' | 'github-action'>;

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  for (const { step } of wf.allSteps) {
    if (step.run) checkCode(ctx, step, step.run, 'run');
    if (step.uses) {
      const ref = parseUses(step.uses);
      if (ref.type === 'repo' && `${ref.owner}/${ref.repo}`.toLowerCase() === 'actions/github-script') {
        const script = stepInput(step, 'script');
        if (script) checkCode(ctx, step, script, 'script');
      }
    }
  }
});

function checkCode(ctx: Ctx, step: WfStep, code: WfValue, messageId: 'run' | 'script'): void {
  const text = ctx.file.text;
  const shellOk = messageId === 'run' && (step.shell === undefined || /^(bash|sh)\b/.test(step.shell));
  const used = new Map<string, string>(); // env name -> expression already assigned to it in this step
  for (const e of yamlEntries(step.env)) used.set(e.key, scalarText(e.value) ?? '');
  const inserted = new Set<string>();
  for (const expr of expressionsIn(text, code.span)) {
    const found = attacker(expr.inner);
    if (!found) continue;
    const exprText = `\${{ ${expr.inner} }}`;
    const fixes = [];
    const plainPath = /^[A-Za-z_][\w.*-]*$/.test(expr.inner);
    if (shellOk && plainPath) {
      const name = pickName(envName(found.path), exprText, used);
      const edits = moveToEnv(ctx, step, code, expr.span, name, exprText, !used.has(name) && !inserted.has(name));
      if (edits) {
        used.set(name, exprText);
        inserted.add(name);
        fixes.push({ fixId: 'moveToEnv', safety: 'needs-review' as const, edits, data: { expr: expr.inner, name } });
      }
    }
    ctx.report({ messageId, at: expr.span, data: { expr: expr.inner, who: found.who.en, whoJa: found.who.ja }, fixes });
  }
}

function pickName(base: string, exprText: string, used: ReadonlyMap<string, string>): string {
  let name = base;
  for (let n = 2; used.has(name) && used.get(name) !== exprText; n++) name = `${base}_${n}`;
  return name;
}

/** Replace the expression with a quoted variable reference and, once per name, add the env entry. */
function moveToEnv(ctx: Ctx, step: WfStep, code: WfValue, exprSpan: Span, name: string, exprText: string, addEnv: boolean): EditSpec[] | undefined {
  const text = ctx.file.text;
  // A YAML-quoted scalar's own quote is not shell quoting.
  const yamlQuoted = (code.node as { type?: string }).type === 'QUOTE_DOUBLE' || (code.node as { type?: string }).type === 'QUOTE_SINGLE';
  const quote = shellQuoteState(text, code.span.start + (yamlQuoted ? 1 : 0), exprSpan.start);
  const ref = quote === 'double' ? `\${${name}}` : quote === 'single' ? `'"\${${name}}"'` : `"\${${name}}"`;
  // '${{ x }}' on its own becomes "${X}" rather than ''"${X}"''.
  const wholeSingle = quote === 'single' && text[exprSpan.start - 1] === "'" && text[exprSpan.end] === "'";
  const edits: EditSpec[] = [wholeSingle ? { span: { start: exprSpan.start - 1, end: exprSpan.end + 1 }, newText: `"\${${name}}"` } : { span: exprSpan, newText: ref }];
  if (!addEnv) return edits;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const envPair = yamlPair(step.node, 'env');
  if (envPair) {
    const entries = yamlEntries(envPair.value);
    const last = entries[entries.length - 1];
    const lastSpan = last ? nodeSpan(last.pair.value) ?? nodeSpan(last.pair.key) : undefined;
    const firstKey = entries[0] ? nodeSpan(entries[0].pair.key) : undefined;
    if (!lastSpan || !firstKey || (envPair.value as { flow?: boolean }).flow) return undefined;
    const indent = ' '.repeat(columnOf(text, firstKey.start));
    const lineEnd = text.indexOf('\n', lastSpan.end);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    edits.push({ span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${indent}${name}: ${exprText}` : `${indent}${name}: ${exprText}${eol}` });
    return edits;
  }
  const runPair = yamlPair(step.node, code === step.run ? 'run' : 'with');
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
