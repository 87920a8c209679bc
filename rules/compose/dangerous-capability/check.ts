// Flags cap_add entries beyond Docker's default capability set (ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE...).
import { fileCheck, nodeSpan, scalarText, yamlItems } from '../../../server/src/engine/ruleApi';
import { DOCKER_DEFAULT_CAPS, normalizeCap } from '../_lib/capabilities';
import { field, groupedReporter, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    for (const item of yamlItems(field(svc, 'cap_add')?.value)) {
      const raw = scalarText(item);
      const at = nodeSpan(item);
      if (raw === undefined || !at) continue;
      const cap = normalizeCap(raw);
      if (cap === 'ALL') out.add('all', at, svc.name);
      else if (!DOCKER_DEFAULT_CAPS.has(cap)) out.add('added', at, svc.name, { cap });
    }
  }
  out.flush();
});
