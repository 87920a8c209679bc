// Flags hostPath volumes that expose a container runtime socket (docker.sock, containerd.sock,
// crio.sock...) or the directory holding it: the socket's API controls every container on the node.
import { deref, fileCheck, nodeSpan, scalarText, yamlGet, yamlItems } from '../../../server/src/engine/ruleApi';
import { runtimeSocket } from '../_lib/host-paths';
import { objects, podSpecs } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const obj of objects(ctx.file)) {
    const owner = `${obj.kind}/${obj.name ?? '?'}`;
    const nodes: unknown[] = [];
    if (obj.kind === 'PersistentVolume') nodes.push(yamlGet(yamlGet(yamlGet(obj.root, 'spec'), 'hostPath'), 'path'));
    for (const pod of podSpecs(obj)) for (const vol of yamlItems(yamlGet(pod.spec, 'volumes'))) nodes.push(yamlGet(yamlGet(vol, 'hostPath'), 'path'));
    for (const node of nodes) {
      const path = scalarText(node);
      const at = nodeSpan(deref(node));
      if (path === undefined || !at) continue;
      const socket = runtimeSocket(path);
      if (socket) ctx.report({ messageId: socket.endsWith('.sock') ? 'socket' : 'socketDir', at, data: { owner, path } });
    }
  }
});
