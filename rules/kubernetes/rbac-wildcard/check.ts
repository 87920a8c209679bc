// Flags Role and ClusterRole rules that use `*` in apiGroups, resources, verbs or nonResourceURLs.
import { fileCheck, keySpan, scalarText, yamlGet, yamlItems, yamlPair } from '../../../server/src/engine/ruleApi';
import { objects } from '../_lib/workload';

const FIELDS = ['apiGroups', 'resources', 'verbs', 'nonResourceURLs'] as const;

export default fileCheck<'kubernetes'>((ctx) => {
  for (const obj of objects(ctx.file)) {
    if (obj.kind !== 'Role' && obj.kind !== 'ClusterRole') continue;
    const role = `${obj.kind}/${obj.name ?? '?'}`;
    for (const rule of yamlItems(yamlGet(obj.root, 'rules'))) {
      for (const field of FIELDS) {
        const pair = yamlPair(rule, field);
        if (!pair || !yamlItems(pair.value).some((i) => scalarText(i)?.trim() === '*')) continue;
        const at = keySpan(pair);
        if (at) ctx.report({ messageId: field, at, data: { role } });
      }
    }
  }
});
