// Flags pods that share the node's network, PID or IPC namespace.
import { fileCheck, scalarText, yamlPair } from '../../../server/src/engine/ruleApi';
import { fixOf } from '../_lib/security-context-edit';
import { allPods, ownerOf, spanOfPair } from '../_lib/workload';
import { replaceNode } from '../_lib/yaml-edit';

const KEYS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default fileCheck<'kubernetes'>((ctx) => {
  for (const pod of allPods(ctx)) {
    for (const key of KEYS) {
      const pair = yamlPair(pod.spec, key);
      if (!pair || scalarText(pair.value) !== 'true') continue;
      const at = spanOfPair(pair);
      if (!at) continue;
      ctx.report({ messageId: key, at, data: { owner: ownerOf(pod) }, fixes: fixOf('setFalse', replaceNode(pair.value, 'false'), { key }) });
    }
  }
});
