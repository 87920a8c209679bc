// Flags Helm values files whose password-like keys default to a well-known or trivially weak value,
// or to the same value as the user name beside them. Empty values (charts generate one) are fine.
import { fileCheck, isYamlMap, isYamlSeq, nodeSpan, scalarText, yamlEntries, yamlItems, type YamlNode } from '../../../server/src/engine/ruleApi';
import { isPasswordName, isUserName, isWeakPassword } from '../../compose/_lib/weak-passwords';

export default fileCheck<'helm-values'>((ctx) => {
  const visit = (node: YamlNode | undefined, path: string, depth: number): void => {
    if (depth > 32) return;
    if (isYamlSeq(node)) {
      yamlItems(node).forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isYamlMap(node)) return;
    const entries = yamlEntries(node);
    for (const e of entries) {
      const key = path ? `${path}.${e.key}` : e.key;
      const value = scalarText(e.value);
      const at = nodeSpan(e.value);
      if (value === undefined || !at) {
        visit(e.value, key, depth + 1);
        continue;
      }
      if (!isPasswordName(e.key) || value.trim() === '' || value.includes('{{')) continue;
      if (isWeakPassword(value)) {
        ctx.report({ messageId: 'weak', at, data: { key, value: value.trim() } });
        continue;
      }
      const user = entries.find((u) => u !== e && isUserName(u.key) && scalarText(u.value)?.trim().toLowerCase() === value.trim().toLowerCase());
      if (user) ctx.report({ messageId: 'sameAsUser', at, data: { key, user: path ? `${path}.${user.key}` : user.key } });
    }
  };
  for (const doc of ctx.file.model.docs) visit(doc.contents as YamlNode | undefined, '', 0);
});
