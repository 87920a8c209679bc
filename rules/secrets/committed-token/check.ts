// Finds credentials of well-known formats (cloud keys, forge and registry tokens, chat webhooks) in committed files.
import { fileCheck, maskSecret } from '../../../server/src/engine/ruleApi';
import { inExampleContext, isMarkedFakeInDocs, isNonProductionPath, looksLikePlaceholder } from '../_lib/scan';
import { AWS_SECRET, CANDIDATES, FORMATS } from '../_lib/tokens';

type Kinds = 'text' | 'env-file' | 'github-workflow' | 'github-action' | 'compose' | 'dockerfile' | 'kubernetes' | 'helm-values' | 'package-json' | 'requirements-txt' | 'pyproject' | 'pipfile' | 'pip-conf' | 'yarnrc' | 'renovate' | 'dependabot' | 'gradle' | 'pom-xml' | 'cargo-toml' | 'readme';

export default fileCheck<Kinds>((ctx) => {
  const { path, text } = ctx.file;
  if (isNonProductionPath(path)) return;
  // Kubernetes Secret manifests are k8s.secret-literal's subject; do not report them twice.
  if (/^kind:\s*Secret\s*$/m.test(text) && /^apiVersion:/m.test(text)) return;
  const seen = new Set<string>();
  CANDIDATES.lastIndex = 0;
  for (let m = CANDIDATES.exec(text); m; m = CANDIDATES.exec(text)) {
    const at = m.index;
    // A token starts a word: `xnpm_...` or `mask-...` is not one.
    if (at > 0 && /[A-Za-z0-9_]/.test(text[at - 1]!) && !m[0].toLowerCase().startsWith('aws') && !m[0].toLowerCase().startsWith('secret')) continue;
    const hit = matchAt(text, at);
    if (!hit) continue;
    CANDIDATES.lastIndex = Math.max(CANDIDATES.lastIndex, hit.end);
    if (looksLikePlaceholder(hit.secret) || inExampleContext(text, at, path) || isMarkedFakeInDocs(hit.secret, path)) continue;
    if (hit.id === 'azure-storage' && /AccountName=devstoreaccount1/.test(text.slice(Math.max(0, at - 200), at))) continue; // Azurite's published key
    // Firebase web configs carry a browser API key that Google documents as public (access is governed
    // by security rules), and nearly every Firebase web app commits one.
    if (hit.id === 'google-api-key' && /firebase|authDomain|messagingSenderId|storageBucket/i.test(text.slice(Math.max(0, at - 400), at + 400))) continue;
    const key = `${hit.label}\0${hit.secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.report({ messageId: 'token', at: { start: hit.start, end: hit.end }, data: { service: hit.label, masked: maskSecret(hit.secret) } });
  }
});

function matchAt(text: string, at: number): { id: string; label: string; secret: string; start: number; end: number } | undefined {
  const lower = text.slice(at, at + 6).toLowerCase();
  if (lower.startsWith('aws') || lower.startsWith('secret')) {
    AWS_SECRET.lastIndex = at;
    const m = AWS_SECRET.exec(text);
    if (!m) return undefined;
    const secret = m[1]!;
    const start = at + m[0].length - secret.length;
    // Real secret keys mix cases and digits; a 40-letter identifier or path is not one.
    if (!/[a-z]/.test(secret) || !/[A-Z]/.test(secret) || !/[0-9]/.test(secret)) return undefined;
    return { id: 'aws-secret', label: 'AWS', secret, start, end: start + secret.length };
  }
  const c = text.charCodeAt(at);
  for (const f of FORMATS) {
    // Each format starts with a fixed letter; skip the sticky match when it cannot apply here.
    if (f.first !== -1 && f.first !== c) continue;
    f.re.lastIndex = at;
    const m = f.re.exec(text);
    if (!m) continue;
    const secret = m[1] ?? m[0];
    const start = m[1] !== undefined ? at + m[0].length - secret.length : at;
    return { id: f.id, label: f.label, secret, start, end: start + secret.length };
  }
  return undefined;
}
