// Flags container env entries whose name looks like a credential and whose value is a literal.
import { fileCheck, maskSecret, nodeSpan, scalarText, yamlGet, yamlItems, yamlPair } from '../../../server/src/engine/ruleApi';
import { isLiteralSecret, looksLikeSecretName } from '../_lib/secret-names';
import { allContainers, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const c of allContainers(ctx)) {
    for (const env of yamlItems(yamlGet(c.map, 'env'))) {
      const name = scalarText(yamlGet(env, 'name'));
      const valuePair = yamlPair(env, 'value');
      const value = scalarText(valuePair?.value);
      const at = nodeSpan(valuePair?.value);
      if (!name || value === undefined || !at || !looksLikeSecretName(name) || !isLiteralSecret(value)) continue;
      ctx.report({ messageId: 'literal', at, data: { owner: ownerOf(c), container: c.name, name, masked: maskSecret(value) } });
    }
  }
});
