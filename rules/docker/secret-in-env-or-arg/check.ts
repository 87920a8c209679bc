// Flags ENV and ARG instructions that give a secret-looking variable a literal value: the value is
// committed with the Dockerfile and, for ENV and ARG defaults, stored in the image's metadata.
import { fileCheck, maskSecret, type Span } from '../../../server/src/engine/ruleApi';
import { isLiteralSecret, looksLikeSecretName } from '../../kubernetes/_lib/secret-names';

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

export default fileCheck<'dockerfile'>((ctx) => {
  for (const ins of ctx.file.model.instructions) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
    const pairs: { name: string; value: string; at: Span }[] = [];
    const words = ins.args;
    if (ins.keyword === 'ENV' && words.length >= 2 && !words[0]!.value.includes('=')) {
      // Legacy form: ENV NAME value with spaces
      const last = words[words.length - 1]!;
      pairs.push({ name: words[0]!.value, value: unquote(words.slice(1).map((w) => w.value).join(' ')), at: { start: words[1]!.span.start, end: last.span.end } });
    } else {
      for (const w of words) {
        const eq = w.value.indexOf('=');
        if (eq <= 0) continue;
        pairs.push({ name: w.value.slice(0, eq), value: unquote(w.value.slice(eq + 1)), at: w.span });
      }
    }
    for (const p of pairs) {
      if (!looksLikeSecretName(p.name) || !isLiteralSecret(p.value)) continue;
      ctx.report({ messageId: ins.keyword === 'ENV' ? 'envSecret' : 'argSecret', at: p.at, data: { name: p.name, masked: maskSecret(p.value) } });
    }
  }
});
