// Flags VCS requirements (git+https://..., name @ git+...) that do not name a full commit.
import { fileCheck } from '../../../server/src/engine/ruleApi';

export default fileCheck<'requirements-txt'>((ctx) => {
  for (const l of ctx.file.model.lines) {
    const url = l.requirement?.url;
    if (!url || !/^(git|hg|svn|bzr)\+/i.test(url)) continue;
    // The revision follows the last `@` of the path, before any #egg= fragment: git+https://host/repo.git@<rev>
    const noFragment = url.replace(/#.*$/, '');
    const afterScheme = noFragment.replace(/^[a-z+]+:\/\/[^/]*/i, '');
    const at = afterScheme.lastIndexOf('@');
    const rev = at < 0 ? '' : afterScheme.slice(at + 1);
    if (/^[0-9a-f]{40}$/i.test(rev)) continue;
    ctx.report({ messageId: rev ? 'movableRef' : 'noRef', at: l.span, data: { url: noFragment.replace(/\/\/[^@/]*@/, '//***@'), rev } });
  }
});
