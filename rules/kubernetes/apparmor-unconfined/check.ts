// Flags containers whose AppArmor profile is explicitly Unconfined, or named with an invalid value.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { apparmorOf } from '../_lib/profiles';
import { fixOf } from '../_lib/security-context-edit';
import { allContainers, groupedReporter, ownerOf } from '../_lib/workload';
import { replaceNode } from '../_lib/yaml-edit';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    const p = apparmorOf(c);
    if (!p.at || (p.state !== 'unconfined' && p.state !== 'invalid')) continue;
    const fixed = p.source === 'annotation' ? 'runtime/default' : 'RuntimeDefault';
    out.add(p.state, p.at, c.name, { owner: ownerOf(c), value: p.value ?? '' }, fixOf('useRuntimeDefault', replaceNode(p.pair?.value, fixed)));
  }
  out.flush();
});
