// Facts about this build of Kamae that adapters share: version, documentation links, the catalogue.
import pkg from '../../../package.json';
import { catalog } from '../../../rules/index.generated';
import { allRuleMetas, type Catalog, type RuleMeta } from '../engine';

export const VERSION: string = pkg.version;
export const REPOSITORY_URL: string = pkg.repository.url;
/** Rule pages are generated into docs/rules/ (scripts/gen-rules.mjs); links point at the repository copy. */
export const DOCS_BASE = `${REPOSITORY_URL}/blob/main/docs/rules`;
export const CATALOG: Catalog = catalog;
export const RULE_METAS: readonly RuleMeta[] = allRuleMetas(catalog);

/**
 * Today in UTC as YYYY-MM-DD; the engine compares expiry dates against it. SOURCE_DATE_EPOCH
 * (seconds since 1970, the reproducible-builds convention) fixes the date for repeatable reports.
 */
export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  return timestamp(env, now).slice(0, 10);
}

/** The current time as an ISO 8601 UTC timestamp, or SOURCE_DATE_EPOCH's when it is set (SBOM metadata). */
export function timestamp(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const fixed = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
  return (fixed && !Number.isNaN(fixed.getTime()) ? fixed : now).toISOString();
}
