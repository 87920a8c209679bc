// Heuristics for names and values that hold credentials, shared by the Dockerfile ENV/ARG rule and
// the Kubernetes env rule. Names are matched on secret-ish words, minus the suffixes that name a path,
// a URL, a user, a length or a switch rather than the secret itself.

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|_KEY$|^KEY$|CREDENTIAL|AUTH)/i;
const NOT_A_SECRET = /(_FILE|_PATH|_DIR|_URL|_URI|_HOST|_PORT|_NAME|_USER|_USERNAME|_ID|_TTL|_TIMEOUT|_LENGTH|_EXPIRY|_EXPIRES|_ENABLED|_ENABLE|_FINGERPRINT|_ALGORITHM|_ALG|_TYPE|_HEADER|_MODE|_VERSION|_FORMAT|_POLICY|_LIFETIME|_SIZE|_FIELD|_PREFIX|_ENDPOINT|_REGION|_METHOD|_PROVIDER|_STRATEGY)$|PUBLIC|GPG_KEY|PGP_KEY|KEYSERVER|KEY_SERVER|KEYRING|SIGNING_KEY_ID|_KEYS?_URL|AUTHOR|AUTHORITY|OAUTH_ISSUER/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

/** A literal, not a reference to another variable, a placeholder or a flag value. */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.includes('$') || /^<[^>]*>$/.test(v) || /^\*+$/.test(v) || v.includes('{{')) return false;
  if (/^(true|false|yes|no|on|off|null|none|nil|0|1|enabled|disabled)$/i.test(v)) return false;
  return true;
}
