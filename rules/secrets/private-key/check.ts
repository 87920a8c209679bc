// Finds PEM and OpenSSH private keys (with a key body, not just the header) in committed files.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { inExampleContext, isMarkedFakeInDocs, isNonProductionPath } from '../_lib/scan';

type Kinds = 'text' | 'env-file' | 'github-workflow' | 'github-action' | 'compose' | 'dockerfile' | 'kubernetes' | 'helm-values' | 'package-json' | 'pyproject' | 'yarnrc' | 'gradle' | 'pom-xml' | 'readme';

const BEGIN = /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 )?PRIVATE KEY(?: BLOCK)?)-----/g;

export default fileCheck<Kinds>((ctx) => {
  const { path, text } = ctx.file;
  if (isNonProductionPath(path)) return;
  if (/^kind:\s*Secret\s*$/m.test(text) && /^apiVersion:/m.test(text)) return;
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
    // Code that looks for the header, and docs that show it with "..." for a body, hold no key.
    if (!hasKeyBody(text, m.index + m[0].length)) continue;
    if (/\.(md|markdown|rst|txt|adoc)$/i.test(path) && inExampleContext(text, m.index, path)) continue;
    if (isMarkedFakeInDocs(text.slice(m.index, m.index + 4000), path)) continue;
    ctx.report({ messageId: 'key', at: { start: m.index, end: m.index + m[0].length }, data: { type: m[1]! } });
  }
});

/** At least 64 base64 characters of key material after the header (in a file, or a string with \n escapes). */
function hasKeyBody(text: string, from: number): boolean {
  const window = text.slice(from, from + 400).replace(/\\[rn]|["'+,\s]|^[A-Za-z-]+:.*$/gm, '');
  const run = /^[A-Za-z0-9+/=]{64}/.exec(window);
  return run !== null && !/(.)\1{15}/.test(run[0]);
}
