// Flags RoleBindings and ClusterRoleBindings that grant the cluster-admin ClusterRole.
import { fileCheck, nodeSpan, scalarText, yamlGet, yamlItems } from '../../../server/src/engine/ruleApi';
import { objects } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const obj of objects(ctx.file)) {
    if (obj.kind !== 'ClusterRoleBinding' && obj.kind !== 'RoleBinding') continue;
    const roleRef = yamlGet(obj.root, 'roleRef');
    const nameNode = yamlGet(roleRef, 'name');
    const kind = scalarText(yamlGet(roleRef, 'kind'));
    const at = nodeSpan(nameNode);
    if (scalarText(nameNode) !== 'cluster-admin' || (kind !== undefined && kind !== 'ClusterRole') || !at) continue;
    const subjects = yamlItems(yamlGet(obj.root, 'subjects'))
      .map((s) => `${scalarText(yamlGet(s, 'kind')) ?? '?'}/${scalarText(yamlGet(s, 'name')) ?? '?'}`)
      .join(', ');
    ctx.report({ messageId: obj.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespaced', at, data: { binding: obj.name ?? '?', subjects: subjects || '(none)' } });
  }
});
