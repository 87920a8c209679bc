// Flags project installs in CI that may resolve new versions and rewrite the lockfile instead of
// installing exactly what it records (`npm install` rather than `npm ci`).
import { fileCheck, type EditSpec } from '../../../server/src/engine/ruleApi';
import { unfrozenInstall } from '../_lib/installs';
import { scriptCommandsByJob } from '../_lib/scripts';
import { onceEach, readWorkflow } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const yarnBerry = ctx.repo.paths.some((p) => p === '.yarnrc.yml' || p.endsWith('/.yarnrc.yml'));
  for (const cmds of scriptCommandsByJob(wf, ctx.file.text)) {
    for (const c of cmds) {
      const found = unfrozenInstall(c.argv, yarnBerry);
      if (!found) continue;
      const edits: EditSpec[] = [];
      if (found.swap) {
        // The subcommand word, as written in the script (only when written plainly, without quotes).
        const head = c.cmd.words.findIndex((w) => w.text.toLowerCase() === c.argv[0]!.toLowerCase() || w.text.toLowerCase().endsWith(`/${c.argv[0]!.toLowerCase()}`));
        const word = head >= 0 ? c.cmd.words[head + found.swap.index] : undefined;
        if (word && word.raw === c.argv[found.swap.index]) edits.push({ span: c.script.span(word.start, word.end), newText: found.swap.text });
      }
      report({ messageId: 'unfrozen', at: c.span, data: { command: c.argv.slice(0, 2).join(' '), instead: found.instead }, ...(edits.length > 0 ? { fixes: [{ fixId: 'useFrozen', safety: 'needs-review' as const, edits, data: { instead: found.instead } }] } : {}) });
    }
  }
});
