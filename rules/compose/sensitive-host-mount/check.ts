// Flags bind mounts of sensitive host locations (/, /etc, /proc, /sys, /dev, /root, runtime state...),
// including named volumes whose local driver binds such a path.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { sensitivePath } from '../../kubernetes/_lib/host-paths';
import { boundVolumeNodes, groupedReporter, hostMounts, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  const reportedVolumes = new Set<string>();
  for (const svc of services(ctx)) {
    for (const m of hostMounts(ctx, svc)) {
      if (m.volume !== undefined) continue; // reported once, at the volume definition
      const why = sensitivePath(m.hostPath, m.readOnly);
      if (why) out.add('mount', m.span, svc.name, { path: m.hostPath, what: why.en, whatJa: why.ja });
    }
  }
  // A volume definition that binds a sensitive host path is a finding wherever it is used.
  for (const v of boundVolumeNodes(ctx)) {
    const why = sensitivePath(v.device, false);
    if (!why || reportedVolumes.has(v.name)) continue;
    reportedVolumes.add(v.name);
    ctx.report({ messageId: 'volume', at: v.span, data: { volume: v.name, path: v.device, what: why.en, whatJa: why.ja } });
  }
  out.flush();
});
