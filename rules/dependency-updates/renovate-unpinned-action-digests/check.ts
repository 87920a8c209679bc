// Flags Renovate configurations that update GitHub Actions by tag without pinning them to commit
// SHAs, in repositories that have workflows or actions.
import { fileCheck, jsonAt, jsonSpan, jsonValue, type EditSpec } from '../../../server/src/engine/ruleApi';
import { extendsList, packageRules, renovateConfig } from '../_lib/renovate';

/** Presets that turn on digest pinning for actions (config:best-practices includes the helper). */
const PINNING_PRESETS = ['helpers:pingithubactiondigests', 'helpers:pingithubactiondigeststosemver', 'config:best-practices'];

export default fileCheck<'renovate' | 'package-json'>((ctx) => {
  const file = ctx.file;
  const config = renovateConfig(file);
  if (!config) return;
  if (ctx.repo.pathsOfKind('github-workflow').length === 0 && ctx.repo.pathsOfKind('github-action').length === 0) return;
  const managers = jsonValue(jsonAt(config, 'enabledManagers'));
  if (Array.isArray(managers) && !managers.includes('github-actions')) return;
  if (jsonValue(jsonAt(config, 'pinDigests')) === true) return;
  const presets = extendsList(config);
  if (presets.some((p) => PINNING_PRESETS.some((q) => p === q || p.endsWith(`:${q.split(':')[1]}`) || p.includes(q)))) return;
  const pinnedByRule = packageRules(config).some(({ value }) => {
    if (value['pinDigests'] !== true) return false;
    const mgr = value['matchManagers'];
    const dep = value['matchDepTypes'];
    const matchers = Object.keys(value).filter((k) => k.startsWith('match'));
    return matchers.length === 0 || (Array.isArray(mgr) && mgr.includes('github-actions')) || (Array.isArray(dep) && dep.includes('action'));
  });
  if (pinnedByRule) return;
  const ext = jsonAt(config, 'extends');
  const text = file.text;
  const edits: EditSpec[] = [];
  if (ext?.type === 'array' && ext.children) {
    const last = ext.children[ext.children.length - 1];
    if (last) edits.push({ span: { start: last.offset + last.length, end: last.offset + last.length }, newText: ', "helpers:pinGitHubActionDigests"' });
    else edits.push({ span: { start: ext.offset + 1, end: ext.offset + 1 }, newText: '"helpers:pinGitHubActionDigests"' });
  } else if (!ext) {
    const first = config.children?.[0];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = first ? ' '.repeat(first.offset - (text.lastIndexOf('\n', first.offset - 1) + 1)) : '  ';
    edits.push({ span: { start: config.offset + 1, end: config.offset + 1 }, newText: first ? `${eol}${indent}"extends": ["helpers:pinGitHubActionDigests"],` : `${eol}${indent}"extends": ["helpers:pinGitHubActionDigests"]${eol}` });
  }
  const at = ext ? jsonSpan(ext) : { start: config.offset, end: config.offset + 1 };
  ctx.report({ messageId: 'tagsOnly', at, ...(edits.length > 0 ? { fixes: [{ fixId: 'pinDigests', safety: 'needs-review' as const, edits }] } : {}) });
});
