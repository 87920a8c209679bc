// Command-line parsing for `kamae`: subcommand, positional path and typed options, with usage errors
// that say exactly what was wrong.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const HELP = `Usage: kamae <command> [PATH] [options]

Commands:
  check [PATH]     Scan a repository (default: the current directory) and report findings.
  help             Show this help.

Options for check:
  --format <f>     text (default), json or sarif
  --output <file>  Write the report to a file instead of standard output
  --fail-on <s>    Exit 1 when a finding is at or above this severity:
                   critical, high, medium, low, info (default) or none
  --profile <p>    recommended (default) or strict; overrides .kamae.yaml
  --lang <l>       en (default) or ja
  --color / --no-color   Force colour on or off (default: only on a terminal; NO_COLOR is honoured)
  --version        Print the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or internal error.
`;

export type Format = 'text' | 'json' | 'sarif';
export interface CheckArgs {
  readonly command: 'check';
  readonly path: string;
  readonly format: Format;
  readonly output?: string;
  readonly failOn: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
  readonly profile?: 'recommended' | 'strict';
  readonly lang: 'en' | 'ja';
  readonly color?: boolean;
}
export type Args = CheckArgs | { readonly command: 'help' } | { readonly command: 'version' };

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
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        profile: { type: 'string' },
        lang: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    if (command === undefined && !values.help) throw new UsageError('no command given');
    return { command: 'help' };
  }
  if (command !== 'check') throw new UsageError(`unknown command "${command}"`);
  if (rest.length > 1) throw new UsageError(`check takes one PATH (got ${rest.length})`);
  const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], ['critical', 'high', 'medium', 'low', 'info', 'none'] as const, 'info');
  const lang = oneOf('lang', values.lang, ['en', 'ja'] as const, 'en');
  const profile = values.profile === undefined ? undefined : oneOf('profile', values.profile, ['recommended', 'strict'] as const);
  const color = values['no-color'] ? false : values.color ? true : undefined;
  return {
    command: 'check',
    path: rest[0] ?? '.',
    format,
    failOn,
    lang,
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(profile ? { profile } : {}),
    ...(color !== undefined ? { color } : {}),
  };
}
