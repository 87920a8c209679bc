// Flags committed .env files that hold credentials, or local-only .env files that hold anything at all.
import { basename, fileCheck } from '../../../server/src/engine/ruleApi';
import { isNonProductionPath, looksLikePlaceholder } from '../_lib/scan';

// Names that hold credentials; `PUBLIC`/`PUBLISHABLE` keys and public URLs are meant to be shared.
const SECRET_NAME = /pass(word|wd)?$|pwd$|secret|token|api_?key|apikey|private_?key|access_?key|credential|auth|_dsn$|^dsn$|connection_?string|database_url|db_url|redis_url|mongo(db)?_ur[il]|amqp_url|webhook/i;
const PUBLIC_NAME = /public|publishable|^next_public_|^vite_|^react_app_|^expo_public_|_url_public/i;
/** Values that are plainly not secrets: empty, references, booleans, numbers, trivial development defaults. */
/** Development defaults such as `dev-secret`, `local_password`, `django-insecure-...`: named as not for production. */
const DEV_DEFAULT = /^(dev|development|local|test|testing|insecure|django-insecure|not-?a-?secret|secret|password|changeme|example|default)[-_.a-z0-9]{0,30}$/i;
const NOT_SECRET = /^(|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|true|false|null|none|nil|yes|no|on|off|\d{1,6}|changeme|change_me|change-me|secret|password|passw0rd|admin|root|test|dev|development|local|todo|tbd|\.\.\.|-)$/i;

export default fileCheck<'env-file'>((ctx) => {
  const { path, lines } = ctx.file;
  if (isNonProductionPath(path)) return;
  const name = basename(path);
  // Test and CI environment files conventionally hold throwaway values for local services.
  if (/^\.env\.(test|testing|e2e|ci)(\.|$)/i.test(name)) return;
  // `.env.local` and `.env.*.local` are meant never to be committed (Vite, Next.js, dotenv-flow).
  const localOnly = /\.local$/i.test(name);
  const secrets: { key: string; line: number }[] = [];
  let firstValue: number | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(lines.lineText(line));
    if (!m) continue;
    const key = m[1]!;
    const value = unquote(stripComment(m[2]!.trim()));
    if (NOT_SECRET.test(value) || looksLikePlaceholder(value) || DEV_DEFAULT.test(value)) continue;
    firstValue ??= line;
    if (SECRET_NAME.test(key) && !PUBLIC_NAME.test(key) && !isLocalUrlWithoutPassword(value)) secrets.push({ key, line });
  }
  if (secrets.length > 0) {
    const keys = secrets.slice(0, 5).map((s) => s.key).join(', ') + (secrets.length > 5 ? ', …' : '');
    ctx.report({ messageId: 'secrets', at: lines.lineSpan(secrets[0]!.line), data: { path, keys } });
  } else if (localOnly && firstValue !== undefined) {
    ctx.report({ messageId: 'localFile', at: lines.lineSpan(firstValue), data: { path } });
  }
});

function stripComment(v: string): string {
  if (v.startsWith('"') || v.startsWith("'")) return v;
  const i = v.search(/\s#/);
  return i >= 0 ? v.slice(0, i).trim() : v;
}
function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}
/** `redis://localhost:6379` names a service, not a credential; `postgres://u:p@host/db` carries one. */
function isLocalUrlWithoutPassword(v: string): boolean {
  // Any scheme (`file:./dev.db` for SQLite too); a `user:password@` part makes it a credential.
  return /^[a-z][a-z0-9+.-]*:/i.test(v) && !/:\/\/[^/@\s]*:[^/@\s]+@/.test(v);
}
