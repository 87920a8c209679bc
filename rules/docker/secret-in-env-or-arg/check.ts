// Flags ENV and ARG instructions that give a secret-looking variable a literal value: the value is
// committed with the Dockerfile and, for ENV and ARG defaults, stored in the image's metadata.
import { fileCheck, maskSecret, type Span } from '../../../server/src/engine/ruleApi';

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|_KEY$|^KEY$|CREDENTIAL|AUTH)/i;
const NOT_A_SECRET = /(_FILE|_PATH|_DIR|_URL|_URI|_HOST|_PORT|_NAME|_USER|_USERNAME|_ID|_TTL|_TIMEOUT|_LENGTH|_EXPIRY|_EXPIRES|_ENABLED|_ENABLE|_FINGERPRINT|_ALGORITHM|_ALG|_TYPE|_HEADER|_MODE|_VERSION|_FORMAT|_POLICY|_LIFETIME|_SIZE|_FIELD|_PREFIX|_ENDPOINT|_REGION|_METHOD|_PROVIDER|_STRATEGY)$|PUBLIC|GPG_KEY|PGP_KEY|KEYSERVER|KEY_SERVER|KEYRING|SIGNING_KEY_ID|_KEYS?_URL|AUTHOR|AUTHORITY|OAUTH_ISSUER/i;

function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

/** A literal, not a reference to another variable, a placeholder or a flag value. */
function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.includes('$') || /^<[^>]*>$/.test(v) || /^\*+$/.test(v)) return false;
  if (/^(true|false|yes|no|on|off|null|none|nil|0|1|enabled|disabled)$/i.test(v)) return false;
  return true;
}

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
