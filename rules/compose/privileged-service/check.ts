// Flags services that run with `privileged: true`: every capability, every device, no seccomp/AppArmor.
import { fileCheck, scalarText } from '../../../server/src/engine/ruleApi';
import { replaceNode } from '../../kubernetes/_lib/yaml-edit';
import { field, groupedReporter, pairSpanOf, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    const f = field(svc, 'privileged');
    if (!f || scalarText(f.value)?.toLowerCase() !== 'true') continue;
    const at = pairSpanOf(f.pair);
    if (!at) continue;
    const edit = replaceNode(f.value, 'false');
    out.add('privileged', at, svc.name, {}, edit ? [{ fixId: 'setFalse', safety: 'needs-review', edits: [edit] }] : []);
  }
  out.flush();
});
