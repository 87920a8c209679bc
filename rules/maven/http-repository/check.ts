// Flags Maven repositories, plugin repositories and distribution targets declared over plain http://.
import { fileCheck, xmlChild, xmlChildren, type XmlElement } from '../../../server/src/engine/ruleApi';

const SECURE_MIRRORS = new Set(['repo.maven.apache.org', 'repo1.maven.org', 'central.sonatype.com', 'oss.sonatype.org', 's01.oss.sonatype.org', 'plugins.gradle.org', 'repo.spring.io', 'maven.google.com']);

export default fileCheck<'pom-xml'>((ctx) => {
  const project = ctx.file.model.root;
  const scopes: XmlElement[] = [project, ...xmlChildren(xmlChild(project, 'profiles'), 'profile')];
  for (const scope of scopes) {
    const repos = [
      ...xmlChildren(xmlChild(scope, 'repositories'), 'repository').map((r) => ({ r, kind: 'repository' })),
      ...xmlChildren(xmlChild(scope, 'pluginRepositories'), 'pluginRepository').map((r) => ({ r, kind: 'pluginRepository' })),
      ...['repository', 'snapshotRepository'].flatMap((k) => xmlChildren(xmlChild(scope, 'distributionManagement'), k).map((r) => ({ r, kind: `distributionManagement/${k}` }))),
    ];
    for (const { r, kind } of repos) {
      const url = xmlChild(r, 'url');
      if (!url?.textSpan || !/^http:\/\//i.test(url.text)) continue;
      const host = /^http:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(url.text)?.[1]?.toLowerCase() ?? '';
      if (host === 'localhost' || host === '127.0.0.1') continue;
      const id = xmlChild(r, 'id')?.text || '(no id)';
      const fixes = SECURE_MIRRORS.has(host) ? [{ fixId: 'useHttps', safety: 'safe' as const, data: { host }, edits: [{ span: { start: url.textSpan.start, end: url.textSpan.start + 4 }, newText: 'https' }] }] : [];
      ctx.report({ messageId: 'http', at: url.textSpan, data: { kind, id, url: url.text }, fixes });
    }
  }
});
