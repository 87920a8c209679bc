// Flags containers that declare no AppArmor profile at all (field or legacy annotation).
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { apparmorOf } from '../_lib/profiles';
import { ensureUnder, fixOf } from '../_lib/security-context-edit';
import { allContainers, groupedReporter, missingAnchor, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    if (c.pod.windows || c.partial) continue;
    if (apparmorOf(c).state !== 'missing') continue;
    out.add('missing', missingAnchor(c, 'appArmorProfile'), c.name, { owner: ownerOf(c) }, fixOf('setRuntimeDefault', ensureUnder(ctx, c.map, ['securityContext'], ['appArmorProfile:', '  type: RuntimeDefault'])));
  }
  out.flush();
});
