// The commands of every `run:` script in a workflow or composite action, in job order, with source
// spans, and the program a command really runs once wrappers (`python -m`, `pipx run`, `bundle exec`,
// `npx`) are taken off.
import type { Span } from '../../../server/src/engine/ruleApi';
import { mapScalar, type MappedScalar } from './scalar';
import { allCommands, commandHead, type Command } from './shell';
import { neverRuns, type WfJob, type WfStep, type Workflow } from './workflow';

export interface ScriptCommand {
  readonly step: WfStep;
  readonly job?: WfJob;
  readonly cmd: Command;
  /** Program name, lowercased, after wrappers; `argv` holds it followed by its arguments (unquoted). */
  readonly name: string;
  readonly argv: readonly string[];
  /** Source span of the command. */
  readonly span: Span;
  readonly script: MappedScalar;
}

/** Commands of the run steps, grouped per job (one group for a composite action), in order. */
export function scriptCommandsByJob(wf: Workflow, text: string): ScriptCommand[][] {
  const groups = wf.kind === 'action' ? [{ job: undefined, steps: wf.allSteps.map((s) => s.step) }] : wf.jobs.map((j) => ({ job: j, steps: j.steps }));
  return groups.map(({ job, steps }) => steps.flatMap((step) => commandsOf(step, job, text)));
}

/** Scripts are scanned once per step node, however many rules read them. */
const cache = new WeakMap<object, ScriptCommand[]>();

export function commandsOf(step: WfStep, job: WfJob | undefined, text: string): ScriptCommand[] {
  if (!step.run || neverRuns(step.if)) return [];
  const key = step.run.node as object;
  const hit = cache.get(key);
  if (hit && hit[0]?.job === job) return hit;
  const out = scan(step, job, text);
  cache.set(key, out);
  return out;
}

function scan(step: WfStep, job: WfJob | undefined, text: string): ScriptCommand[] {
  const script = step.run ? mapScalar(step.run.node, text) : undefined;
  if (!script) return [];
  const out: ScriptCommand[] = [];
  for (const cmd of allCommands(script.value)) {
    const head = commandHead(cmd);
    if (!head) continue;
    const argv = unwrap([head.name, ...cmd.words.slice(head.index + 1).map((w) => w.text)]);
    if (argv.length === 0) continue;
    out.push({ step, ...(job ? { job } : {}), cmd, name: argv[0]!.toLowerCase(), argv, span: script.span(cmd.start, cmd.end), script });
  }
  return out;
}

/** Takes interpreter and runner wrappers off a command line: `python3 -m pip install x` -> `pip install x`. */
export function unwrap(argv: readonly string[]): string[] {
  let a = [...argv];
  for (let guard = 0; guard < 4 && a.length > 0; guard++) {
    const name = (a[0] ?? '').toLowerCase().replace(/\.exe$/, '');
    if (/^python[0-9.]*$|^py$/.test(name) && a[1] === '-m' && a[2]) a = [a[2], ...a.slice(3)];
    else if ((name === 'pipx' || name === 'uv' || name === 'poetry' || name === 'pdm' || name === 'hatch' || name === 'pipenv') && a[1] === 'run' && a[2]) a = stripSpec(a.slice(2));
    else if (name === 'uvx' && a[1]) a = stripSpec(a.slice(1));
    else if (name === 'bundle' && a[1] === 'exec' && a[2]) a = a.slice(2);
    else if ((name === 'npx' || name === 'bunx') && a[1]) a = stripSpec(a.slice(1).filter((x) => x !== '--yes' && x !== '-y'));
    else if (name === 'yarn' && a[1] === 'npm' && a[2] === 'publish') a = ['npm', ...a.slice(2)];
    else break;
  }
  return a;
}

/** `twine==6.1.0` -> `twine` as the program name. */
function stripSpec(a: string[]): string[] {
  const first = a[0] ?? '';
  const m = /^([A-Za-z0-9_.-]+?)(==|@|>=|~=).*/.exec(first);
  return m ? [m[1]!, ...a.slice(1)] : a;
}

/** Positional arguments after a subcommand, skipping options and the values of options that take one. */
export function positionals(args: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      if (!a.includes('=') && valued.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The value of an option (`--registry X` or `--registry=X`), if present. */
export function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}
