// Flags literal auth tokens and passwords in .npmrc; ${ENV} references are how it should be done.
import { fileCheck, maskSecret } from '../../../server/src/engine/ruleApi';

const SECRET_KEY = /(^|:)(_authToken|_auth|_password|password)$/i;

export default fileCheck<'npmrc'>((ctx) => {
  for (const e of ctx.file.model.entries) {
    if (!SECRET_KEY.test(e.key)) continue;
    const value = e.value.trim();
    if (value === '' || /^\$\{[^}]+\}$/.test(value) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value)) continue;
    const suffix = e.key.slice(e.key.lastIndexOf(':') + 1).toLowerCase();
    const env = suffix === '_authtoken' ? 'NPM_TOKEN' : suffix === '_auth' ? 'NPM_AUTH' : 'NPM_PASSWORD';
    ctx.report({
      messageId: 'literal',
      at: e.valueSpan,
      data: { key: e.key, masked: maskSecret(value) },
      fixes: [{ fixId: 'useEnv', safety: 'needs-review', data: { env }, edits: [{ span: e.valueSpan, newText: `\${${env}}` }] }],
    });
  }
});
