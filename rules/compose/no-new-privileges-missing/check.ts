// Flags services without `security_opt: [no-new-privileges:true]`, which stops setuid binaries and
// file capabilities from raising a process's privileges inside the container.
import { fileCheck, isYamlSeq, keySpan, type FixSpec } from '../../../server/src/engine/ruleApi';
import { appendToSeq, insertIntoMap, replaceNode } from '../../kubernetes/_lib/yaml-edit';
import { securityOpts } from '../_lib/security-opt';
import { field, groupedReporter, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    const opt = securityOpts(svc).find((o) => o.name === 'no-new-privileges');
    if (opt) {
      if (opt.value === '' || opt.value.toLowerCase() === 'true') continue;
      const edit = replaceNode(opt.node, 'no-new-privileges:true');
      out.add('disabled', opt.span, svc.name, {}, fixes(edit));
      continue;
    }
    const so = field(svc, 'security_opt');
    if (so) {
      const at = keySpan(so.pair);
      if (!at) continue;
      const edit = isYamlSeq(so.value) ? appendToSeq(ctx.file, so.value, 'no-new-privileges:true') : undefined;
      out.add('missing', at, svc.name, {}, fixes(edit));
    } else {
      out.add('missing', svc.keySpan, svc.name, {}, fixes(insertIntoMap(ctx.file, svc.map, ['security_opt:', '  - no-new-privileges:true'])));
    }
  }
  out.flush();
});

function fixes(edit: ReturnType<typeof replaceNode>): FixSpec[] {
  return edit ? [{ fixId: 'enable', safety: 'needs-review', edits: [edit] }] : [];
}
