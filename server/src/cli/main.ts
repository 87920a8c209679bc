// `kamae`: the CLI adapter. Reads a repository from disk, runs the engine, writes a report and sets
// the exit code (0 clean, 1 findings at or above --fail-on, 2 usage or internal error).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeRepo, atLeast, toJson, toSarif, toText, type RepoReport } from '../engine';
import { diskSource } from '../node/diskSource';
import { CATALOG, DOCS_BASE, REPOSITORY_URL, RULE_METAS, today, VERSION } from '../node/product';
import { HELP, parse, UsageError, type CheckArgs } from './args';
import { fix } from './fix';
import { report } from './report';
import { sbom } from './sbom';

export async function main(argv: readonly string[], io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kamae: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const root = resolveRoot(args.path, io);
  if (root === undefined) return 2;
  if (args.command === 'fix') return fix(args, root, io);
  if (args.command === 'report') return report(args, root, io);
  if (args.command === 'sbom') return sbom(args, root, io);
  return check(args, root, io);
}

/** The repository folder PATH names, or undefined after explaining why it cannot be scanned. */
function resolveRoot(p: string, io: { stderr: NodeJS.WriteStream }): string | undefined {
  const root = path.resolve(p);
  let stat;
  try {
    stat = fs.statSync(root);
  } catch {
    io.stderr.write(`kamae: ${p}: no such file or directory\n`);
    return undefined;
  }
  if (!stat.isDirectory()) {
    io.stderr.write(`kamae: ${p}: not a directory (kamae scans a repository folder)\n`);
    return undefined;
  }
  return root;
}

async function check(args: CheckArgs, root: string, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv }): Promise<number> {
  const tty = io.stderr.isTTY === true;
  if (tty) io.stderr.write(`kamae: scanning ${root}…\r`);
  const report: RepoReport = await analyzeRepo(diskSource(root), CATALOG, {
    toolVersion: VERSION,
    today: today(),
    ...(args.profile ? { profile: args.profile } : {}),
  });
  if (tty) io.stderr.write('\u001b[2K\r');
  let out: string;
  const shown: RepoReport = args.omitSuppressed && args.format !== 'text' ? { ...report, findings: report.findings.filter((f) => !f.suppression) } : report;
  if (args.format === 'json') out = toJson(shown);
  else if (args.format === 'sarif') out = toSarif(shown, { lang: args.lang, metas: RULE_METAS, docsBase: DOCS_BASE, rootUri: pathToFileURL(root).href, informationUri: REPOSITORY_URL });
  else {
    const toFile = args.output !== undefined;
    const color = args.color ?? (!toFile && io.stdout.isTTY === true && !io.env.NO_COLOR);
    out = toText(report, { lang: args.lang, color, guidelines: CATALOG.guidelines });
  }
  if (args.output !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(args.output)), { recursive: true });
    fs.writeFileSync(args.output, out);
  } else io.stdout.write(out);
  if (args.failOn === 'none') return 0;
  const threshold = args.failOn;
  return report.findings.some((f) => !f.suppression && atLeast(f.severity, threshold)) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`kamae: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
