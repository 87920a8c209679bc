// Command-line parsing for `kamae`: a subcommand, an optional PATH, and the options that command
// accepts. Usage errors say exactly what was wrong.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const HELP = `Usage: kamae <command> [PATH] [options]

PATH is a repository folder; the current directory when omitted.

Commands:
  check [PATH]     Scan a repository and report findings.
  fix [PATH]       Apply the fixes Kamae can make, printing a unified diff.
  report [PATH]    Write the self-assessment report: each METI/NCO requirement, its state and evidence.
  sbom [PATH]      Write a CycloneDX 1.6 JSON SBOM of the locked dependencies (npm, yarn, pnpm,
                   poetry, uv, Pipfile, pinned requirements, Go modules).
  help             Show this help.

Options for check:
  --format <f>     text (default), json or sarif
  --output <file>  Write the report to a file instead of standard output
  --fail-on <s>    Exit 1 when an unsuppressed finding is at or above this severity:
                   critical, high, medium, low, info (default) or none
  --profile <p>    recommended (default) or strict; overrides .kamae.yaml
  --lang <l>       en (default) or ja
  --color / --no-color   Force colour on or off (default: only on a terminal; NO_COLOR is honoured)
  --omit-suppressed  Leave suppressed findings out of the json and sarif output (by default they are
                   kept, marked as suppressed with their reason, for consumers that read SARIF
                   suppressions)

Options for fix:
  --unsafe         Also apply fixes marked needs-review (default: only safe fixes)
  --dry-run        Print the diff without changing any file
  --profile <p>    recommended (default) or strict
  --lang <l>       en (default) or ja

Options for report:
  --format <f>     markdown (default), html or json
  --view <v>       meti (default: METI/NCO requirements), ssdf (NIST SSDF practices) or osps (OSPS Baseline families)
  --output <file>  Write the report to a file instead of standard output
  --profile <p>    recommended (default) or strict
  --lang <l>       en (default) or ja

Options for sbom:
  --output <file>  Write the SBOM to a file instead of standard output
                   (author and supplier come from sbom.author and sbom.supplier in .kamae.yaml)

Dates: expiry checks, the report date and the SBOM timestamp use the current time (UTC), or
SOURCE_DATE_EPOCH when set.

Other:
  --version        Print the version
  --help           Show this help

Exit codes: 0 success (check: nothing at or above --fail-on), 1 findings at or above --fail-on,
2 usage or internal error.
`;

export type Lang = 'en' | 'ja';
export type Profile = 'recommended' | 'strict';
export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';

export interface CheckArgs {
  readonly command: 'check';
  readonly path: string;
  readonly format: 'text' | 'json' | 'sarif';
  readonly output?: string;
  readonly failOn: FailOn;
  readonly profile?: Profile;
  readonly lang: Lang;
  readonly color?: boolean;
  readonly omitSuppressed?: boolean;
}
export interface FixArgs {
  readonly command: 'fix';
  readonly path: string;
  readonly unsafe: boolean;
  readonly dryRun: boolean;
  readonly profile?: Profile;
  readonly lang: Lang;
}
export interface ReportArgs {
  readonly command: 'report';
  readonly path: string;
  readonly format: 'markdown' | 'html' | 'json';
  readonly view: 'meti' | 'ssdf' | 'osps';
  readonly output?: string;
  readonly profile?: Profile;
  readonly lang: Lang;
}
export interface SbomArgs {
  readonly command: 'sbom';
  readonly path: string;
  readonly output?: string;
}
export type Args = CheckArgs | FixArgs | ReportArgs | SbomArgs | { readonly command: 'help' } | { readonly command: 'version' };

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  profile: { type: 'string' },
  lang: { type: 'string' },
  view: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  unsafe: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'omit-suppressed': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** The options each command accepts besides --help and --version. */
const COMMANDS = ['check', 'fix', 'report', 'sbom'] as const;
const ACCEPTS: Record<(typeof COMMANDS)[number], readonly OptionName[]> = {
  report: ['format', 'view', 'output', 'profile', 'lang'],
  sbom: ['output'],
  check: ['format', 'output', 'fail-on', 'profile', 'lang', 'color', 'no-color', 'omit-suppressed'],
  fix: ['unsafe', 'dry-run', 'profile', 'lang'],
};

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} needs a value`);
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function parse(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  if (command === undefined) throw new UsageError('no command given');
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
  const cmd = command as (typeof COMMANDS)[number];
  for (const name of Object.keys(values) as OptionName[]) {
    if (values[name] !== undefined && name !== 'help' && name !== 'version' && !ACCEPTS[cmd].includes(name)) {
      throw new UsageError(`${cmd} does not take --${name}`);
    }
  }
  if (rest.length > 1) throw new UsageError(`${cmd} takes one PATH (got ${rest.length})`);
  const path = rest[0] ?? '.';
  if (cmd === 'sbom') return { command: cmd, path, ...(values.output !== undefined ? { output: values.output } : {}) };
  const lang = oneOf('lang', values.lang, ['en', 'ja'] as const, 'en');
  const profile = values.profile === undefined ? undefined : oneOf('profile', values.profile, ['recommended', 'strict'] as const);
  const withProfile = profile ? { profile } : {};
  const output = values.output !== undefined ? { output: values.output } : {};
  if (cmd === 'fix') return { command: cmd, path, lang, unsafe: values.unsafe === true, dryRun: values['dry-run'] === true, ...withProfile };
  if (cmd === 'report') return { command: cmd, path, lang, format: oneOf('format', values.format, ['markdown', 'html', 'json'] as const, 'markdown'), view: oneOf('view', values.view, ['meti', 'ssdf', 'osps'] as const, 'meti'), ...output, ...withProfile };
  const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], ['critical', 'high', 'medium', 'low', 'info', 'none'] as const, 'info');
  const color = values['no-color'] ? false : values.color ? true : undefined;
  return {
    command: cmd,
    path,
    format,
    failOn,
    lang,
    ...output,
    ...withProfile,
    ...(color !== undefined ? { color } : {}),
    ...(values['omit-suppressed'] ? { omitSuppressed: true } : {}),
  };
}
