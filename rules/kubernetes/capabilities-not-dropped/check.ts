// Flags containers whose capabilities.drop does not include ALL, keeping the runtime's default set.
import { fileCheck, isYamlSeq, keySpan, scalarText, yamlItems } from '../../../server/src/engine/ruleApi';
import { appendToSeq } from '../_lib/yaml-edit';
import { normalizeCap } from '../_lib/capabilities';
import { ensureUnder, fixOf } from '../_lib/security-context-edit';
import { allContainers, containerSetting, groupedReporter, missingAnchor, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    if (c.pod.windows) continue;
    const drop = containerSetting(c, 'capabilities', 'drop');
    if (drop && yamlItems(drop.value).some((i) => normalizeCap(scalarText(i) ?? '') === 'ALL')) continue;
    const owner = ownerOf(c);
    if (drop) {
      const at = keySpan(drop.pair);
      const edit = isYamlSeq(drop.value) ? appendToSeq(ctx.file, drop.value, 'ALL') : undefined;
      if (at) out.add('partial', at, c.name, { owner }, fixOf('dropAll', edit));
    } else if (!c.partial) {
      out.add('notDropped', missingAnchor(c, 'capabilities', 'drop'), c.name, { owner }, fixOf('dropAll', ensureUnder(ctx, c.map, ['securityContext', 'capabilities'], ['drop:', '  - ALL'])));
    }
  }
  out.flush();
});
