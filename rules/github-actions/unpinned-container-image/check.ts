// Flags job containers, service containers and `docker://` steps whose image is not pinned by
// digest: no tag (implicitly latest), `:latest`, or a tag that can be pushed again.
import { fileCheck, isYamlMap, parseImageRef, yamlEntries, yamlGet } from '../../../server/src/engine/ruleApi';
import { dataflow, fences, parseExpr, possibleStrings } from '../_lib/expr';
import { matrixValues } from '../_lib/matrix';
import { onceEach, parseUses, readWorkflow, scalarValue, type WfJob, type WfValue } from '../_lib/workflow';

type Verdict = { messageId: 'noTag' | 'latest' | 'tagOnly'; image: string } | { messageId: 'dynamic'; image: string } | undefined;

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const check = (v: WfValue | undefined, job: WfJob | undefined, where: string, image: string | undefined = v?.value) => {
    if (!v || image === undefined) return;
    const verdict = judge(image, job);
    if (!verdict) return;
    report({ messageId: verdict.messageId, at: v.span, data: { image: verdict.image, where } });
  };
  for (const job of wf.jobs) {
    const container = job.container;
    if (container !== undefined) check(isYamlMap(container) ? scalarValue(yamlGet(container, 'image')) : scalarValue(container), job, `jobs.${job.id}.container`);
    for (const e of yamlEntries(job.services)) check(isYamlMap(e.value) ? scalarValue(yamlGet(e.value, 'image')) : undefined, job, `jobs.${job.id}.services.${e.key}`);
  }
  for (const { step, job } of wf.allSteps) {
    if (!step.uses) continue;
    const ref = parseUses(step.uses);
    if (ref.type === 'docker') check(step.uses, job, `uses: ${step.uses.value.trim()}`, ref.image);
  }
  if (wf.image && wf.image.value.trim().startsWith('docker://')) check(wf.image, undefined, 'runs.image', wf.image.value.trim().slice('docker://'.length));
});

function judge(image: string, job: WfJob | undefined): Verdict {
  const t = image.trim();
  if (t === '') return undefined;
  if (!t.includes('${{')) return judgeLiteral(t);
  // An expression: judge every image it can produce.
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(t);
  const candidates: string[] = [];
  if (whole && !whole[1]!.includes('${{')) {
    const parsed = parseExpr(whole[1]!);
    if (!parsed) return { messageId: 'dynamic', image: t };
    const literal = possibleStrings(parsed);
    if (literal) candidates.push(...literal);
    else {
      for (const flow of dataflow(parsed)) {
        const values = flow.path.startsWith('matrix.') ? matrixValues(job?.matrix, flow.path.split('.').slice(1)) : undefined;
        if (!values) return { messageId: 'dynamic', image: t };
        candidates.push(...values);
      }
      collectLiterals(whole[1]!, candidates);
    }
  } else {
    // Text around or between fences: only literal prefixes can be judged.
    if (fences(t).length > 0) return { messageId: 'dynamic', image: t };
  }
  let worst: Verdict;
  const rank = { noTag: 3, latest: 3, tagOnly: 1, dynamic: 2 } as const;
  for (const c of candidates) {
    if (c.includes('${{')) return { messageId: 'dynamic', image: t };
    const v = judgeLiteral(c.trim());
    if (v && (!worst || rank[v.messageId] > rank[worst.messageId])) worst = v;
  }
  return worst;
}

/** String literals of an expression that can be the result (`x || 'img:1'`). */
function collectLiterals(inner: string, out: string[]): void {
  const parsed = parseExpr(inner);
  if (!parsed) return;
  const strings = possibleStrings(parsed);
  if (strings) out.push(...strings);
  else if (parsed.type === 'binary' && parsed.op === '||') {
    const right = possibleStrings(parsed.right);
    if (right) out.push(...right);
  }
}

function judgeLiteral(image: string): Verdict {
  if (image === '') return undefined;
  const ref = parseImageRef(image);
  if (ref.digest !== undefined && /^sha(256|384|512):/i.test(ref.digest)) return undefined;
  if (ref.dynamic) return { messageId: 'dynamic', image };
  if (ref.tag === undefined) return { messageId: 'noTag', image };
  if (ref.tag.toLowerCase() === 'latest') return { messageId: 'latest', image };
  return { messageId: 'tagOnly', image };
}
