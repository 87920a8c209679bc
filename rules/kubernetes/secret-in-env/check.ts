// Flags Secrets injected as environment variables (env valueFrom.secretKeyRef, envFrom secretRef):
// environment variables leak through crash dumps, debug endpoints, logs and child processes.
import { fileCheck, keySpan, scalarText, yamlGet, yamlItems, yamlPair } from '../../../server/src/engine/ruleApi';
import { allContainers, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const c of allContainers(ctx)) {
    const owner = ownerOf(c);
    for (const env of yamlItems(yamlGet(c.map, 'env'))) {
      const ref = yamlPair(yamlGet(env, 'valueFrom'), 'secretKeyRef');
      const at = ref && keySpan(ref);
      if (!at) continue;
      ctx.report({ messageId: 'secretKeyRef', at, data: { owner, container: c.name, name: scalarText(yamlGet(env, 'name')) ?? '?', secret: scalarText(yamlGet(ref.value, 'name')) ?? '?' } });
    }
    for (const from of yamlItems(yamlGet(c.map, 'envFrom'))) {
      const ref = yamlPair(from, 'secretRef');
      const at = ref && keySpan(ref);
      if (!at) continue;
      ctx.report({ messageId: 'secretRef', at, data: { owner, container: c.name, secret: scalarText(yamlGet(ref.value, 'name')) ?? '?' } });
    }
  }
});
