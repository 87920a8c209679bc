// A typed view of GitHub Actions workflows and action.yml files over the YAML AST, with spans,
// shared by the github-actions rules. Reading only: rules build fixes from the spans.
import {
  isYamlMap,
  isYamlScalar,
  isYamlSeq,
  nodeSpan,
  scalarText,
  yamlEntries,
  yamlGet,
  yamlItems,
  yamlPair,
  type ParsedFile,
  type Span,
  type YamlMap,
  type YamlNode,
  type YamlPair,
} from '../../../server/src/engine/ruleApi';

export interface WfValue {
  readonly value: string;
  readonly node: YamlNode;
  readonly span: Span;
}
export interface WfStep {
  readonly node: YamlMap;
  readonly index: number;
  readonly span: Span;
  readonly uses?: WfValue;
  readonly run?: WfValue;
  readonly with?: YamlNode;
  readonly env?: YamlNode;
  readonly if?: WfValue;
  readonly name?: string;
  readonly id?: string;
  /** The step's `shell:` (defaults to bash on Linux runners). */
  readonly shell?: string;
}
export interface WfJob {
  readonly id: string;
  readonly node: YamlMap;
  readonly pair: YamlPair<YamlNode, YamlNode>;
  readonly keySpan: Span;
  readonly steps: readonly WfStep[];
  /** A call to a reusable workflow (`jobs.<id>.uses`). */
  readonly uses?: WfValue;
  readonly permissions?: YamlPair<YamlNode, YamlNode>;
  readonly runsOn?: YamlNode;
  readonly container?: YamlNode;
  readonly services?: YamlNode;
  readonly env?: YamlNode;
  readonly if?: WfValue;
  readonly secrets?: YamlNode;
}
export interface Workflow {
  readonly kind: 'workflow' | 'action';
  readonly root: YamlMap;
  /** Trigger names from `on:` (string, list or mapping form). Empty for actions. */
  readonly triggers: ReadonlyMap<string, YamlNode | undefined>;
  readonly onPair?: YamlPair<YamlNode, YamlNode>;
  readonly jobsPair?: YamlPair<YamlNode, YamlNode>;
  readonly permissions?: YamlPair<YamlNode, YamlNode>;
  readonly env?: YamlNode;
  readonly jobs: readonly WfJob[];
  /** For composite actions: `runs.steps`; for workflows: every job's steps, in order. */
  readonly allSteps: readonly { readonly step: WfStep; readonly job?: WfJob }[];
  /** `runs.using` of an action.yml (composite, docker, node20...). */
  readonly using?: string;
  /** `runs.image` of a Docker container action. */
  readonly image?: WfValue;
}

export function readWorkflow(file: ParsedFile<'github-workflow' | 'github-action'>): Workflow | undefined {
  const root = file.model.docs[0]?.contents;
  if (!isYamlMap(root)) return undefined;
  if (file.kind === 'github-action') {
    const runs = yamlGet(root, 'runs');
    const steps = readSteps(yamlGet(runs, 'steps'));
    const using = scalarText(yamlGet(runs, 'using'));
    const image = value(yamlGet(runs, 'image'));
    return {
      kind: 'action',
      root,
      triggers: new Map(),
      jobs: [],
      allSteps: steps.map((step) => ({ step })),
      ...(using !== undefined ? { using } : {}),
      ...(image ? { image } : {}),
    };
  }
  // `on` is a YAML 1.1 boolean in some parsers; the yaml package (1.2) keeps it a string key.
  const onPair = yamlPair(root, 'on') ?? yamlPair(root, 'true');
  const triggers = new Map<string, YamlNode | undefined>();
  const on = onPair?.value;
  if (isYamlScalar(on)) triggers.set(scalarText(on) ?? '', undefined);
  else if (isYamlSeq(on)) for (const i of yamlItems(on)) triggers.set(scalarText(i) ?? '', undefined);
  else for (const e of yamlEntries(on)) triggers.set(e.key, e.value);
  const jobsPair = yamlPair(root, 'jobs');
  const jobs: WfJob[] = [];
  for (const e of yamlEntries(jobsPair?.value)) {
    if (!isYamlMap(e.value)) continue;
    const node = e.value;
    const uses = value(yamlGet(node, 'uses'));
    const ifv = value(yamlGet(node, 'if'));
    const permissions = yamlPair(node, 'permissions');
    const runsOn = yamlGet(node, 'runs-on');
    const container = yamlGet(node, 'container');
    const services = yamlGet(node, 'services');
    const env = yamlGet(node, 'env');
    const secrets = yamlGet(node, 'secrets');
    jobs.push({
      id: e.key,
      node,
      pair: e.pair,
      keySpan: nodeSpan(e.pair.key) ?? nodeSpan(node)!,
      steps: readSteps(yamlGet(node, 'steps')),
      ...(uses ? { uses } : {}),
      ...(ifv ? { if: ifv } : {}),
      ...(permissions ? { permissions } : {}),
      ...(runsOn ? { runsOn } : {}),
      ...(container ? { container } : {}),
      ...(services ? { services } : {}),
      ...(env ? { env } : {}),
      ...(secrets ? { secrets } : {}),
    });
  }
  const permissions = yamlPair(root, 'permissions');
  const env = yamlGet(root, 'env');
  return {
    kind: 'workflow',
    root,
    triggers,
    ...(onPair ? { onPair } : {}),
    ...(jobsPair ? { jobsPair } : {}),
    ...(permissions ? { permissions } : {}),
    ...(env ? { env } : {}),
    jobs,
    allSteps: jobs.flatMap((job) => job.steps.map((step) => ({ step, job }))),
  };
}

function readSteps(seq: YamlNode | undefined): WfStep[] {
  const out: WfStep[] = [];
  yamlItems(seq).forEach((node, index) => {
    if (!isYamlMap(node)) return;
    const uses = value(yamlGet(node, 'uses'));
    const run = value(yamlGet(node, 'run'));
    const withNode = yamlGet(node, 'with');
    const env = yamlGet(node, 'env');
    const ifv = value(yamlGet(node, 'if'));
    const name = scalarText(yamlGet(node, 'name'));
    const id = scalarText(yamlGet(node, 'id'));
    const shell = scalarText(yamlGet(node, 'shell'));
    out.push({
      node,
      index,
      span: nodeSpan(node)!,
      ...(uses ? { uses } : {}),
      ...(run ? { run } : {}),
      ...(withNode ? { with: withNode } : {}),
      ...(env ? { env } : {}),
      ...(ifv ? { if: ifv } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(shell !== undefined ? { shell } : {}),
    });
  });
  return out;
}

function value(node: YamlNode | undefined): WfValue | undefined {
  const v = scalarText(node);
  const span = nodeSpan(node);
  if (v === undefined || !node || !span) return undefined;
  return { value: v, node, span };
}

/** `with:` input of a step, as text. */
export function stepInput(step: WfStep, name: string): WfValue | undefined {
  return value(yamlGet(step.with, name));
}

/** The action a `uses:` names, split: `owner/repo[/path]@ref`, a local path, or a docker image. */
export type UsesRef =
  | { readonly type: 'local'; readonly path: string }
  | { readonly type: 'docker'; readonly image: string }
  | { readonly type: 'repo'; readonly owner: string; readonly repo: string; readonly path?: string; readonly ref?: string; readonly refSpan?: Span };

export function parseUses(uses: WfValue): UsesRef {
  const v = uses.value.trim();
  if (v.startsWith('./') || v.startsWith('../') || v === '.') return { type: 'local', path: v };
  if (v.startsWith('docker://')) return { type: 'docker', image: v.slice('docker://'.length) };
  const at = v.lastIndexOf('@');
  const target = at >= 0 ? v.slice(0, at) : v;
  const ref = at >= 0 ? v.slice(at + 1) : undefined;
  const [owner = '', repo = '', ...rest] = target.split('/');
  // The source text may be quoted; find the ref inside the node's own span.
  let refSpan: Span | undefined;
  if (ref !== undefined) {
    const src = uses.node.range ? uses.span : undefined;
    if (src) {
      const text = uses.value;
      const offsetInValue = text.lastIndexOf('@') + 1;
      const quoted = isYamlScalar(uses.node) && (uses.node.type === 'QUOTE_DOUBLE' || uses.node.type === 'QUOTE_SINGLE') ? 1 : 0;
      const start = src.start + quoted + offsetInValue;
      refSpan = { start, end: start + ref.length };
    }
  }
  return { type: 'repo', owner, repo, ...(rest.length > 0 ? { path: rest.join('/') } : {}), ...(ref !== undefined ? { ref } : {}), ...(refSpan ? { refSpan } : {}) };
}

/** A full commit SHA: 40 hex characters (SHA-1) or 64 (SHA-256 repositories). */
export function isCommitSha(ref: string | undefined): boolean {
  return ref !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);
}

/** Every `${{ ... }}` in a span of source text, with the expression's inner text and its span. */
export function expressionsIn(text: string, span: Span): { inner: string; span: Span }[] {
  const out: { inner: string; span: Span }[] = [];
  let i = text.indexOf('${{', span.start);
  while (i >= 0 && i < span.end) {
    const close = text.indexOf('}}', i + 3);
    if (close < 0 || close + 2 > span.end) break;
    out.push({ inner: text.slice(i + 3, close).trim(), span: { start: i, end: close + 2 } });
    i = text.indexOf('${{', close + 2);
  }
  return out;
}

/** The column (zero-based) a node starts at, from the text before it on its line. */
export function columnOf(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart;
}
