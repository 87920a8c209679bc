// Flags services that do not start from `cap_drop: [ALL]`, keeping Docker's default capabilities
// (NET_RAW, CHOWN, DAC_OVERRIDE, SETUID...) whether they need them or not.
import { fileCheck, isYamlSeq, keySpan, scalarText, yamlItems, type FixSpec } from '../../../server/src/engine/ruleApi';
import { appendToSeq, insertIntoMap } from '../../kubernetes/_lib/yaml-edit';
import { normalizeCap } from '../_lib/capabilities';
import { field, groupedReporter, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    const drop = field(svc, 'cap_drop');
    if (!drop) {
      const edit = insertIntoMap(ctx.file, svc.map, ['cap_drop:', '  - ALL']);
      out.add('noDrop', svc.keySpan, svc.name, {}, fix(edit));
      continue;
    }
    if (yamlItems(drop.value).some((i) => normalizeCap(scalarText(i) ?? '') === 'ALL')) continue;
    const at = keySpan(drop.pair);
    if (!at) continue;
    const edit = isYamlSeq(drop.value) ? appendToSeq(ctx.file, drop.value, 'ALL') : undefined;
    out.add('partialDrop', at, svc.name, {}, fix(edit));
  }
  out.flush();
});

function fix(edit: ReturnType<typeof insertIntoMap>): FixSpec[] {
  return edit ? [{ fixId: 'dropAll', safety: 'needs-review', edits: [edit] }] : [];
}
