// Asks the root package.json to declare the Node.js versions it supports and the package manager it is built with.
import { fileCheck, jsonAt, jsonEntries } from '../../../server/src/engine/ruleApi';
import { DEPENDENCY_FIELDS, propertyKeySpan } from '../_lib/manifest';

export default fileCheck<'package-json'>((ctx) => {
  const file = ctx.file;
  if (file.path !== 'package.json') return;
  const root = file.model.root;
  if (!DEPENDENCY_FIELDS.some((f) => jsonEntries(jsonAt(root, f)).length > 0)) return;
  const at = propertyKeySpan(root, 'name') ?? propertyKeySpan(root, 'dependencies') ?? propertyKeySpan(root, 'devDependencies');
  if (jsonAt(root, 'engines', 'node') === undefined) ctx.report({ messageId: 'noEngines', ...(at ? { at } : {}) });
  if (jsonAt(root, 'packageManager') === undefined && jsonAt(root, 'devEngines', 'packageManager') === undefined) ctx.report({ messageId: 'noPackageManager', ...(at ? { at } : {}) });
});
