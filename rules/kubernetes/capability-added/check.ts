// Flags capabilities.add entries other than NET_BIND_SERVICE, the only one the restricted Pod Security
// Standard allows; ALL and those outside the baseline set get their own message.
import { fileCheck, isYamlMap, isYamlSeq, nodeSpan, scalarText, yamlItems } from '../../../server/src/engine/ruleApi';
import { fixOf } from '../_lib/security-context-edit';
import { removePairLine, removeSeqItem } from '../_lib/yaml-edit';
import { normalizeCap, PSS_BASELINE_CAPS } from '../_lib/capabilities';
import { allContainers, containerSetting, groupedReporter, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    const add = containerSetting(c, 'capabilities', 'add');
    const caps = containerSetting(c, 'capabilities')?.value;
    // When every entry goes, remove `add` rather than leave an empty list behind.
    const all = yamlItems(add?.value).every((i) => normalizeCap(scalarText(i) ?? '') !== 'NET_BIND_SERVICE');
    const whole = all && add && isYamlMap(caps) && caps.items.includes(add.pair) ? removePairLine(ctx.file, caps, add.pair) : undefined;
    for (const item of yamlItems(add?.value)) {
      const raw = scalarText(item);
      const at = nodeSpan(item);
      if (raw === undefined || !at) continue;
      const cap = normalizeCap(raw);
      if (cap === 'NET_BIND_SERVICE') continue;
      const data = { owner: ownerOf(c), cap };
      const fixes = fixOf('remove', all ? whole : add && isYamlSeq(add.value) ? removeSeqItem(ctx.file, add.value, item) : undefined, { cap });
      if (cap === 'ALL') out.add('all', at, c.name, data, fixes);
      else if (!PSS_BASELINE_CAPS.has(cap)) out.add('dangerous', at, c.name, data, fixes);
      else out.add('added', at, c.name, data, fixes);
    }
  }
  out.flush();
});
