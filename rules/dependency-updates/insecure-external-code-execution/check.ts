// Flags Dependabot update entries with `insecure-external-code-execution: allow`, which lets the
// package manager run code from the manifest (setup.py, Gemfile, build scripts) during updates.
import { fileCheck, isYamlMap, nodeSpan, scalarText, yamlGet, yamlItems, yamlPair } from '../../../server/src/engine/ruleApi';

export default fileCheck<'dependabot'>((ctx) => {
  const root = ctx.file.model.docs[0]?.contents;
  for (const update of yamlItems(yamlPair(root, 'updates')?.value)) {
    if (!isYamlMap(update)) continue;
    const node = yamlGet(update, 'insecure-external-code-execution');
    if ((scalarText(node) ?? '').trim().toLowerCase() !== 'allow') continue;
    const at = nodeSpan(node);
    const ecosystem = scalarText(yamlGet(update, 'package-ecosystem')) ?? '?';
    ctx.report({ messageId: 'allow', ...(at ? { at } : {}), data: { ecosystem }, ...(at ? { fixes: [{ fixId: 'deny', safety: 'needs-review' as const, edits: [{ span: at, newText: 'deny' }] }] } : {}) });
  }
});
