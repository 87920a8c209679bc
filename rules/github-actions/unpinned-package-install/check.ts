// Flags ad-hoc installs of named packages in run scripts (`pip install x`, `npm install -g x`,
// `gem install x`, `go install x@latest`...): no lockfile and no hashes protect what is fetched.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { adHocInstall } from '../_lib/installs';
import { scriptCommandsByJob } from '../_lib/scripts';
import { onceEach, readWorkflow } from '../_lib/workflow';

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  for (const cmds of scriptCommandsByJob(wf, ctx.file.text)) {
    for (const c of cmds) {
      const install = adHocInstall(c.argv);
      if (!install) continue;
      const packages = install.packages.slice(0, 4).join(' ') + (install.packages.length > 4 ? ' …' : '');
      report({ messageId: install.pinned ? 'pinned' : 'unpinned', at: c.span, data: { manager: install.manager, packages } });
    }
  }
});
