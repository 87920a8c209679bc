// Flags services that share a host namespace: network_mode, pid, ipc, uts or userns_mode set to host.
import { fileCheck, scalarText } from '../../../server/src/engine/ruleApi';
import { removePairLine } from '../../kubernetes/_lib/yaml-edit';
import { field, groupedReporter, pairSpanOf, services } from '../_lib/service';

const KEYS = ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode'] as const;

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    for (const key of KEYS) {
      const f = field(svc, key);
      if (!f || scalarText(f.value)?.toLowerCase() !== 'host') continue;
      const at = pairSpanOf(f.pair);
      if (!at) continue;
      const owner = svc.map.items.includes(f.pair) ? svc.map : undefined;
      const edit = owner ? removePairLine(ctx.file, owner, f.pair) : undefined;
      out.add(key === 'network_mode' ? 'network' : key === 'userns_mode' ? 'userns' : key, at, svc.name, {}, edit ? [{ fixId: 'remove', safety: 'needs-review', edits: [edit], data: { key } }] : []);
    }
  }
  out.flush();
});
