// Flags Python package indexes over plain http://, --trusted-host and disabled TLS verification.
import { fileCheck, type ParsedFile } from '../../../server/src/engine/ruleApi';
import { pipConfIndexes, PYPI_HOSTS, requirementsIndexes, tomlIndexes, unverifiedSources, type IndexSetting } from '../_lib/python';

type Kinds = 'requirements-txt' | 'pip-conf' | 'pipfile' | 'pyproject';

export default fileCheck<Kinds>((ctx) => {
  const file = ctx.file;
  let settings: IndexSetting[];
  if (file.kind === 'requirements-txt') settings = requirementsIndexes(file as ParsedFile<'requirements-txt'>);
  else if (file.kind === 'pip-conf') settings = pipConfIndexes(file as ParsedFile<'pip-conf'>);
  else {
    const toml = file as ParsedFile<'pipfile' | 'pyproject'>;
    settings = tomlIndexes(toml);
    for (const s of unverifiedSources(toml)) ctx.report({ messageId: 'noVerify', at: s.span, data: { url: s.url } });
  }
  for (const s of settings) {
    const key = s.key.replace(/_/g, '-');
    if (key === '--trusted-host' || key === 'trusted-host' || key.endsWith('allow-insecure-host')) {
      ctx.report({ messageId: 'trustedHost', at: s.span, data: { key: s.key, host: s.value } });
      continue;
    }
    const m = /^http:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(s.value);
    if (!m) continue;
    const host = m[1]!.toLowerCase();
    if (host === 'localhost' || host === '127.0.0.1') continue; // nothing crosses the network
    const url = s.value.replace(/\/\/[^@/]*@/, '//***@');
    const fixes = PYPI_HOSTS.includes(host) ? [{ fixId: 'useHttps', safety: 'safe' as const, data: { host }, edits: [{ span: { start: s.span.start, end: s.span.start + 4 }, newText: 'https' }] }] : [];
    ctx.report({ messageId: 'http', at: s.span, data: { key: s.key, url }, fixes });
  }
});
