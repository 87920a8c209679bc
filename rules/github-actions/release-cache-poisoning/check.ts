// Flags steps that restore a build cache in jobs that publish artifacts (release or tag triggers,
// release branches, or a publishing step): caches are shared with less-trusted workflows of the
// repository, so a poisoned entry ends up inside the release.
import { fileCheck, isYamlMap, isYamlScalar, isYamlSeq, scalarText, yamlGet, yamlItems, type FixSpec } from '../../../server/src/engine/ruleApi';
import { evaluate, fences, parseExpr, type Value } from '../_lib/expr';
import { setWithInput } from '../_lib/edit';
import { isPublishCommand, isPublisherStep } from '../_lib/publish';
import { commandsOf } from '../_lib/scripts';
import { actionName, neverRuns, onceEach, readWorkflow, stepInput, usesVersion, type WfStep, type Workflow } from '../_lib/workflow';

/** `uvBool`: setup-uv before v10 reads `true` and `auto` as on. */
type FieldType = 'bool' | 'string' | 'uvBool' | readonly string[];
interface Control {
  readonly input: string;
  /** optIn: the input enables the cache; optOut: the input disables it. */
  readonly toggle: 'optIn' | 'optOut';
  readonly type: FieldType;
  /** The input's default value enables the cache (optIn) or leaves it enabled (optOut). */
  readonly enabledByDefault: boolean | ((major: number | undefined) => boolean);
}
interface CacheAction {
  /** Any of these controls enables the cache; `all` needs every one; `always` restores whatever the inputs. */
  readonly any?: readonly Control[];
  readonly all?: readonly Control[];
  readonly always?: true;
}

const optIn = (input: string, type: FieldType, enabledByDefault: Control['enabledByDefault']): Control => ({ input, toggle: 'optIn', type, enabledByDefault });
const optOut = (input: string): Control => ({ input, toggle: 'optOut', type: 'bool', enabledByDefault: true });

/** Actions that restore caches, after each action's documented inputs and defaults. */
const CACHE_ACTIONS: ReadonlyMap<string, CacheAction> = new Map<string, CacheAction>([
  ['actions/cache', { any: [optOut('lookup-only')] }],
  ['actions/cache/restore', { any: [optOut('lookup-only')] }],
  ['actions/setup-java', { any: [optIn('cache', 'string', false)] }],
  ['actions/setup-go', { any: [optIn('cache', 'bool', (m) => m === undefined || m >= 4)] }],
  ['actions/setup-node', { any: [optIn('cache', ['npm', 'yarn', 'pnpm'], false), optIn('package-manager-cache', 'bool', (m) => m === undefined || m >= 5)] }],
  ['actions/setup-python', { any: [optIn('cache', 'string', false)] }],
  ['actions/setup-dotnet', { any: [optIn('cache', 'bool', false)] }],
  ['astral-sh/setup-uv', { any: [optIn('enable-cache', ['true'], false), optIn('enable-cache', 'uvBool', (m) => m === undefined || m < 10)] }],
  ['swatinem/rust-cache', { any: [optOut('lookup-only')] }],
  ['ruby/setup-ruby', { any: [optIn('bundler-cache', 'bool', false)] }],
  ['pyo3/maturin-action', { any: [optIn('sccache', 'bool', false)] }],
  ['mlugg/setup-zig', { any: [optIn('use-cache', 'bool', true)] }],
  ['oven-sh/setup-bun', { any: [optOut('no-cache')] }],
  ['determinatesystems/magic-nix-cache-action', { any: [optIn('use-gha-cache', 'bool', true)] }],
  ['graalvm/setup-graalvm', { any: [optIn('cache', 'string', false)] }],
  ['gradle/actions/setup-gradle', { any: [optOut('cache-disabled')] }],
  ['gradle/gradle-build-action', { any: [optOut('cache-disabled')] }],
  ['docker/setup-buildx-action', { all: [optIn('cache-binary', 'bool', true), optIn('version', 'string', false)] }],
  ['actions-rust-lang/setup-rust-toolchain', { any: [optIn('cache', 'bool', true)] }],
  ['jdx/mise-action', { any: [optIn('cache', 'bool', true)] }],
  ['ramsey/composer-install', { any: [{ input: 'ignore-cache', toggle: 'optOut', type: ['yes', 'true', '1'], enabledByDefault: true }] }],
  ['mozilla-actions/sccache-action', { always: true }],
  ['nix-community/cache-nix-action', { always: true }],
  ['awalsh128/cache-apt-pkgs-action', { always: true }],
]);

type Scenario = 'tag' | 'release' | 'branch' | 'publisher';
const SCENARIO_CONTEXT: Record<Scenario, ReadonlyMap<string, Value>> = {
  tag: new Map<string, Value>([['github.event_name', 'push'], ['github.ref', 'refs/tags/v1.0.0'], ['github.ref_type', 'tag']]),
  release: new Map<string, Value>([['github.event_name', 'release'], ['github.ref', 'refs/tags/v1.0.0'], ['github.ref_type', 'tag']]),
  branch: new Map<string, Value>([['github.event_name', 'push'], ['github.ref', 'refs/heads/release'], ['github.ref_type', 'branch']]),
  publisher: new Map<string, Value>(),
};

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const text = ctx.file.text;
  const fromTriggers = releaseTriggers(wf);
  for (const job of wf.jobs) {
    const active = job.steps.filter((s) => !neverRuns(s.if));
    const publisher = active.find((s) => isPublisherStep(s) || commandsOf(s, job, text).some(isPublishCommand));
    const scenarios: Scenario[] = fromTriggers.length > 0 ? fromTriggers : publisher ? ['publisher'] : [];
    if (scenarios.length === 0) continue;
    const reason = fromTriggers.length > 0 ? fromTriggers.join('/') : 'publisher';
    for (const step of active) {
      const name = actionName(step.uses);
      if (!name) continue;
      const spec = CACHE_ACTIONS.get(name) ?? CACHE_ACTIONS.get(name.split('/').slice(0, 2).join('/'));
      if (!spec) continue;
      const major = usesVersion(text, step.uses!)?.major;
      const state = cacheState(step, spec, major, scenarios);
      if (state === 'off') continue;
      const fix = disableFix(text, step, spec);
      const messageId = reason === 'publisher' ? (state === 'maybe' ? 'maybePublisher' : 'publisher') : state === 'maybe' ? 'maybeRelease' : 'release';
      report({ messageId, at: step.uses!.span, data: { action: name, trigger: reason, publisher: publisher ? (actionName(publisher.uses) ?? publisher.name ?? 'a publishing command') : '' }, ...(fix ? { fixes: [fix] } : {}) });
    }
  }
});

/** Release-like triggers: `release`, tag pushes, pushes to branches named like releases. */
function releaseTriggers(wf: Workflow): Scenario[] {
  const out: Scenario[] = [];
  for (const [name, body] of wf.triggers) {
    const n = name.toLowerCase();
    if (n === 'release') out.push('release');
    if (n !== 'push' || !isYamlMap(body)) continue;
    if (yamlGet(body, 'tags') !== undefined) out.push('tag');
    const branches = yamlGet(body, 'branches');
    const names = isYamlSeq(branches) ? yamlItems(branches).map((i) => scalarText(i) ?? '') : isYamlScalar(branches) ? [scalarText(branches) ?? ''] : [];
    if (names.some((b) => b.toLowerCase().includes('release'))) out.push('branch');
  }
  return [...new Set(out)];
}

function cacheState(step: WfStep, spec: CacheAction, major: number | undefined, scenarios: readonly Scenario[]): 'on' | 'maybe' | 'off' {
  if (spec.always) return 'on';
  const states = (spec.any ?? spec.all ?? []).map((c) => controlState(step, c, major, scenarios));
  if (spec.all) return states.every((s) => s === 'on') ? 'on' : states.some((s) => s === 'off') ? 'off' : 'maybe';
  return states.includes('on') ? 'on' : states.includes('maybe') ? 'maybe' : 'off';
}

function controlState(step: WfStep, c: Control, major: number | undefined, scenarios: readonly Scenario[]): 'on' | 'maybe' | 'off' {
  const raw = stepInput(step, c.input);
  const byDefault = typeof c.enabledByDefault === 'function' ? c.enabledByDefault(major) : c.enabledByDefault;
  if (!raw) return byDefault ? 'on' : 'off';
  const t = raw.value.trim();
  if (!t.includes('${{')) return fieldEnables(c, t, major) ? 'on' : 'off';
  // An expression: evaluate it in each release scenario.
  const f = fences(t);
  const whole = f.length === 1 && f[0]!.start === 0 && f[0]!.end === t.length ? parseExpr(f[0]!.inner) : undefined;
  if (!whole) return 'maybe';
  let result: 'on' | 'maybe' | 'off' = 'off';
  for (const s of scenarios) {
    const v = evaluate(whole, SCENARIO_CONTEXT[s]);
    if (v === undefined) result = 'maybe';
    else if (fieldEnables(c, typeof v === 'boolean' ? String(v) : String(v ?? ''), major)) return 'on';
  }
  return result;
}

function fieldEnables(c: Control, value: string, major: number | undefined): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '').toLowerCase();
  let set: boolean;
  if (c.type === 'bool') set = v === 'true' || v === '1';
  else if (c.type === 'uvBool') set = (v === 'true' || v === 'auto') && (major === undefined || major < 10);
  else if (c.type === 'string') set = v !== '' && v !== 'false';
  else set = c.type.includes(v);
  return c.toggle === 'optIn' ? set : !set;
}

function disableFix(text: string, step: WfStep, spec: CacheAction): FixSpec | undefined {
  const controls = spec.any ?? [];
  if (spec.always || spec.all || controls.length !== 1) return undefined;
  const c = controls[0]!;
  if (c.type !== 'bool') return undefined;
  const edits = setWithInput(text, step, c.input, c.toggle === 'optIn' ? 'false' : 'true');
  return edits ? { fixId: 'disableCache', safety: 'needs-review', edits, data: { input: c.input, value: c.toggle === 'optIn' ? 'false' : 'true' } } : undefined;
}

