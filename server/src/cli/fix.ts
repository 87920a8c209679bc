// `kamae fix`: applies the rules' fixes (safe ones, or all with --unsafe), prints a unified diff,
// and writes the files unless --dry-run. Files are only ever created where none exists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeRepo, overlaySource, planFixes, unifiedDiff, type FixSafety } from '../engine';
import { diskSource } from '../node/diskSource';
import { CATALOG, today, VERSION } from '../node/product';
import type { FixArgs } from './args';

/** Fixes are applied over several passes (overlaps, fixes revealed by fixes), at most this many. */
const MAX_PASSES = 5;

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

export async function fix(args: FixArgs, root: string, io: Io): Promise<number> {
  const allow = new Set<FixSafety>(args.unsafe ? ['safe', 'needs-review'] : ['safe']);
  const readDisk = (p: string): string | undefined => {
    const abs = inside(root, p);
    if (!abs) return undefined;
    try {
      return fs.statSync(abs).isFile() ? fs.readFileSync(abs, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const overlay = new Map<string, string>();
  const originals = new Map<string, string | undefined>();
  const done = new Set<string>();
  let applied = 0;
  let skipped = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const report = await analyzeRepo(overlaySource(diskSource(root), overlay), CATALOG, { toolVersion: VERSION, today: today(), ...(args.profile ? { profile: args.profile } : {}) });
    // A finding fixed in an earlier pass is never fixed twice, even if its rule still reports it.
    const pending = report.findings.filter((f) => !done.has(f.fingerprint));
    const plan = planFixes(pending, (p) => overlay.get(p) ?? readDisk(p), allow);
    skipped = plan.skipped;
    if (plan.applied === 0) break;
    for (const f of pending) if (f.fixes.some((x) => allow.has(x.safety))) done.add(f.fingerprint);
    for (const [p, content] of plan.files) {
      if (!inside(root, p)) throw new Error(`a fix targets ${p}, outside the repository`);
      if (!originals.has(p)) originals.set(p, readDisk(p));
      overlay.set(p, content);
    }
    applied += plan.applied;
    // Go round again: overlapping fixes wait for the next pass, and a fix can reveal another (a
    // created workflow makes github-actions an ecosystem dependabot.yml should cover).
  }
  const changed = [...overlay.keys()].sort();
  for (const p of changed) io.stdout.write(unifiedDiff(p, originals.get(p) ?? '', overlay.get(p)!, originals.get(p) === undefined));
  if (!args.dryRun) {
    for (const p of changed) {
      const abs = inside(root, p)!;
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, overlay.get(p)!);
    }
  }
  const ja = args.lang === 'ja';
  const what = ja
    ? `${applied} 件の修正を ${changed.length} 個のファイルに${args.dryRun ? '適用できます (--dry-run のため未変更)' : '適用しました'}`
    : `${args.dryRun ? 'would apply' : 'applied'} ${applied} fix${applied === 1 ? '' : 'es'} to ${changed.length} file${changed.length === 1 ? '' : 's'}`;
  const rest = skipped > 0 ? (ja ? `。重なり合う ${skipped} 件は適用していません` : `; ${skipped} left because they overlap another fix`) : '';
  const hint = !args.unsafe ? (ja ? '。要確認の修正も適用するには --unsafe を付けてください' : '; add --unsafe to include fixes that need review') : '';
  io.stderr.write(`kamae: ${what}${rest}${hint}\n`);
  return 0;
}

/** The absolute path of a repository-relative path, or undefined if it would leave the root. */
function inside(root: string, rel: string): string | undefined {
  const abs = path.resolve(root, rel);
  const back = path.relative(root, abs);
  return back === '' || back.startsWith('..') || path.isAbsolute(back) ? undefined : abs;
}
