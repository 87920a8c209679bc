// Flags services that mount the Docker (or another container runtime's) socket, or the directory
// holding it: whoever controls the socket controls the host.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { runtimeSocket } from '../../kubernetes/_lib/host-paths';
import { groupedReporter, hostMounts, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    for (const m of hostMounts(ctx, svc)) {
      const socket = runtimeSocket(m.hostPath);
      if (socket) out.add('socket', m.span, svc.name, { path: m.hostPath });
    }
  }
  out.flush();
});
