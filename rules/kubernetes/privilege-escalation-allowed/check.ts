// Flags containers that may gain privileges through setuid binaries: allowPrivilegeEscalation true or
// not set to false (the Kubernetes default is to allow it).
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { replaceNode } from '../_lib/yaml-edit';
import { ensureUnder, fixOf } from '../_lib/security-context-edit';
import { allContainers, containerSetting, groupedReporter, missingAnchor, ownerOf, spanOfPair } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    if (c.pod.windows) continue;
    const s = containerSetting(c, 'allowPrivilegeEscalation');
    if (s?.text === 'false') continue;
    if (s) {
      const at = spanOfPair(s.pair);
      if (at) out.add('allowed', at, c.name, { owner: ownerOf(c) }, fixOf('setFalse', replaceNode(s.value, 'false')));
    } else if (!c.partial) {
      out.add('notSet', missingAnchor(c, 'allowPrivilegeEscalation'), c.name, { owner: ownerOf(c) }, fixOf('setFalse', ensureUnder(ctx, c.map, ['securityContext'], ['allowPrivilegeEscalation: false'])));
    }
  }
  out.flush();
});
