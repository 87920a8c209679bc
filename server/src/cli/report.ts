// `kamae report`: the self-assessment a supplier hands to a customer, as Markdown, HTML or JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeRepo, assessmentToHtml, assessmentToMarkdown, buildAssessment } from '../engine';
import { diskSource } from '../node/diskSource';
import { CATALOG, RULE_METAS, today, VERSION } from '../node/product';
import type { ReportArgs } from './args';
import type { Io } from './fix';

export async function report(args: ReportArgs, root: string, io: Io): Promise<number> {
  const date = today();
  const result = await analyzeRepo(diskSource(root), CATALOG, { toolVersion: VERSION, today: date, ...(args.profile ? { profile: args.profile } : {}) });
  const assessment = buildAssessment(result, CATALOG, RULE_METAS, { lang: args.lang, repository: path.basename(root), date, view: args.view });
  const text = args.format === 'html' ? assessmentToHtml(assessment) : args.format === 'json' ? `${JSON.stringify(assessment, null, 2)}\n` : assessmentToMarkdown(assessment);
  if (args.output !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(args.output)), { recursive: true });
    fs.writeFileSync(args.output, text);
  } else io.stdout.write(text);
  return 0;
}
