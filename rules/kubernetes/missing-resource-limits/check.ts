// Flags containers without a memory limit or a CPU limit (CPU can be exempted with the `cpu` option).
import { fileCheck, keySpan, yamlPair } from '../../../server/src/engine/ruleApi';
import { allContainers, groupedReporter, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const requireCpu = ctx.options.cpu !== false;
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx, ['initContainers', 'containers'])) {
    if (c.partial) continue;
    const resources = yamlPair(c.map, 'resources');
    const limits = resources ? yamlPair(resources.value, 'limits') : undefined;
    const memory = limits ? yamlPair(limits.value, 'memory') : undefined;
    const cpu = limits ? yamlPair(limits.value, 'cpu') : undefined;
    const noMemory = !memory;
    const noCpu = requireCpu && !cpu;
    if (!noMemory && !noCpu) continue;
    const at = (limits && keySpan(limits)) ?? (resources && keySpan(resources)) ?? c.anchor;
    out.add(noMemory && noCpu ? 'noLimits' : noMemory ? 'noMemory' : 'noCpu', at, c.name, { owner: ownerOf(c) });
  }
  out.flush();
});
