// Flags pods that get a service-account token mounted: automountServiceAccountToken true, or unset
// on both the pod and its ServiceAccount (the default is to mount). ServiceAccounts that opt in
// explicitly are reported where they do it. ServiceAccounts are looked up across the repository.
import { fileCheck, scalarText, yamlGet, yamlPair } from '../../../server/src/engine/ruleApi';
import { fixOf } from '../_lib/security-context-edit';
import { allPods, objects, ownerOf, spanOfPair, type K8sCtx, type K8sObject } from '../_lib/workload';
import { insertIntoMap, replaceNode } from '../_lib/yaml-edit';

interface Account {
  readonly name: string;
  readonly namespace?: string;
  readonly automount?: string;
}

/** ServiceAccounts of the whole repository, read once per scan. */
const accountCache = new WeakMap<object, Account[]>();

function accounts(ctx: K8sCtx): Account[] {
  const cached = accountCache.get(ctx.repo);
  if (cached) return cached;
  const out: Account[] = [];
  for (const file of ctx.repo.filesOfKind('kubernetes')) {
    for (const o of objects(file)) {
      if (o.kind !== 'ServiceAccount' || o.name === undefined) continue;
      const automount = scalarText(yamlGet(o.root, 'automountServiceAccountToken'));
      out.push({ name: o.name, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), ...(automount !== undefined ? { automount } : {}) });
    }
  }
  accountCache.set(ctx.repo, out);
  return out;
}

/** Manifests without a namespace are applied into whichever namespace is current, so they match any. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

export default fileCheck<'kubernetes'>((ctx) => {
  for (const obj of objects(ctx.file)) {
    if (obj.kind !== 'ServiceAccount') continue;
    const pair = yamlPair(obj.root, 'automountServiceAccountToken');
    const at = pair && spanOfPair(pair);
    if (pair && at && scalarText(pair.value) === 'true') {
      ctx.report({ messageId: 'accountOptsIn', at, data: { account: obj.name ?? '?' }, fixes: fixOf('disable', replaceNode(pair.value, 'false')) });
    }
  }
  let known: Account[] | undefined;
  for (const pod of allPods(ctx)) {
    const owner = ownerOf(pod);
    const own = yamlPair(pod.spec, 'automountServiceAccountToken');
    const value = scalarText(own?.value);
    if (value === 'false') continue;
    if (own && value === 'true') {
      const at = spanOfPair(own);
      if (at) ctx.report({ messageId: 'podOptsIn', at, data: { owner }, fixes: fixOf('disable', replaceNode(own.value, 'false')) });
      continue;
    }
    if (own || pod.partial) continue;
    const saPair = yamlPair(pod.spec, 'serviceAccountName') ?? yamlPair(pod.spec, 'serviceAccount');
    const account = scalarText(saPair?.value) || 'default';
    known ??= accounts(ctx);
    const sa = known.find((a) => a.name === account && sameNamespace(a.namespace, namespaceOf(pod.obj)));
    if (sa?.automount === 'false' || sa?.automount === 'true') continue; // true is reported on the account
    const at = (saPair && spanOfPair(saPair)) ?? pod.specKey;
    ctx.report({ messageId: 'defaultMount', at, data: { owner, account }, fixes: fixOf('disable', insertIntoMap(ctx.file, pod.spec, ['automountServiceAccountToken: false'])) });
  }
});

function namespaceOf(obj: K8sObject): string | undefined {
  return obj.namespace;
}
