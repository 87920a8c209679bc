// Flags capabilities.add entries other than NET_BIND_SERVICE, the only one the restricted Pod Security
// Standard allows; ALL and those outside the baseline set get their own message.
import { fileCheck, nodeSpan, scalarText, yamlItems } from '../../../server/src/engine/ruleApi';
import { normalizeCap, PSS_BASELINE_CAPS } from '../_lib/capabilities';
import { allContainers, containerSetting, groupedReporter, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    const add = containerSetting(c, 'capabilities', 'add');
    for (const item of yamlItems(add?.value)) {
      const raw = scalarText(item);
      const at = nodeSpan(item);
      if (raw === undefined || !at) continue;
      const cap = normalizeCap(raw);
      if (cap === 'NET_BIND_SERVICE') continue;
      const data = { owner: ownerOf(c), cap };
      if (cap === 'ALL') out.add('all', at, c.name, data);
      else if (!PSS_BASELINE_CAPS.has(cap)) out.add('dangerous', at, c.name, data);
      else out.add('added', at, c.name, data);
    }
  }
  out.flush();
});
