// Flags registries configured over plain http:// and TLS verification turned off, in .npmrc and .yarnrc.yml.
import { fileCheck, nodeSpan, scalarText, yamlEntries, yamlGet, type FileContext, type ParsedFile } from '../../../server/src/engine/ruleApi';
import { hostOf, PUBLIC_REGISTRIES } from '../_lib/lockfile';

export default fileCheck<'npmrc' | 'yarnrc'>((ctx) => {
  if (ctx.file.kind === 'yarnrc') return yarnrc(ctx.file as ParsedFile<'yarnrc'>, (spec) => ctx.report(spec));
  for (const e of (ctx.file as ParsedFile<'npmrc'>).model.entries) {
    const key = e.key.toLowerCase();
    if ((key === 'registry' || key.endsWith(':registry')) && /^http:\/\//i.test(e.value) && !isLoopback(e.value)) {
      ctx.report({ messageId: 'httpRegistry', at: e.valueSpan, data: { key: e.key, url: e.value }, fixes: httpsFix(ctx.file.text, e.valueSpan.start, e.value) });
    } else if (key === 'strict-ssl' && /^(false|0|no)$/i.test(e.value)) {
      ctx.report({ messageId: 'strictSsl', at: e.span, data: { key: e.key }, fixes: [{ fixId: 'enableTls', safety: 'needs-review', edits: [{ span: e.valueSpan, newText: 'true' }] }] });
    }
  }
});

type Report = FileContext<'npmrc' | 'yarnrc'>['report'];

function yarnrc(file: ParsedFile<'yarnrc'>, report: Report): void {
  const root = file.model.docs[0]?.contents;
  const check = (map: unknown, scope: string) => {
    const server = yamlGet(map, 'npmRegistryServer');
    const url = scalarText(server);
    const span = nodeSpan(server);
    if (url && span && /^http:\/\//i.test(url) && !isLoopback(url)) report({ messageId: 'httpRegistry', at: span, data: { key: `${scope}npmRegistryServer`, url }, fixes: httpsFix(file.text, span.start, url) });
    const strict = yamlGet(map, 'enableStrictSsl');
    const strictSpan = nodeSpan(strict);
    if (scalarText(strict) === 'false' && strictSpan) report({ messageId: 'strictSsl', at: strictSpan, data: { key: `${scope}enableStrictSsl` }, fixes: [{ fixId: 'enableTls', safety: 'needs-review', edits: [{ span: strictSpan, newText: 'true' }] }] });
  };
  check(root, '');
  for (const { key, value } of yamlEntries(yamlGet(root, 'npmScopes'))) check(value, `npmScopes.${key}.`);
}

/** A registry on this machine (Verdaccio for local testing): nothing crosses the network. */
function isLoopback(url: string): boolean {
  const host = hostOf(url);
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** Rewrites the scheme for the public registries, which serve the same content over https. */
function httpsFix(text: string, from: number, url: string) {
  const host = hostOf(url) ?? '';
  const at = text.indexOf('http:', from);
  if (!PUBLIC_REGISTRIES.includes(host) || at < 0) return [];
  return [{ fixId: 'useHttps', safety: 'safe' as const, data: { host }, edits: [{ span: { start: at, end: at + 4 }, newText: 'https' }] }];
}
