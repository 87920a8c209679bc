// Flags update bots configured to propose releases the day they are published: Dependabot update
// entries without a `cooldown` of at least `minDays` days, and Renovate configs without a
// `minimumReleaseAge` of that length.
import { fileCheck, isYamlMap, jsonAt, jsonSpan, jsonValue, keySpan, nodeSpan, scalarText, yamlEntries, yamlGet, yamlItems, yamlPair, type EditSpec, type FixSpec, type ParsedFile, type Span, type YamlNode } from '../../../server/src/engine/ruleApi';
import { durationDays, extendsList, packageRules, renovateConfig } from '../_lib/renovate';

type Ctx = Parameters<Parameters<typeof fileCheck<'dependabot' | 'renovate' | 'package-json'>>[0]>[0];

export default fileCheck<'dependabot' | 'renovate' | 'package-json'>((ctx) => {
  const minDays = typeof ctx.options['minDays'] === 'number' ? ctx.options['minDays'] : 7;
  if (ctx.file.kind === 'dependabot') dependabot(ctx, ctx.file as ParsedFile<'dependabot'>, minDays);
  else renovate(ctx, ctx.file as ParsedFile<'renovate' | 'package-json'>, minDays);
});

function dependabot(ctx: Ctx, file: ParsedFile<'dependabot'>, minDays: number): void {
  const text = file.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const root = file.model.docs[0]?.contents;
  for (const update of yamlItems(yamlPair(root, 'updates')?.value)) {
    if (!isYamlMap(update)) continue;
    const ecosystem = scalarText(yamlGet(update, 'package-ecosystem')) ?? '?';
    const cooldownPair = yamlPair(update, 'cooldown');
    if (!cooldownPair) {
      const first = yamlEntries(update)[0];
      const at = first ? keySpan(first.pair) : nodeSpan(update);
      ctx.report({ messageId: 'noCooldown', ...(at ? { at } : {}), data: { ecosystem, days: minDays }, ...fixOf(addCooldown(text, update, minDays, eol), minDays) });
      continue;
    }
    const cooldown = cooldownPair.value;
    const days = (k: string) => {
      const t = scalarText(yamlGet(cooldown, k));
      return t === undefined || t.trim() === '' ? undefined : Number(t);
    };
    const def = days('default-days');
    const semver = ['semver-major-days', 'semver-minor-days', 'semver-patch-days'].map(days);
    if (def === undefined) {
      if (semver.every((d) => d !== undefined && d >= minDays)) continue;
      const at = keySpan(cooldownPair);
      ctx.report({ messageId: 'noDefaultDays', ...(at ? { at } : {}), data: { ecosystem, days: minDays }, ...fixOf(addDefaultDays(text, cooldownPair.value, minDays, eol), minDays) });
      continue;
    }
    if (!Number.isNaN(def) && def < minDays) {
      const node = yamlGet(cooldown, 'default-days');
      const at = nodeSpan(node);
      ctx.report({ messageId: 'tooShort', ...(at ? { at } : {}), data: { ecosystem, actual: def, days: minDays }, ...(at ? fixOf([{ span: at, newText: String(minDays) }], minDays) : {}) });
    }
  }
}

function fixOf(edits: EditSpec[] | undefined, days: number): { fixes?: FixSpec[] } {
  return edits ? { fixes: [{ fixId: 'setCooldown', safety: 'safe', edits, data: { days } }] } : {};
}

/** Appends `cooldown: default-days: N` after the entry's last key, at the entry's indentation. */
function addCooldown(text: string, update: YamlNode, days: number, eol: string): EditSpec[] | undefined {
  if (!isYamlMap(update) || (update as { flow?: boolean }).flow) return undefined;
  const entries = yamlEntries(update);
  const firstKey = entries[0] ? keySpan(entries[0].pair) : undefined;
  const last = entries[entries.length - 1];
  const lastEnd = last ? (nodeSpan(last.pair.value) ?? keySpan(last.pair))?.end : undefined;
  if (!firstKey || lastEnd === undefined) return undefined;
  const col = firstKey.start - (text.lastIndexOf('\n', firstKey.start - 1) + 1);
  const indent = ' '.repeat(col);
  const lineEnd = text.indexOf('\n', trimmedEnd(text, lastEnd));
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const block = `${indent}cooldown:${eol}${indent}  default-days: ${days}`;
  return [{ span: { start: at, end: at }, newText: lineEnd < 0 ? `${eol}${block}` : `${block}${eol}` }];
}

function addDefaultDays(text: string, cooldown: YamlNode | null, days: number, eol: string): EditSpec[] | undefined {
  const span = nodeSpan(cooldown);
  if (!span) return undefined;
  if (isYamlMap(cooldown) && (cooldown as { flow?: boolean }).flow && cooldown.items.length === 0) return [{ span, newText: `{ default-days: ${days} }` }];
  if (!isYamlMap(cooldown) || (cooldown as { flow?: boolean }).flow) return undefined;
  const first = cooldown.items[0] ? nodeSpan(cooldown.items[0].key) : undefined;
  if (!first) return undefined;
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  return [{ span: { start: lineStart, end: lineStart }, newText: `${' '.repeat(first.start - lineStart)}default-days: ${days}${eol}` }];
}

function renovate(ctx: Ctx, file: ParsedFile<'renovate' | 'package-json'>, minDays: number): void {
  const config = renovateConfig(file);
  if (!config) return;
  const top = jsonAt(config, 'minimumReleaseAge') ?? jsonAt(config, 'stabilityDays');
  const topDays = top ? (jsonAt(config, 'minimumReleaseAge') ? durationDays(jsonValue(top)) : (jsonValue(top) as number)) : undefined;
  if (top && topDays !== undefined) {
    if (topDays < minDays) {
      ctx.report({ messageId: 'renovateTooShort', at: jsonSpan(top), data: { actual: String(jsonValue(top)), days: minDays }, fixes: [{ fixId: 'setCooldown', safety: 'safe', edits: [{ span: jsonSpan(top), newText: top.type === 'number' ? String(minDays) : `"${minDays} days"` }], data: { days: minDays } }] });
    }
    return;
  }
  // A package rule without matchers applies to every dependency.
  const covering = packageRules(config).some(({ value }) => {
    const age = durationDays(value['minimumReleaseAge'] ?? value['stabilityDays']);
    const matchers = Object.keys(value).filter((k) => k.startsWith('match') || k.startsWith('exclude'));
    const all = matchers.length === 0 || (matchers.length === 1 && Array.isArray(value['matchPackageNames']) && (value['matchPackageNames'] as unknown[]).includes('*'));
    return age !== undefined && age >= minDays && all;
  });
  if (covering) return;
  const presets = extendsList(config);
  const at: Span = jsonAt(config, 'extends') ? jsonSpan(jsonAt(config, 'extends')!) : { start: config.offset, end: config.offset + 1 };
  const text = file.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const open = config.offset + 1;
  const firstChild = config.children?.[0];
  const indent = firstChild ? ' '.repeat(firstChild.offset - (text.lastIndexOf('\n', firstChild.offset - 1) + 1)) : '  ';
  const insert = firstChild ? `${eol}${indent}"minimumReleaseAge": "${minDays} days",` : `${eol}${indent}"minimumReleaseAge": "${minDays} days"${eol}`;
  ctx.report({
    messageId: presets.some((p) => p.includes('minimumreleaseage')) ? 'renovatePresetOnly' : 'renovateMissing',
    at,
    data: { days: minDays },
    fixes: [{ fixId: 'setCooldown', safety: 'safe', edits: [{ span: { start: open, end: open }, newText: insert }], data: { days: minDays } }],
  });
}

/** A node's end with trailing blank space removed (block collections end after their last line break). */
function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
}
