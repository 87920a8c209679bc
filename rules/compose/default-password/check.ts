// Flags password-like environment variables set to a default or trivially weak literal, the same
// value as the user name, or settings that switch authentication off (trust, empty passwords).
import { fileCheck, type FixSpec } from '../../../server/src/engine/ruleApi';
import { environment, groupedReporter, interpolate, services, type EnvVar } from '../_lib/service';
import { isPasswordName, isUserName, isWeakPassword } from '../_lib/weak-passwords';

/** Settings of official images that start the database with no password at all. */
const NO_AUTH: readonly [RegExp, RegExp][] = [
  [/^POSTGRES_HOST_AUTH_METHOD$/i, /^trust$/i],
  [/^(MYSQL|MARIADB)_ALLOW_EMPTY(_ROOT)?_PASSWORD$/i, /^(yes|true|1)$/i],
  [/^ALLOW_EMPTY_PASSWORD$/i, /^(yes|true|1)$/i],
  [/^(MONGO|REDIS|ELASTIC|KEYCLOAK|RABBITMQ)[A-Z_]*(AUTH|SECURITY)[A-Z_]*ENABLED$/i, /^(no|false|0)$/i],
];

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    const env = environment(svc);
    for (const v of env) {
      if (v.value === undefined) continue;
      const { value, dynamic } = interpolate(v.value);
      const fromDefault = v.value.includes('${');
      if (NO_AUTH.some(([n, val]) => n.test(v.name) && val.test(value.trim()))) {
        out.add('noAuth', v.span, svc.name, { name: v.name, value: value.trim() });
        continue;
      }
      if (!isPasswordName(v.name) || dynamic) continue;
      if (isWeakPassword(value)) {
        out.add(fromDefault ? 'weakDefault' : 'weak', v.span, svc.name, { name: v.name, value: value.trim() }, requireFix(ctx.file.text, v));
        continue;
      }
      const user = env.find((u) => u !== v && u.value !== undefined && isUserName(u.name) && sameStem(u.name, v.name) && interpolate(u.value).value.trim().toLowerCase() === value.trim().toLowerCase());
      if (user && value.trim() !== '') out.add('sameAsUser', v.span, svc.name, { name: v.name, user: user.name }, requireFix(ctx.file.text, v));
    }
  }
  out.flush();
});

/** `POSTGRES_USER` and `POSTGRES_PASSWORD` belong together; `USER` pairs with any password. */
function sameStem(user: string, password: string): boolean {
  const stem = (s: string) => s.toUpperCase().replace(/_?(USER|USERNAME|LOGIN|USR|PASSWORD|PASSWD|PASS|PWD)$/, '').replace(/_ROOT$/, '');
  const a = stem(user);
  return a === '' || a === stem(password);
}

/** Replace the value with `${NAME:?...}` so Compose refuses to start until a real value is supplied. */
function requireFix(text: string, v: EnvVar): FixSpec[] {
  const required = `\${${v.name}:?set ${v.name}}`;
  const raw = text.slice(v.span.start, v.span.end);
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  if (v.form === 'map') return [{ fixId: 'require', safety: 'needs-review', edits: [{ span: v.span, newText: `"${required}"` }], data: { name: v.name } }];
  const eq = raw.indexOf('=');
  if (eq < 0) return [];
  const end = quote && raw.endsWith(quote) ? v.span.end - 1 : v.span.end;
  return [{ fixId: 'require', safety: 'needs-review', edits: [{ span: { start: v.span.start + eq + 1, end }, newText: required }], data: { name: v.name } }];
}
