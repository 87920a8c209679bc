// Which jobs run on self-hosted runners: the `self-hosted` label in `runs-on` (a string, a list,
// `labels:` of a group, or a static matrix value the runs-on expression picks).
import { isYamlMap, isYamlScalar, isYamlSeq, nodeSpan, scalarText, yamlGet, yamlItems, type Span } from '../../../server/src/engine/ruleApi';
import { dataflow, parseExpr } from './expr';
import { matrixValues } from './matrix';
import type { WfJob } from './workflow';

/** The span of `runs-on` when the job can run on a self-hosted runner. */
export function selfHostedRunsOn(job: WfJob): Span | undefined {
  const node = yamlGet(job.node, 'runs-on');
  if (node === undefined) return undefined;
  const labels: string[] = [];
  const add = (text: string) => {
    const t = text.trim();
    const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(t);
    if (!whole) {
      labels.push(t);
      return;
    }
    const parsed = parseExpr(whole[1]!);
    if (!parsed) return;
    for (const f of dataflow(parsed)) {
      if (!f.path.startsWith('matrix.')) continue;
      for (const v of matrixValues(job.matrix, f.path.split('.').slice(1)) ?? []) labels.push(v);
    }
  };
  if (isYamlScalar(node)) add(scalarText(node) ?? '');
  else if (isYamlSeq(node)) for (const i of yamlItems(node)) add(scalarText(i) ?? '');
  else if (isYamlMap(node)) {
    const l = yamlGet(node, 'labels');
    if (isYamlSeq(l)) for (const i of yamlItems(l)) add(scalarText(i) ?? '');
    else if (l !== undefined) add(scalarText(l) ?? '');
  }
  return labels.some((l) => l.toLowerCase() === 'self-hosted') ? nodeSpan(node) : undefined;
}
