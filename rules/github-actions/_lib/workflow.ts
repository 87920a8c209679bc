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
  type ReportSpec,
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
  /** `shell:` from the step, else the job's or workflow's `defaults.run.shell`. */
  readonly effectiveShell?: string;
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
  /** `strategy.matrix`. */
  readonly matrix?: YamlNode;
  readonly environment?: YamlNode;
  readonly defaultShell?: string;
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
  /** `inputs:` of an action.yml. */
  readonly inputs?: YamlNode;
  readonly defaultShell?: string;
}

/** Each file is read once, however many rules ask. */
const cache = new WeakMap<object, Workflow | null>();

export function readWorkflow(file: ParsedFile<'github-workflow' | 'github-action'>): Workflow | undefined {
  const hit = cache.get(file.model);
  if (hit !== undefined) return hit ?? undefined;
  const wf = read(file);
  cache.set(file.model, wf ?? null);
  return wf;
}

function read(file: ParsedFile<'github-workflow' | 'github-action'>): Workflow | undefined {
  const root = file.model.docs[0]?.contents;
  if (!isYamlMap(root)) return undefined;
  if (file.kind === 'github-action') {
    const runs = yamlGet(root, 'runs');
    const steps = readSteps(yamlGet(runs, 'steps'), undefined);
    const using = scalarText(yamlGet(runs, 'using'));
    const image = value(yamlGet(runs, 'image'));
    const inputs = yamlGet(root, 'inputs');
    return {
      kind: 'action',
      root,
      triggers: new Map(),
      jobs: [],
      allSteps: steps.map((step) => ({ step })),
      ...(using !== undefined ? { using } : {}),
      ...(image ? { image } : {}),
      ...(inputs ? { inputs } : {}),
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
  const wfShell = scalarText(yamlGet(yamlGet(yamlGet(root, 'defaults'), 'run'), 'shell'));
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
    const matrix = yamlGet(yamlGet(node, 'strategy'), 'matrix');
    const environment = yamlGet(node, 'environment');
    const defaultShell = scalarText(yamlGet(yamlGet(yamlGet(node, 'defaults'), 'run'), 'shell')) ?? wfShell;
    jobs.push({
      id: e.key,
      node,
      pair: e.pair,
      keySpan: nodeSpan(e.pair.key) ?? nodeSpan(node)!,
      steps: readSteps(yamlGet(node, 'steps'), defaultShell),
      ...(matrix ? { matrix } : {}),
      ...(environment ? { environment } : {}),
      ...(defaultShell !== undefined ? { defaultShell } : {}),
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
    ...(wfShell !== undefined ? { defaultShell: wfShell } : {}),
    jobs,
    allSteps: jobs.flatMap((job) => job.steps.map((step) => ({ step, job }))),
  };
}

function readSteps(seq: YamlNode | undefined, defaultShell: string | undefined): WfStep[] {
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
      ...((shell ?? defaultShell) !== undefined ? { effectiveShell: shell ?? defaultShell } : {}),
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

/** `owner/repo[/path]` of a repository `uses:`, lowercased, or undefined for local and docker uses. */
export function actionName(uses: WfValue | undefined): string | undefined {
  if (!uses) return undefined;
  const ref = parseUses(uses);
  if (ref.type !== 'repo') return undefined;
  return [ref.owner, ref.repo, ...(ref.path ? [ref.path] : [])].join('/').toLowerCase();
}

/** `owner/repo` of a repository `uses:`, lowercased. */
export function actionRepo(uses: WfValue | undefined): string | undefined {
  if (!uses) return undefined;
  const ref = parseUses(uses);
  return ref.type === 'repo' ? `${ref.owner}/${ref.repo}`.toLowerCase() : undefined;
}

/** The version a `uses:` names, from its ref (`@v4.2.1`) or, for a SHA pin, from a trailing `# v4.2.1` comment. */
export function usesVersion(text: string, uses: WfValue): { major: number; minor: number; patch: number } | undefined {
  const ref = parseUses(uses);
  if (ref.type !== 'repo') return undefined;
  const fromRef = ref.ref !== undefined && !isCommitSha(ref.ref) ? parseVersion(ref.ref) : undefined;
  if (fromRef) return fromRef;
  const lineEnd = text.indexOf('\n', uses.span.end);
  const rest = text.slice(uses.span.end, lineEnd < 0 ? text.length : lineEnd);
  const m = /#\s*(?:tag\s*[=:]\s*|version\s*[=:]\s*|pin\s*@\s*)?(v?\d[\w.+-]*)/i.exec(rest);
  return m ? parseVersion(m[1]!) : undefined;
}

function parseVersion(s: string): { major: number; minor: number; patch: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/i.exec(s.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

/** Whether a `shell:` value runs a POSIX-style shell (bash or sh; the default on Linux and macOS). */
export function isPosixShell(shell: string | undefined): boolean {
  if (shell === undefined) return true;
  const s = shell.trim().toLowerCase();
  return /^(\/usr)?(\/bin\/)?(bash|sh|zsh|dash|ksh)(\s|$)/.test(s) || s.startsWith('bash ') || s === 'bash';
}

/** Whether a shell is PowerShell. */
export function isPowerShell(shell: string | undefined): boolean {
  return shell !== undefined && /^(pwsh|powershell)(\s|$)/i.test(shell.trim());
}

/** The trigger names of a workflow, lowercased. */
export function triggerNames(wf: Workflow): Set<string> {
  return new Set([...wf.triggers.keys()].map((k) => k.toLowerCase()));
}

/** Triggers that run with the base repository's secrets and a write-capable token on input from outsiders. */
export const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'] as const;

/** Triggers an outsider (no write access) can cause to run, with or without secrets. */
export const OUTSIDER_TRIGGERS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment', 'issue_comment', 'issues', 'discussion', 'discussion_comment', 'workflow_run'] as const;

export function hasTrigger(wf: Workflow, names: readonly string[]): boolean {
  const t = triggerNames(wf);
  return names.some((n) => t.has(n));
}

/** A job's or workflow's permissions as written. */
export type Permissions =
  | { readonly kind: 'default' }
  | { readonly kind: 'all'; readonly level: 'read' | 'write' | 'none' }
  | { readonly kind: 'scopes'; readonly scopes: ReadonlyMap<string, string> };

export function readPermissions(pair: YamlPair<YamlNode, YamlNode> | undefined): Permissions {
  if (!pair) return { kind: 'default' };
  const v = pair.value;
  if (isYamlMap(v)) {
    const scopes = new Map<string, string>();
    for (const e of yamlEntries(v)) scopes.set(e.key.toLowerCase(), (scalarText(e.value) ?? '').toLowerCase());
    return { kind: 'scopes', scopes };
  }
  const t = (scalarText(v) ?? '').trim().toLowerCase();
  if (t === 'write-all') return { kind: 'all', level: 'write' };
  if (t === 'read-all') return { kind: 'all', level: 'read' };
  // `permissions:` with no value sets nothing, as missing-permissions reads it.
  return { kind: 'default' };
}

/** The permissions a job's token gets: its own block, else the workflow's, else the repository default. */
export function effectivePermissions(wf: Workflow, job: WfJob | undefined): Permissions {
  if (job?.permissions) return readPermissions(job.permissions);
  return readPermissions(wf.permissions);
}

/** Whether a token with these permissions holds `scope: write`. The repository default never includes id-token. */
export function grants(p: Permissions, scope: string): boolean {
  if (p.kind === 'all') return p.level === 'write';
  if (p.kind === 'scopes') return p.scopes.get(scope) === 'write';
  return scope !== 'id-token' && scope !== 'attestations';
}

/** A step or job `if:` that can never be true (`false`, `${{ false }}`), so the step never runs. */
export function neverRuns(ifv: WfValue | undefined): boolean {
  if (!ifv) return false;
  let t = ifv.value.trim();
  const m = /^\$\{\{([\s\S]*)\}\}$/.exec(t);
  if (m) t = m[1]!.trim();
  return t === 'false' || t === '0' || t === "''" || t === 'null';
}

/** The `key: value` pairs of an `env:` or `with:` mapping. */
export function mapEntries(node: YamlNode | undefined): { key: string; value: WfValue | undefined; pair: YamlPair<YamlNode, YamlNode> }[] {
  return yamlEntries(node).map((e) => ({ key: e.key, value: value(e.value), pair: e.pair }));
}

/** Public wrapper of the scalar reader used across rules. */
export function scalarValue(node: YamlNode | undefined): WfValue | undefined {
  return value(node);
}

/** Whether a YAML value is truthy the way GitHub reads action inputs and environment flags (`true`, "true", `1`). */
export function isTruthy(v: string | undefined): boolean {
  if (v === undefined) return false;
  const t = v.trim().toLowerCase();
  return t === 'true' || t === '1' || t === 'yes' || t === 'on';
}

/** Whether a YAML value is a falsy literal (`false`, "false", 0, empty). */
export function isFalsy(v: string | undefined): boolean {
  if (v === undefined) return false;
  const t = v.trim().toLowerCase();
  return t === 'false' || t === '0' || t === '' || t === 'no' || t === 'off';
}

/** Every `${{ }}` fence in the file's YAML scalars (aliases are not followed, so each appears once), with its node. */
export function allFences(file: ParsedFile<'github-workflow' | 'github-action'>): { inner: string; span: Span; node: YamlNode }[] {
  const out: { inner: string; span: Span; node: YamlNode }[] = [];
  const text = file.text;
  for (const doc of file.model.docs) {
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const n = stack.pop();
      if (isYamlMap(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]!.value);
      else if (isYamlSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
      else if (isYamlScalar(n) && n.range && typeof n.value === 'string' && n.value.includes('${{')) {
        let i = text.indexOf('${{', n.range[0]);
        while (i >= 0 && i < n.range[1]) {
          const close = text.indexOf('}}', i + 3);
          if (close < 0 || close + 2 > n.range[1]) break;
          out.push({ inner: text.slice(i + 3, close).trim(), span: { start: i, end: close + 2 }, node: n });
          i = text.indexOf('${{', close + 2);
        }
      }
    }
  }
  return out;
}

/**
 * A reporter that drops repeats of the same message at the same place: YAML aliases (`test3: *job`,
 * `- *step`) make one piece of text part of several jobs, and it should be reported once, where it is written.
 */
export function onceEach(ctx: { report(spec: ReportSpec): void }): (spec: ReportSpec) => void {
  const seen = new Set<string>();
  return (spec) => {
    const at = spec.at as { start?: unknown; end?: unknown } | undefined;
    const key = `${spec.messageId}\u0000${JSON.stringify(at ?? null)}`;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(spec);
  };
}
