// Flags Secret manifests that carry literal values in data or stringData. SOPS-encrypted documents,
// empty values and placeholders are left alone.
import { fileCheck, keySpan, scalarText, yamlEntries, yamlPair } from '../../../server/src/engine/ruleApi';
import { objects } from '../_lib/workload';

function isPlaceholder(v: string): boolean {
  const s = v.trim();
  return s === '' || s.includes('${') || s.includes('{{') || /^<[^>]*>$/.test(s) || /^ENC\[/.test(s) || /^(changeme|replace[-_]?me|todo|xxx+|\*+)$/i.test(s);
}

export default fileCheck<'kubernetes'>((ctx) => {
  for (const obj of objects(ctx.file)) {
    if (obj.kind !== 'Secret' || !/^v1$/.test(obj.apiVersion)) continue;
    if (yamlPair(obj.root, 'sops')) continue;
    for (const field of ['data', 'stringData'] as const) {
      const pair = yamlPair(obj.root, field);
      const at = pair && keySpan(pair);
      if (!pair || !at) continue;
      const keys = yamlEntries(pair.value)
        .filter((e) => {
          const v = scalarText(e.value);
          return v !== undefined && !isPlaceholder(v);
        })
        .map((e) => e.key);
      if (keys.length === 0) continue;
      const shown = keys.slice(0, 4).join(', ') + (keys.length > 4 ? `, … (${keys.length})` : '');
      ctx.report({ messageId: field, at, data: { secret: obj.name ?? '?', keys: shown } });
    }
  }
});
