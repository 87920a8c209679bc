// The extension manifest against the code: settings in package.json match the settings type the
// server reads (protocol.ts), every contributed string is translated, every client UI string has a
// Japanese translation, and activation stays on workspace contents.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editorOptions, readSettings } from '../server/src/lsp/settings';
import { DEFAULT_SETTINGS, resolveLanguage, SETTINGS_SCHEMA } from '../server/src/protocol';
import { ROOT } from './helpers/repo';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** `{a: {b: 1}, c: {}}` -> {'a.b': 1, c: {}}; maps (objects whose schema is a map) stay leaves. */
function flatten(o: Record<string, unknown>, leaves: ReadonlySet<string>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const name = prefix + k;
    if (v && typeof v === 'object' && !Array.isArray(v) && !leaves.has(name)) Object.assign(out, flatten(v as Record<string, unknown>, leaves, `${name}.`));
    else out[name] = v;
  }
  return out;
}

describe('extension manifest', () => {
  const properties = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
  const maps = new Set(Object.entries(SETTINGS_SCHEMA).filter(([, s]) => s.type === 'object').map(([k]) => k));

  it('declares exactly the settings of KamaeSettings, with their types, enums, defaults and scopes', () => {
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(SETTINGS_SCHEMA).map((k) => `kamae.${k}`).sort());
    for (const [name, schema] of Object.entries(SETTINGS_SCHEMA)) {
      const p = properties[`kamae.${name}`]!;
      assert.equal(p.type, schema.type, name);
      assert.deepEqual(p.default, schema.default, name);
      assert.equal(p.scope, schema.scope, name);
      assert.deepEqual(p.enum, schema.enum, name);
      if (schema.enum) assert.equal((p.enumDescriptions as unknown[] | undefined)?.length ?? schema.enum.length, schema.enum.length, `${name}: one description per value`);
      assert.deepEqual((p.additionalProperties as { enum?: unknown } | undefined)?.enum, schema.valueEnum, name);
      assert.ok(typeof (p.description ?? p.markdownDescription) === 'string', `${name} has a description`);
    }
  });

  it('has defaults in DEFAULT_SETTINGS for exactly those settings, and reads missing values as the defaults', () => {
    const flat = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>, maps);
    assert.deepEqual(Object.keys(flat).sort(), Object.keys(SETTINGS_SCHEMA).sort());
    for (const [name, schema] of Object.entries(SETTINGS_SCHEMA)) assert.deepEqual(flat[name], schema.default, name);
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings({ enable: 'yes', profile: 'loud', severityOverrides: { 'docker/root-user': 'off', x: 'nope' }, language: 'fr', trace: { server: 'verbose' } }), {
      ...DEFAULT_SETTINGS,
      severityOverrides: { 'docker/root-user': 'off' },
      trace: { server: 'verbose' },
    });
    assert.equal(readSettings({ language: 'ja' }).language, 'ja');
  });

  it('resolves kamae.language: auto follows the display language, en and ja win over it', () => {
    assert.equal(resolveLanguage('auto', 'ja'), 'ja');
    assert.equal(resolveLanguage('auto', 'ja-JP'), 'ja');
    assert.equal(resolveLanguage('auto', 'en-US'), 'en');
    assert.equal(resolveLanguage('auto', 'jav'), 'en');
    assert.equal(resolveLanguage('auto', undefined), 'en');
    assert.equal(resolveLanguage('ja', 'en'), 'ja');
    assert.equal(resolveLanguage('en', 'ja'), 'en');
  });

  it('layers editor settings over .kamae.yaml as engine options', () => {
    assert.deepEqual(editorOptions(DEFAULT_SETTINGS), {}, 'the defaults leave .kamae.yaml in charge');
    assert.deepEqual(editorOptions({ ...DEFAULT_SETTINGS, profile: 'strict', severityOverrides: { 'docker/root-user': 'off', 'docker/latest-base-image': 'low' } }), {
      profile: 'strict',
      ruleOverrides: { 'docker/root-user': { enabled: false }, 'docker/latest-base-image': { enabled: true, severity: 'low' } },
    });
  });

  it('translates every contributed string into Japanese (package.nls.json / package.nls.ja.json)', () => {
    const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ja = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.ja.json'), 'utf8')) as Record<string, string>;
    const used = [...JSON.stringify(pkg).matchAll(/"%([A-Za-z0-9.]+)%"/g)].map((m) => m[1]!);
    assert.ok(used.length > 10);
    for (const key of used) assert.ok(key in en, `package.nls.json lacks ${key}`);
    assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort(), 'same keys in both languages');
    assert.deepEqual(Object.keys(en).filter((k) => !used.includes(k)), [], 'no unused keys');
    for (const [k, v] of Object.entries(ja)) if (!/^(command\.category|config\.title)$/.test(k)) assert.match(v, JAPANESE, `${k} is not Japanese`);
  });

  it('has a Japanese l10n entry for every client UI string, and no stale ones', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, pkg.l10n, 'bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
    const dir = path.join(ROOT, 'client/src');
    const strings = new Set<string>();
    for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)) strings.add(m[1]!.replace(/\\'/g, "'"));
    }
    assert.ok(strings.size > 10);
    assert.deepEqual([...strings].filter((s) => !(s in bundle)), [], 'untranslated');
    assert.deepEqual(Object.keys(bundle).filter((s) => !strings.has(s)), [], 'stale');
    for (const [k, v] of Object.entries(bundle)) {
      assert.deepEqual(v.match(/\{\d\}/g)?.sort(), k.match(/\{\d\}/g)?.sort(), `${k}: placeholders`);
      if (!/^Kamae — \{0\}$/.test(k)) assert.match(v, JAPANESE, `${k} is not translated`);
    }
  });

  it('activates on workspace contents only, runs in untrusted workspaces, and stays a Node extension', () => {
    const events = pkg.activationEvents as string[];
    assert.ok(events.length > 5);
    assert.ok(events.every((e) => e.startsWith('workspaceContains:')), JSON.stringify(events));
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, undefined);
    assert.equal(pkg.engines.vscode, '^1.91.0');
  });

  it('registers every contributed command in the client, each in the Kamae category', () => {
    const source = fs
      .readdirSync(path.join(ROOT, 'client/src'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'client/src', f), 'utf8'))
      .join('\n');
    for (const c of pkg.contributes.commands as { command: string; category: string }[]) {
      assert.equal(c.category, '%command.category%', c.command);
      const registered = source.includes(`'${c.command}'`) || (c.command === 'kamae.suppressWithReason' && source.includes('SuppressWithReasonCommand'));
      assert.ok(registered, `${c.command} is not registered`);
    }
  });

  it('ships only what the extension needs (.vscodeignore)', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    assert.equal(ignore[0], '**', 'everything is excluded first');
    for (const needed of ['!dist/extension.js', '!dist/server.js', '!dist/webview.js', '!dist/codicons/**', '!media/**', '!docs/rules/**', '!l10n/**', '!package.nls.json', '!package.nls.ja.json', '!LICENSE', '!README.md']) assert.ok(ignore.includes(needed), needed);
  });

  it('contributes the Kamae view with its icon, toolbar, inline actions and a walkthrough whose files exist', () => {
    const c = pkg.contributes;
    assert.deepEqual(c.viewsContainers.activitybar.map((v: { id: string }) => v.id), ['kamae']);
    const icon = fs.readFileSync(path.join(ROOT, c.viewsContainers.activitybar[0].icon), 'utf8');
    assert.match(icon, /^<svg [^>]*viewBox="0 0 24 24"/);
    assert.doesNotMatch(icon, /#[0-9a-f]{3,6}\b|rgb\(/i, 'monochrome: currentColor only');
    assert.deepEqual(c.views.kamae.map((v: { id: string }) => v.id), ['kamae.compliance']);
    const titles = (c.menus['view/title'] as { command: string }[]).map((m) => m.command);
    for (const cmd of ['kamae.filterFailingOnly', 'kamae.filterShowAll', 'kamae.filterSeverity', 'kamae.switchView', 'kamae.rescan']) assert.ok(titles.includes(cmd), cmd);
    const inline = (c.menus['view/item/context'] as { command: string; group: string; when: string }[]).filter((m) => m.group.startsWith('inline'));
    assert.ok(inline.some((m) => m.command === 'kamae.openDashboard' && m.when.includes('viewItem == kamae.repository')));
    assert.ok(inline.some((m) => m.command === 'kamae.attest' && m.when.includes('requirement')));
    const commands = new Set((c.commands as { command: string }[]).map((x) => x.command));
    for (const m of [...c.menus['view/title'], ...c.menus['view/item/context'], ...c.menus.commandPalette] as { command: string }[]) assert.ok(commands.has(m.command), m.command);
    const [walk] = c.walkthroughs as { steps: { id: string; title: string; description: string; media: { image: string; altText: string }; completionEvents: string[] }[] }[];
    assert.deepEqual(walk!.steps.map((s) => s.id), ['scan', 'fix', 'attest', 'export']);
    for (const s of walk!.steps) {
      assert.ok(fs.existsSync(path.join(ROOT, s.media.image)), s.media.image);
      assert.ok(s.completionEvents.length > 0, s.id);
      for (const m of s.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(m[1]!) || m[1]!.startsWith('workbench.'), m[1]);
    }
    const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    for (const s of walk!.steps) for (const m of nls[s.description.slice(1, -1)]!.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(m[1]!) || m[1]!.startsWith('workbench.'), m[1]);
  });
});
