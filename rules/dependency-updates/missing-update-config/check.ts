// Checks that every ecosystem the repository uses is covered by Dependabot or Renovate.
import { isYamlMap, jsonAt, jsonValue, keySpan, nodeSpan, repoCheck, scalarText, yamlGet, yamlItems, yamlPair } from '../../../server/src/engine/ruleApi';
import { dependabotFile, presentEcosystems, updateEntry } from '../_lib/ecosystems';

export default repoCheck((ctx) => {
  const present = presentEcosystems(ctx.repo);
  if (present.length === 0) {
    ctx.notApplicable('no package manifests, Dockerfiles or workflows');
    return;
  }
  const names = present.map((p) => p.ecosystem.id).join(', ');
  const dirs = (p: (typeof present)[number]) => p.directories.slice(0, 5).join(', ') + (p.directories.length > 5 ? ', …' : '');

  // Renovate: configuration files, or a "renovate" key in the root package.json.
  const renovateFiles = ctx.repo.filesOfKind('renovate');
  const rootPackage = ctx.repo.filesOfKind('package-json').find((f) => f.path === 'package.json');
  const renovateInPackage = rootPackage ? jsonAt(rootPackage.model.root, 'renovate') : undefined;
  const hasRenovate = ctx.repo.pathsOfKind('renovate').length > 0 || renovateInPackage !== undefined;
  if (hasRenovate) {
    const config = renovateFiles[0];
    const enabledNode = config ? jsonAt(config.model.root, 'enabledManagers') : renovateInPackage ? jsonAt(renovateInPackage, 'enabledManagers') : undefined;
    const enabled = jsonValue(enabledNode);
    if (Array.isArray(enabled) && enabledNode) {
      for (const p of present) {
        if (p.ecosystem.renovate.some((m) => enabled.includes(m))) continue;
        ctx.report({ messageId: 'renovateManagers', path: config?.path ?? rootPackage!.path, at: { start: enabledNode.offset, end: enabledNode.offset + enabledNode.length }, data: { ecosystem: p.ecosystem.id, directories: dirs(p) } });
      }
    }
    return;
  }

  const dependabotPaths = ctx.repo.pathsOfKind('dependabot');
  if (dependabotPaths.length === 0) {
    ctx.report({ messageId: 'noConfig', data: { ecosystems: names }, fixes: [{ fixId: 'createDependabot', safety: 'needs-review', data: { ecosystems: names }, edits: [{ path: '.github/dependabot.yml', create: dependabotFile(present) }] }] });
    return;
  }
  const dependabot = ctx.repo.filesOfKind('dependabot')[0];
  if (!dependabot) return; // present but unparseable: listed as not evaluated
  const root = dependabot.model.docs[0]?.contents;
  const updatesPair = yamlPair(root, 'updates');
  const covered = new Set(yamlItems(updatesPair?.value).map((u) => scalarText(yamlGet(u, 'package-ecosystem')) ?? ''));
  const text = dependabot.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const items = yamlItems(updatesPair?.value);
  const lastItem = items[items.length - 1];
  const firstItem = items[0];
  for (const p of present) {
    if (covered.has(p.ecosystem.id) || p.ecosystem.aliases.some((a) => covered.has(a))) continue;
    const at = updatesPair ? keySpan(updatesPair) : undefined;
    const fixes = [];
    if (lastItem && firstItem && isYamlMap(firstItem)) {
      // Append after the last entry, at the indentation of the list's dashes.
      const firstStart = nodeSpan(firstItem)!.start;
      const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
      const dash = text.slice(lineStart, firstStart).indexOf('-');
      const end = nodeSpan(lastItem)!.end;
      const lineEnd = text.indexOf('\n', end - 1);
      if (dash >= 0) {
        const insertAt = lineEnd < 0 ? text.length : lineEnd + 1;
        const entry = updateEntry(p, ' '.repeat(dash), eol);
        fixes.push({ fixId: 'addEcosystem', safety: 'needs-review' as const, data: { ecosystem: p.ecosystem.id }, edits: [{ span: { start: insertAt, end: insertAt }, newText: lineEnd < 0 ? eol + entry : entry }] });
      }
    }
    ctx.report({ messageId: 'missingEcosystem', path: dependabot.path, ...(at ? { at } : {}), data: { ecosystem: p.ecosystem.id, directories: dirs(p) }, fixes });
  }
});
