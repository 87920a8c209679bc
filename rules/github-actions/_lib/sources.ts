// Who controls the value of an expression context. Three levels:
//   attacker  - an outsider chooses the text (issue titles, PR bodies, branch names, commit messages),
//               directly or through env variables, step outputs and job outputs Kamae can trace;
//   indirect  - the provenance cannot be proven safe offline (inputs.*, outputs of actions, dynamic
//               matrices, unknown contexts); a caller or an earlier step may pass attacker text;
//   safe      - numbers, SHAs, ids, logins, fixed enums, secrets, vars, runner and static values.
import { isYamlMap, isYamlScalar, isYamlSeq, scalarText, yamlEntries, yamlGet, yamlItems, type Text, type YamlNode } from '../../../server/src/engine/ruleApi';
import { dataflow, fences, parseExpr, type Flow } from './expr';
import { allCommands, argsOf, commandHead } from './shell';
import { mapScalar } from './scalar';
import type { WfJob, WfStep, Workflow } from './workflow';

export type Level = 'attacker' | 'indirect' | 'safe';

export interface Verdict {
  readonly level: Level;
  /** The context that decided the verdict, as written after normalisation (`github.event.issue.title`). */
  readonly path: string;
  readonly who: Text;
  /** For values that travelled: the first hop, e.g. `env.TITLE`. */
  readonly via?: string;
}

export interface Scope {
  readonly wf: Workflow;
  readonly job?: WfJob;
  readonly step?: WfStep;
  /** The file's text (to read run scripts of earlier steps). */
  readonly text: string;
}

const T = (en: string, ja: string): Text => ({ en, ja });
export const WHO = {
  author: T('whoever opens the issue or pull request', 'Issue や Pull Request の作成者'),
  commenter: T('anyone who can comment', 'コメントできる人'),
  pusher: T('the author of the pushed commits', 'push されたコミットの作成者'),
  branch: T('whoever names the pull request branch', 'Pull Request のブランチ名を付けた人'),
  wiki: T('anyone who can edit the wiki', 'Wiki を編集できる人'),
  event: T('whoever triggers the event', 'イベントを発生させた人'),
  label: T('whoever names the label (someone with triage access)', 'ラベル名を付けた人 (トリアージ権限を持つ人)'),
  maintainer: T('a collaborator or app with write access, whose text may still carry quotes or newlines', '書き込み権限を持つコラボレーターまたはアプリ (その文字列に引用符や改行が含まれることはあります)'),
  caller: T('the caller of this workflow or action', 'このワークフローまたはアクションの呼び出し元'),
  output: T('an earlier step or job whose output Kamae cannot trace', 'Kamae が追跡できない先行ステップまたはジョブの出力'),
  script: T('text an earlier step computed at run time', '先行ステップが実行時に計算した文字列'),
  matrix: T('whatever produced the dynamic matrix', '動的な matrix を生成した処理'),
  unknown: T('a context Kamae does not know', 'Kamae が把握していないコンテキスト'),
  safe: T('nobody outside the repository', 'リポジトリ外の誰でもない'),
} as const;

const SAFE: Verdict = { level: 'safe', path: '', who: WHO.safe };
const RANK: Record<Level, number> = { safe: 0, indirect: 1, attacker: 2 };

export function worst(a: Verdict | undefined, b: Verdict | undefined): Verdict | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b.level] > RANK[a.level] ? b : a;
}

// ---- github.* ---------------------------------------------------------------------------------

const GITHUB_SAFE = new Set([
  'action', 'action_path', 'action_ref', 'action_repository', 'action_status', 'actor', 'actor_id', 'api_url', 'base_ref', 'env', 'event_name', 'event_path',
  'graphql_url', 'job', 'job_workflow_sha', 'output', 'path', 'ref', 'ref_name', 'ref_protected', 'ref_type', 'repository', 'repository_id', 'repository_owner',
  'repository_owner_id', 'repositoryurl', 'retention_days', 'run_id', 'run_number', 'run_attempt', 'secret_source', 'server_url', 'sha', 'state', 'step_summary',
  'token', 'triggering_actor', 'workflow', 'workflow_ref', 'workflow_sha', 'workspace',
]);

/** Event-payload fields whose text the sender chooses freely. */
const FREE_TEXT = new Set(['title', 'body', 'message', 'description', 'email', 'display_title', 'page_name', 'summary', 'text', 'homepage', 'blog', 'bio', 'company', 'location', 'path', 'body_text', 'body_html']);
/** Event-payload fields that are numbers, hashes, timestamps, enums or GitHub-constrained names. */
const FIXED = new Set([
  'id', 'number', 'sha', 'before', 'after', 'count', 'size', 'state', 'locked', 'draft', 'merged', 'mergeable', 'rebaseable', 'private', 'fork', 'site_admin', 'type',
  'author_association', 'action', 'conclusion', 'status', 'login', 'node_id', 'additions', 'deletions', 'changed_files', 'commits', 'comments', 'review_comments',
  'full_name', 'url', 'visibility', 'archived', 'disabled', 'is_template', 'forks', 'watchers', 'language', 'run_attempt', 'run_number', 'event', 'distinct',
  'forced', 'created', 'deleted', 'maintainer_can_modify', 'prerelease', 'tag_name', 'target_commitish', 'base_ref', 'gravatar_id', 'user_view_type', 'committed',
]);
/** Payloads only maintainers or apps produce (releases, milestones, deployments, labels, the repository). */
const MAINTAINER_OBJECTS = new Set(['release', 'milestone', 'deployment', 'deployment_status', 'label', 'project', 'project_card', 'project_column', 'registry_package', 'package', 'workflow_job', 'member', 'team', 'organization', 'repository', 'enterprise', 'installation', 'marketplace_purchase', 'security_advisory', 'sponsorship', 'status']);
/** Payload objects that contain free text (a `toJSON()` of them carries it). */
const TEXT_OBJECTS = new Set(['event', 'issue', 'pull_request', 'comment', 'review', 'review_comment', 'discussion', 'answer', 'head_commit', 'commits', 'workflow_run', 'head', 'pages', 'head_repository', 'author', 'committer', 'merge_group']);

function classifyEvent(path: string): Verdict {
  const segs = path.split('.');
  // segs[0] = github, segs[1] = event
  const rest = segs.slice(2);
  const leaf = rest[rest.length - 1] ?? 'event';
  const parent = rest[rest.length - 2] ?? '';
  const inHead = rest.includes('head') || rest.includes('head_repository') || rest.includes('head_commit');
  if (rest.length === 0) return { level: 'attacker', path, who: WHO.event };
  if (rest[0] === 'inputs' || rest[0] === 'client_payload') return { level: 'indirect', path, who: WHO.caller };
  if (leaf === 'ref' || leaf === 'head_ref' || leaf === 'head_branch' || leaf === 'label') {
    if (inHead || leaf === 'head_ref' || leaf === 'head_branch') return { level: 'attacker', path, who: WHO.branch };
    return { level: 'safe', path, who: WHO.safe };
  }
  if (leaf === 'default_branch') return inHead ? { level: 'attacker', path, who: WHO.branch } : { level: 'safe', path, who: WHO.safe };
  // Payloads written by people with write access or by apps: text, but not an outsider's.
  if (MAINTAINER_OBJECTS.has(rest[0] ?? '')) {
    if (FIXED.has(leaf) || /_(id|number|sha|at|count|url)$/.test(leaf)) return { level: 'safe', path, who: WHO.safe };
    // Repository, owner and organisation names are limited to letters, digits, '-', '_' and '.'.
    if ((leaf === 'name' || leaf === 'default_branch' || leaf === 'visibility') && (parent === 'repository' || parent === 'owner' || parent === 'organization' || parent === 'enterprise')) return { level: 'safe', path, who: WHO.safe };
    return { level: 'indirect', path, who: WHO.maintainer };
  }
  if (leaf === 'name') {
    // Labels are created by people with triage access; their names are not an outsider's text.
    if (parent === 'label' || (parent === '*' && rest[rest.length - 3] === 'labels')) return { level: 'indirect', path, who: WHO.label };
    if (parent === 'repo' || parent === 'repository' || parent === 'head_repository' || parent === 'base') return { level: 'safe', path, who: WHO.safe };
    return { level: 'attacker', path, who: whoFor(rest) };
  }
  if (FREE_TEXT.has(leaf)) {
    if (leaf === 'description' && !inHead && (parent === 'repository' || parent === 'organization' || parent === 'enterprise')) return { level: 'safe', path, who: WHO.safe };
    return { level: 'attacker', path, who: whoFor(rest) };
  }
  if (FIXED.has(leaf) || /_(id|number|sha|at|count|url)$/.test(leaf) || leaf.startsWith('has_')) return { level: 'safe', path, who: WHO.safe };
  if (leaf === '*' || TEXT_OBJECTS.has(leaf)) return { level: 'attacker', path, who: whoFor(rest) };
  return { level: 'indirect', path, who: WHO.unknown };
}

function whoFor(rest: readonly string[]): Text {
  const first = rest[0] ?? '';
  if (first === 'comment' || first === 'review' || first === 'review_comment') return WHO.commenter;
  if (first === 'head_commit' || first === 'commits') return WHO.pusher;
  if (first === 'workflow_run') return rest.includes('head_commit') ? WHO.pusher : WHO.branch;
  if (first === 'pages') return WHO.wiki;
  if (first === 'issue' || first === 'pull_request' || first === 'discussion' || first === 'answer') return WHO.author;
  return WHO.event;
}

function classifyGithub(path: string): Verdict {
  const segs = path.split('.');
  if (segs.length === 1) return { level: 'attacker', path, who: WHO.event };
  const key = segs[1]!;
  if (key === 'event') return classifyEvent(path);
  if (key === 'head_ref') return { level: 'attacker', path, who: WHO.branch };
  if (GITHUB_SAFE.has(key)) return { level: 'safe', path, who: WHO.safe };
  return { level: 'indirect', path, who: WHO.unknown };
}

// ---- other contexts ---------------------------------------------------------------------------

const MAX_HOPS = 6;

/** The verdict on one context path in a scope. */
export function classifyPath(path: string, scope: Scope, hops = 0): Verdict {
  const segs = path.split('.');
  const root = segs[0] ?? '';
  switch (root) {
    case 'github':
      return classifyGithub(path);
    case 'secrets':
    case 'vars':
    case 'runner':
    case 'job':
    case 'strategy':
      return { level: 'safe', path, who: WHO.safe };
    case 'env':
      return classifyEnv(path, segs[1], scope, hops);
    case 'inputs':
      return classifyInput(path, segs[1], scope);
    case 'matrix':
      return classifyMatrix(path, segs[1], scope, hops);
    case 'steps': {
      const field = segs[2];
      if (field === 'outcome' || field === 'conclusion') return { level: 'safe', path, who: WHO.safe };
      if (field === 'outputs' && segs[1] && segs[3]) return classifyStepOutput(path, segs[1], segs[3], scope, hops);
      return { level: 'indirect', path, who: WHO.output };
    }
    case 'needs': {
      const field = segs[2];
      if (field === 'result') return { level: 'safe', path, who: WHO.safe };
      if (field === 'outputs' && segs[1] && segs[3]) return classifyJobOutput(path, segs[1], segs[3], scope, hops);
      return { level: 'indirect', path, who: WHO.output };
    }
    case 'jobs':
      return segs[2] === 'result' ? { level: 'safe', path, who: WHO.safe } : { level: 'indirect', path, who: WHO.output };
    default:
      return { level: 'indirect', path, who: WHO.unknown };
  }
}

/** The worst verdict over the contexts whose text can reach an expression's value. */
export function judgeExpression(inner: string, scope: Scope, hops = 0): Verdict | undefined {
  const parsed = parseExpr(inner);
  if (!parsed) return judgePaths(roughPaths(inner), scope, hops);
  return judgeFlows(dataflow(parsed), scope, hops);
}

export function judgeFlows(flows: readonly Flow[], scope: Scope, hops = 0): Verdict | undefined {
  let out: Verdict | undefined;
  for (const f of flows) {
    out = worst(out, classifyPath(f.path, scope, hops));
  }
  return out;
}

function judgePaths(paths: readonly string[], scope: Scope, hops: number): Verdict | undefined {
  let out: Verdict | undefined;
  for (const p of paths) out = worst(out, classifyPath(p, scope, hops));
  return out;
}

/** Context-looking paths in text that did not parse as an expression (string literals skipped). */
export function roughPaths(inner: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < inner.length) {
    const c = inner[i]!;
    if (c === "'") {
      const close = inner.indexOf("'", i + 1);
      i = close < 0 ? inner.length : close + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c) && (i === 0 || !/[\w.-]/.test(inner[i - 1]!))) {
      let j = i + 1;
      while (j < inner.length && /[\w.*\-[\]']/.test(inner[j]!)) j++;
      const raw = inner.slice(i, j);
      if (inner[j] !== '(' && raw.includes('.')) {
        out.push(
          raw
            .replace(/\[\s*'([^'\]]*)'\s*\]/g, '.$1')
            .replace(/\[[^\]]*\]/g, '.*')
            .toLowerCase(),
        );
      }
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

function fromValueText(valueText: string, path: string, via: string, scope: Scope, hops: number): Verdict {
  if (!valueText.includes('${{')) return { level: 'safe', path, who: WHO.safe };
  let out: Verdict | undefined;
  for (const f of fences(valueText)) out = worst(out, judgeExpression(f.inner, scope, hops + 1));
  if (!out || out.level === 'safe') return { level: 'safe', path, who: WHO.safe };
  return { level: out.level, path: out.path, who: out.who, via };
}

function classifyEnv(path: string, name: string | undefined, scope: Scope, hops: number): Verdict {
  if (!name || hops > MAX_HOPS) return { level: 'indirect', path, who: WHO.unknown };
  const levels: { node: YamlNode | undefined; scope: Scope }[] = [
    { node: scope.step?.env, scope },
    { node: scope.job?.env, scope: { wf: scope.wf, ...(scope.job ? { job: scope.job } : {}), text: scope.text } },
    { node: scope.wf.env, scope: { wf: scope.wf, text: scope.text } },
  ];
  for (const lvl of levels) {
    if (lvl.node === undefined) continue;
    if (isYamlScalar(lvl.node)) {
      // `env: ${{ matrix.env }}` and the like: any name may come from the expression.
      const v = fromValueText(scalarText(lvl.node) ?? '', path, path, lvl.scope, hops);
      if (v.level !== 'safe') return v;
      continue;
    }
    for (const e of yamlEntries(lvl.node)) {
      if (e.key.toLowerCase() !== name) continue;
      return fromValueText(scalarText(e.value) ?? '', path, path, lvl.scope, hops);
    }
  }
  // Not declared: set by the runner or by an earlier step through $GITHUB_ENV (github-env-injection's concern).
  return { level: 'safe', path, who: WHO.safe };
}

const SAFE_INPUT_TYPES = new Set(['boolean', 'number', 'choice', 'environment']);

function classifyInput(path: string, name: string | undefined, scope: Scope): Verdict {
  if (scope.wf.kind === 'workflow' && name) {
    let declared = false;
    let safe = true;
    for (const trigger of ['workflow_dispatch', 'workflow_call']) {
      const inputs = yamlGet(scope.wf.triggers.get(trigger), 'inputs');
      for (const e of yamlEntries(inputs)) {
        if (e.key.toLowerCase() !== name) continue;
        declared = true;
        const type = (scalarText(yamlGet(e.value, 'type')) ?? 'string').toLowerCase();
        if (!SAFE_INPUT_TYPES.has(type)) safe = false;
      }
    }
    if (declared && safe) return { level: 'safe', path, who: WHO.safe };
  }
  return { level: 'indirect', path, who: WHO.caller };
}

function classifyMatrix(path: string, key: string | undefined, scope: Scope, hops: number): Verdict {
  const matrix = scope.job?.matrix;
  if (!matrix || hops > MAX_HOPS) return { level: 'indirect', path, who: WHO.matrix };
  if (!isYamlMap(matrix)) return fromValueText(scalarText(matrix) ?? '${{ unknown }}', path, path, scope, hops).level === 'safe' ? SAFE_AT(path) : { level: 'indirect', path, who: WHO.matrix };
  if (!key) return matrixNodeVerdict(matrix, path, scope, hops);
  let out: Verdict | undefined;
  for (const e of yamlEntries(matrix)) {
    if (e.key === 'include' || e.key === 'exclude') continue;
    if (e.key.toLowerCase() === key) out = worst(out, matrixNodeVerdict(e.value, path, scope, hops));
  }
  const include = yamlGet(matrix, 'include');
  if (include !== undefined && !isYamlSeq(include)) out = worst(out, matrixNodeVerdict(include, path, scope, hops));
  for (const item of yamlItems(include)) {
    for (const e of yamlEntries(item)) if (e.key.toLowerCase() === key) out = worst(out, matrixNodeVerdict(e.value, path, scope, hops));
  }
  return out ?? SAFE_AT(path);
}

function SAFE_AT(path: string): Verdict {
  return { level: 'safe', path, who: WHO.safe };
}

function matrixNodeVerdict(node: YamlNode | undefined, path: string, scope: Scope, hops: number): Verdict {
  if (node === undefined) return SAFE_AT(path);
  if (isYamlScalar(node)) {
    const text = scalarText(node) ?? '';
    if (!text.includes('${{')) return SAFE_AT(path);
    const v = fromValueText(text, path, path, scope, hops);
    // A matrix built by an expression is at least as unknown as its source.
    return v.level === 'safe' ? { level: 'indirect', path, who: WHO.matrix } : v;
  }
  let out: Verdict | undefined;
  if (isYamlSeq(node)) for (const i of yamlItems(node)) out = worst(out, matrixNodeVerdict(i, path, scope, hops));
  else for (const e of yamlEntries(node)) out = worst(out, matrixNodeVerdict(e.value, path, scope, hops));
  return out ?? SAFE_AT(path);
}

function classifyJobOutput(path: string, jobId: string, output: string, scope: Scope, hops: number): Verdict {
  const job = scope.wf.jobs.find((j) => j.id.toLowerCase() === jobId);
  if (!job || hops > MAX_HOPS) return { level: 'indirect', path, who: WHO.output };
  for (const e of yamlEntries(yamlGet(job.node, 'outputs'))) {
    if (e.key.toLowerCase() !== output) continue;
    const v = fromValueText(scalarText(e.value) ?? '', path, path, { wf: scope.wf, job, text: scope.text }, hops);
    return v;
  }
  return { level: 'indirect', path, who: WHO.output };
}

function classifyStepOutput(path: string, stepId: string, output: string, scope: Scope, hops: number): Verdict {
  const steps = scope.job ? scope.job.steps : scope.wf.allSteps.map((s) => s.step);
  const step = steps.find((s) => s.id?.toLowerCase() === stepId);
  if (!step || hops > MAX_HOPS) return { level: 'indirect', path, who: WHO.output };
  if (!step.run) return { level: 'indirect', path, who: WHO.output };
  const written = runOutputs(step, { ...scope, step }, hops + 1);
  const v = written.get(output);
  if (!v) return { level: 'indirect', path, who: WHO.output };
  return v.level === 'safe' ? SAFE_AT(path) : { ...v, via: path };
}

// ---- data written by run scripts ---------------------------------------------------------------

const cache = new WeakMap<object, Map<string, Verdict>>();

/** The verdict on each `name=value` a run step writes to $GITHUB_OUTPUT. */
export function runOutputs(step: WfStep, scope: Scope, hops = 0): Map<string, Verdict> {
  const cached = cache.get(step.node);
  if (cached) return cached;
  const out = new Map<string, Verdict>();
  cache.set(step.node, out);
  for (const w of fileWrites(step, scope, 'GITHUB_OUTPUT', hops)) {
    const eq = w.data.indexOf('=');
    const name = eq > 0 ? w.data.slice(0, eq).trim().toLowerCase() : undefined;
    if (!name || !/^[\w-]+$/.test(name)) continue;
    out.set(name, worst(out.get(name), w.verdict) ?? w.verdict);
  }
  return out;
}

export interface FileWrite {
  /** The text written, as the command spells it (quotes removed). */
  readonly data: string;
  readonly verdict: Verdict;
  /** The verdict on shell variables alone (`$VAR`), leaving out `${{ }}` fences in the command. */
  readonly shellVerdict: Verdict;
  /** Source span of the writing command. */
  readonly start: number;
  readonly end: number;
  /** Whether the data is anything but literal text. */
  readonly dynamic: boolean;
}

/**
 * Commands of a run step that append to the file named by an environment variable (GITHUB_ENV,
 * GITHUB_OUTPUT, GITHUB_PATH), with a verdict on what they write: `${{ }}` expressions, `$VAR`
 * references to env entries and shell variables assigned from them earlier in the script.
 */
export function fileWrites(step: WfStep, scope: Scope, target: string, hops = 0): FileWrite[] {
  if (!step.run) return [];
  const mapped = mapScalar(step.run.node, scope.text);
  if (!mapped) return [];
  const script = mapped.value;
  if (!script.includes(target)) return [];
  const cmds = allCommands(script);
  const tainted = new Map<string, Verdict>(); // shell variable -> verdict, from assignments seen so far
  const out: FileWrite[] = [];
  for (const cmd of cmds) {
    const words = cmd.words;
    const head = commandHead(cmd);
    // name=value assignments (with or without `export`/`local`).
    const assigns = head ? words.slice(0, head.index) : words;
    const extra = head && ['export', 'local', 'declare', 'readonly'].includes(head.name) ? argsOf(cmd) : [];
    for (const w of [...assigns, ...extra]) {
      const eq = w.text.indexOf('=');
      if (eq <= 0 || !/^[A-Za-z_]\w*$/.test(w.text.slice(0, eq))) continue;
      const v = judgeShellText(w.raw.slice(eq + 1), step, scope, tainted, hops, true);
      if (v && v.level !== 'safe') tainted.set(w.text.slice(0, eq), v);
      else tainted.delete(w.text.slice(0, eq));
    }
    const headName = head?.name.toLowerCase() ?? '';
    const copier = headName === 'tee' || headName === 'cat' || headName === 'out-file' || headName === 'add-content' || headName === 'set-content';
    const toTarget = cmd.redirects.some((r) => (r.op === '>>' || r.op === '>' || r.op === '&>>') && r.target && mentions(r.target.text, target)) || (copier && argsOf(cmd).some((a) => mentions(a.text, target)));
    if (!toTarget || !head) continue;
    const args = argsOf(cmd).filter((a) => !a.text.startsWith('-') && !mentions(a.text, target));
    const raw = args.map((a) => a.raw).join(' ');
    const data = args.map((a) => a.text).join(' ');
    const span = mapped.span(cmd.start, cmd.end);
    let verdict = judgeShellText(raw, step, scope, tainted, hops, true);
    let shellVerdict = judgeShellText(raw, step, scope, tainted, hops, false);
    // A copier with nothing to copy but its input: an earlier command in the pipeline produced it.
    const fromPipe = copier && args.length === 0;
    if (fromPipe) {
      const producer = cmds[cmds.indexOf(cmd) - 1];
      const prodRaw = producer && producer.next === '|' ? producer.words.map((w) => w.raw).join(' ') : '';
      verdict = worst(verdict, judgeShellText(prodRaw, step, scope, tainted, hops, true));
      shellVerdict = worst(shellVerdict, judgeShellText(prodRaw, step, scope, tainted, hops, false));
    }
    const dynamic = /[$`]/.test(raw) || fromPipe;
    // Text the script computes (command substitutions, shell variables) is not proven safe.
    if (dynamic && (!verdict || verdict.level === 'safe')) verdict = { level: 'indirect', path: '', who: WHO.script };
    out.push({ data, verdict: verdict ?? SAFE, shellVerdict: shellVerdict ?? SAFE, start: span.start, end: span.end, dynamic });
  }
  return out;
}

function mentions(word: string, target: string): boolean {
  return word.includes(`$${target}`) || word.includes(`\${${target}}`) || word.includes(`env:${target}`);
}

/** Verdict on shell text: `${{ }}` fences, `$VAR` bound to env entries or to tainted shell variables. */
function judgeShellText(raw: string, step: WfStep, scope: Scope, tainted: ReadonlyMap<string, Verdict>, hops: number, withFences: boolean): Verdict | undefined {
  let out: Verdict | undefined;
  if (withFences) for (const f of fences(raw)) out = worst(out, judgeExpression(f.inner, { ...scope, step }, hops + 1));
  const re = /\$(?:\{|env:)?([A-Za-z_]\w*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const name = m[1]!;
    const t = tainted.get(name);
    if (t) {
      out = worst(out, t);
      continue;
    }
    const v = classifyEnv(`env.${name.toLowerCase()}`, name.toLowerCase(), { ...scope, step }, hops + 1);
    if (v.level !== 'safe') out = worst(out, { ...v, via: `$${name}` });
  }
  return out;
}
