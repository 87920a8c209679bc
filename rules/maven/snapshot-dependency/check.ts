// Flags SNAPSHOT dependencies, plugins and parents in a pom.xml whose own version is a release.
import { fileCheck, xmlChild, xmlChildren, type XmlElement } from '../../../server/src/engine/ruleApi';

export default fileCheck<'pom-xml'>((ctx) => {
  const project = ctx.file.model.root;
  const props = new Map<string, string>();
  for (const p of xmlChild(project, 'properties')?.children ?? []) props.set(p.name, p.text);
  const resolve = (v: string) => v.replace(/\$\{([^}]+)\}/g, (m, k: string) => props.get(k) ?? (k === 'project.version' ? (xmlChild(project, 'version')?.text ?? m) : m));
  const own = resolve(xmlChild(project, 'version')?.text ?? xmlChild(project, 'parent', 'version')?.text ?? '');
  // A SNAPSHOT project depends on SNAPSHOTs during development; only a release must not.
  if (own === '' || /-SNAPSHOT$/i.test(own)) return;
  const candidates: { el: XmlElement; what: string }[] = [];
  const parent = xmlChild(project, 'parent');
  if (parent) candidates.push({ el: parent, what: 'parent' });
  const build = (scope: XmlElement | undefined) => {
    for (const d of xmlChildren(xmlChild(scope, 'dependencies'), 'dependency')) candidates.push({ el: d, what: 'dependency' });
    for (const d of xmlChildren(xmlChild(scope, 'dependencyManagement', 'dependencies'), 'dependency')) candidates.push({ el: d, what: 'dependency' });
    for (const p of xmlChildren(xmlChild(scope, 'build', 'plugins'), 'plugin')) candidates.push({ el: p, what: 'plugin' });
    for (const p of xmlChildren(xmlChild(scope, 'build', 'pluginManagement', 'plugins'), 'plugin')) candidates.push({ el: p, what: 'plugin' });
  };
  build(project);
  for (const profile of xmlChildren(xmlChild(project, 'profiles'), 'profile')) build(profile);
  for (const { el, what } of candidates) {
    const version = xmlChild(el, 'version');
    if (!version?.textSpan) continue;
    const resolved = resolve(version.text);
    if (!/-SNAPSHOT$/i.test(resolved)) continue;
    const artifact = `${xmlChild(el, 'groupId')?.text ?? ''}:${xmlChild(el, 'artifactId')?.text ?? ''}`;
    ctx.report({ messageId: 'snapshot', at: version.textSpan, data: { what, artifact, version: resolved, own } });
  }
});
