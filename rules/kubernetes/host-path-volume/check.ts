// Flags hostPath volumes (pod volumes and PersistentVolumes) outside kube-system, with a sharper
// message for sensitive host locations. Runtime sockets are left to container-runtime-socket.
import { deref, fileCheck, nodeSpan, scalarText, yamlGet, yamlItems } from '../../../server/src/engine/ruleApi';
import { runtimeSocket, sensitivePath } from '../_lib/host-paths';
import { objects, podSpecs } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const obj of objects(ctx.file)) {
    if (obj.namespace === 'kube-system') continue;
    const owner = `${obj.kind}/${obj.name ?? '?'}`;
    const paths: { pathNode: unknown; volume: string; readOnly: boolean }[] = [];
    if (obj.kind === 'PersistentVolume') {
      const hp = yamlGet(yamlGet(obj.root, 'spec'), 'hostPath');
      if (hp) paths.push({ pathNode: yamlGet(hp, 'path'), volume: obj.name ?? '?', readOnly: false });
    }
    for (const pod of podSpecs(obj)) {
      for (const vol of yamlItems(yamlGet(pod.spec, 'volumes'))) {
        const hp = yamlGet(vol, 'hostPath');
        if (!hp) continue;
        paths.push({ pathNode: yamlGet(hp, 'path'), volume: scalarText(yamlGet(vol, 'name')) ?? '?', readOnly: false });
      }
    }
    for (const p of paths) {
      const path = scalarText(p.pathNode);
      const at = nodeSpan(deref(p.pathNode));
      if (path === undefined || !at || runtimeSocket(path)) continue;
      const why = sensitivePath(path, p.readOnly);
      const data = { owner, volume: p.volume, path };
      if (why) ctx.report({ messageId: 'sensitive', at, data: { ...data, what: why.en, whatJa: why.ja } });
      else ctx.report({ messageId: 'hostPath', at, data });
    }
  }
});
