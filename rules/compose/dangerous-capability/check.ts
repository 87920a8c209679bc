// Flags cap_add entries beyond Docker's default capability set (ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE...).
import { fileCheck, isYamlSeq, nodeSpan, scalarText, yamlItems, type FixSpec } from '../../../server/src/engine/ruleApi';
import { removePairLine, removeSeqItem } from '../../kubernetes/_lib/yaml-edit';
import { DOCKER_DEFAULT_CAPS, normalizeCap } from '../_lib/capabilities';
import { field, groupedReporter, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    const f = field(svc, 'cap_add');
    const list = f?.value;
    const bad = (raw: string | undefined) => raw !== undefined && (normalizeCap(raw) === 'ALL' || !DOCKER_DEFAULT_CAPS.has(normalizeCap(raw)));
    // When every entry goes, remove the key rather than leave an empty cap_add behind.
    const all = yamlItems(list).every((i) => bad(scalarText(i)));
    const owner = f && svc.map.items.includes(f.pair) ? svc.map : undefined;
    for (const item of yamlItems(list)) {
      const raw = scalarText(item);
      const at = nodeSpan(item);
      if (raw === undefined || !at) continue;
      const cap = normalizeCap(raw);
      const edit = all ? (owner && f ? removePairLine(ctx.file, owner, f.pair) : undefined) : isYamlSeq(list) ? removeSeqItem(ctx.file, list, item) : undefined;
      const fixes: FixSpec[] = edit ? [{ fixId: 'remove', safety: 'needs-review', edits: [edit], data: { cap } }] : [];
      if (cap === 'ALL') out.add('all', at, svc.name, {}, fixes);
      else if (!DOCKER_DEFAULT_CAPS.has(cap)) out.add('added', at, svc.name, { cap }, fixes);
    }
  }
  out.flush();
});
