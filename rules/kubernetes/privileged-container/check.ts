// Flags containers with securityContext.privileged: true.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { replaceNode } from '../_lib/yaml-edit';
import { fixOf } from '../_lib/security-context-edit';
import { allContainers, containerSetting, groupedReporter, ownerOf, spanOfPair } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    const s = containerSetting(c, 'privileged');
    if (s?.text !== 'true') continue;
    const at = spanOfPair(s.pair);
    if (at) out.add('privileged', at, c.name, { owner: ownerOf(c) }, fixOf('setFalse', replaceNode(s.value, 'false')));
  }
  out.flush();
});
