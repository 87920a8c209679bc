// The JSON report: the RepoReport itself, versioned, with a summary. Both languages are kept.
import type { RepoReport } from '../model';
import { summarise } from './common';

export const JSON_REPORT_VERSION = 1;

export function toJson(report: RepoReport): string {
  return `${JSON.stringify({ kamaeReport: JSON_REPORT_VERSION, summary: summarise(report), ...report }, null, 2)}\n`;
}
