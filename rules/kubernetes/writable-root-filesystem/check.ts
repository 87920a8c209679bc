// Flags containers whose root filesystem is writable: readOnlyRootFilesystem false or not set.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { ensureUnder, fixOf } from '../_lib/security-context-edit';
import { allContainers, containerSetting, groupedReporter, missingAnchor, ownerOf, spanOfPair } from '../_lib/workload';
import { replaceNode } from '../_lib/yaml-edit';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx, ['initContainers', 'containers'])) {
    if (c.pod.windows) continue;
    const s = containerSetting(c, 'readOnlyRootFilesystem');
    if (s?.text === 'true') continue;
    const owner = ownerOf(c);
    if (s) {
      const at = spanOfPair(s.pair);
      if (at) out.add('writable', at, c.name, { owner }, fixOf('setReadOnly', replaceNode(s.value, 'true')));
    } else if (!c.partial) {
      out.add('notSet', missingAnchor(c, 'readOnlyRootFilesystem'), c.name, { owner }, fixOf('setReadOnly', ensureUnder(ctx, c.map, ['securityContext'], ['readOnlyRootFilesystem: true'])));
    }
  }
  out.flush();
});
