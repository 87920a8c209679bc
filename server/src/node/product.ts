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

/** Today in UTC as YYYY-MM-DD; the engine compares expiry dates against it. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
