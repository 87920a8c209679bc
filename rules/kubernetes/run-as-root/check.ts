// Flags containers that may run as root: runAsUser 0 (container or pod level, the container's value
// winning), or no non-zero runAsUser and runAsNonRoot not true.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { ensureUnder, fixOf } from '../_lib/security-context-edit';
import { allContainers, effectiveSetting, groupedReporter, missingAnchor, ownerOf, spanOfPair } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const c of allContainers(ctx)) {
    if (c.pod.windows) continue;
    const user = effectiveSetting(c, 'runAsUser');
    const uid = user?.text !== undefined && /^\d+$/.test(user.text) ? Number(user.text) : undefined;
    if (user && uid === undefined) continue; // a templated value Kamae cannot judge
    const owner = ownerOf(c);
    if (uid === 0) {
      const at = spanOfPair(user!.pair);
      if (at) out.add(user!.level === 'pod' ? 'podUserZero' : 'userZero', at, c.name, { owner });
      continue;
    }
    if (uid !== undefined) continue; // an explicit non-root UID
    const nonRoot = effectiveSetting(c, 'runAsNonRoot');
    if (nonRoot?.text === 'true') continue;
    if (nonRoot) {
      const at = spanOfPair(nonRoot.pair);
      if (at) out.add(nonRoot.level === 'pod' ? 'podNonRootFalse' : 'nonRootFalse', at, c.name, { owner });
    } else if (!c.partial) {
      out.add('notSet', missingAnchor(c, 'runAsNonRoot'), c.name, { owner }, fixOf('setNonRoot', ensureUnder(ctx, c.map, ['securityContext'], ['runAsNonRoot: true'])));
    }
  }
  out.flush();
});
