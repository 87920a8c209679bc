// Flags containers without a RuntimeDefault or Localhost seccomp profile: none set (the kubelet then
// runs them Unconfined), Unconfined set explicitly, or a legacy annotation with an invalid value.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { seccompOf } from '../_lib/profiles';
import { ensureUnder, fixOf } from '../_lib/security-context-edit';
import { allContainers, groupedReporter, missingAnchor, ownerOf } from '../_lib/workload';
import { replaceNode } from '../_lib/yaml-edit';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    if (c.pod.windows) continue;
    const p = seccompOf(c);
    const owner = ownerOf(c);
    const fixed = p.source === 'annotation' ? 'runtime/default' : 'RuntimeDefault';
    if (p.state === 'unconfined' && p.at) out.add('unconfined', p.at, c.name, { owner }, fixOf('useRuntimeDefault', replaceNode(p.pair?.value, fixed)));
    else if (p.state === 'invalid' && p.at) out.add('invalid', p.at, c.name, { owner, value: p.value ?? '' }, fixOf('useRuntimeDefault', replaceNode(p.pair?.value, fixed)));
    else if (p.state === 'missing' && !c.partial) {
      out.add('missing', missingAnchor(c, 'seccompProfile'), c.name, { owner }, fixOf('useRuntimeDefault', ensureUnder(ctx, c.map, ['securityContext'], ['seccompProfile:', '  type: RuntimeDefault'])));
    }
  }
  out.flush();
});
