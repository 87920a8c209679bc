// Flags services without a memory limit or a process (pids) limit, and limits set to "unlimited".
import { fileCheck, keySpan, scalarText, yamlPair, type Span, type YamlNode, type YamlPair } from '../../../server/src/engine/ruleApi';
import { field, groupedReporter, services } from '../_lib/service';

function unlimited(v: string | undefined): boolean {
  return v !== undefined && /^(-1|0|0[bkmg]?)$/i.test(v.trim());
}

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    // deploy.resources.limits, and the deepest of those keys that exists (where the limit belongs).
    const chain: YamlPair<YamlNode, YamlNode>[] = [];
    let node: unknown = svc.map;
    for (const key of ['deploy', 'resources', 'limits']) {
      const p = yamlPair(node, key);
      if (!p) break;
      chain.push(p);
      node = p.value;
    }
    const deepest: Span = (chain.length > 0 ? keySpan(chain[chain.length - 1]!) : undefined) ?? svc.keySpan;
    const limits = chain.length === 3 ? chain[2]!.value : undefined;

    // Memory: mem_limit (v2 and the Compose spec) or deploy.resources.limits.memory.
    const memLimit = field(svc, 'mem_limit');
    const deployMem = yamlPair(limits, 'memory');
    const memPair = memLimit?.pair ?? deployMem;
    if (!memPair) out.add('noMemory', deepest, svc.name);
    else if (unlimited(scalarText(memPair.value))) out.add('memoryUnlimited', keySpan(memPair) ?? deepest, svc.name);

    // Processes: pids_limit or deploy.resources.limits.pids. Without a deploy.resources block the
    // limit is written on the service itself, so that is where the finding points.
    const pidsLimit = field(svc, 'pids_limit');
    const deployPids = yamlPair(limits, 'pids');
    const pidsPair = pidsLimit?.pair ?? deployPids;
    if (!pidsPair) out.add('noPids', chain.length >= 2 ? deepest : svc.keySpan, svc.name);
    else if (unlimited(scalarText(pidsPair.value))) out.add('pidsUnlimited', keySpan(pidsPair) ?? svc.keySpan, svc.name);
  }
  out.flush();
});
