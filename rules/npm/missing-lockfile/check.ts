// Flags a package.json with dependencies and no lockfile in its folder or any parent folder.
import { fileCheck, jsonAt, jsonEntries } from '../../../server/src/engine/ruleApi';
import { DEPENDENCY_FIELDS, isNonProjectPath, nearestLockfile, propertyKeySpan } from '../_lib/manifest';

export default fileCheck<'package-json'>((ctx) => {
  const file = ctx.file;
  if (isNonProjectPath(file.path)) return;
  const root = file.model.root;
  const field = DEPENDENCY_FIELDS.find((f) => jsonEntries(jsonAt(root, f)).length > 0);
  if (!field) return;
  if (nearestLockfile(ctx.repo, file.path) !== undefined) return;
  ctx.report({ messageId: 'missing', at: propertyKeySpan(root, field), data: { path: file.path } });
});
