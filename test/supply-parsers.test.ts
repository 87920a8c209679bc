// The yarn.lock and XML readers, and the generic `text` kind: spans, leniency, and when text files are read.
import * as assert from 'node:assert/strict';
import { detectByPath, LineIndex, pathContext } from '../server/src/engine';
import { parseXml, xmlChild, xmlChildren } from '../server/src/engine/parsers/xml';
import { descriptorName, parseYarnLock } from '../server/src/engine/parsers/yarnlock';
import { ownersOf, parseCodeowners } from '../rules/repo/_lib/codeowners';
import { analyzeMemory, catalogOf, rule } from './helpers/repo';

describe('yarn.lock reader', () => {
  it('reads classic entries with several descriptors, fields and value spans', () => {
    const text = '# yarn lockfile v1\n\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.1.0"\n  resolved "https://registry.yarnpkg.com/@babel/core/-/core-7.1.0.tgz#abc"\n  dependencies:\n    debug "^4"\n\nms@^2.1.1:\n  version "2.1.2"\n';
    const r = parseYarnLock(text, new LineIndex(text));
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.model.berry, false);
    assert.deepEqual(r.model.entries.map((e) => e.keys), [['@babel/core@^7.0.0', '@babel/core@^7.1.0'], ['ms@^2.1.1']]);
    const resolved = r.model.entries[0]!.fields.resolved!;
    assert.equal(text.slice(resolved.span.start, resolved.span.end), resolved.value);
    assert.equal(r.model.entries[0]!.fields.debug, undefined, 'nested maps are not fields');
  });
  it('reads berry (YAML) entries and notices __metadata', () => {
    const text = '__metadata:\n  version: 8\n\n"ms@npm:^2.1.3, ms@npm:^2.1.1":\n  version: 2.1.3\n  resolution: "ms@npm:2.1.3"\n  checksum: 10c0/abc\n';
    const r = parseYarnLock(text, new LineIndex(text));
    assert.ok(r.ok && r.model.berry);
    if (!r.ok) return;
    assert.deepEqual(r.model.entries[0]!.keys, ['ms@npm:^2.1.3', 'ms@npm:^2.1.1']);
    assert.equal(r.model.entries[0]!.fields.resolution!.value, 'ms@npm:2.1.3');
  });
  it('never throws on junk and names descriptors', () => {
    for (const junk of ['', ':\n  :', '"unterminated:\n  version', '\u0000\u0001']) assert.ok(parseYarnLock(junk, new LineIndex(junk)).ok);
    assert.equal(descriptorName('@scope/pkg@npm:1.0.0'), '@scope/pkg');
    assert.equal(descriptorName('alias@npm:real@^1'), 'alias');
  });
});

describe('XML reader', () => {
  it('keeps spans of elements, text and attributes, skipping comments, CDATA markers and declarations', () => {
    const text = '<?xml version="1.0"?>\n<!DOCTYPE project>\n<project a="1 &amp; 2">\n  <!-- <url>http://no</url> -->\n  <repositories><repository><url> http://repo.example/m2 </url></repository></repositories>\n  <name><![CDATA[x < y]]></name>\n  <empty/>\n</project>\n';
    const r = parseXml(text);
    assert.ok(r.ok);
    if (!r.ok) return;
    const root = r.model.root;
    assert.equal(root.name, 'project');
    assert.equal(root.attributes.a!.value, '1 & 2');
    const url = xmlChild(root, 'repositories', 'repository', 'url')!;
    assert.equal(url.text, 'http://repo.example/m2');
    assert.equal(text.slice(url.textSpan!.start, url.textSpan!.end), 'http://repo.example/m2');
    assert.equal(xmlChild(root, 'name')!.text, 'x < y');
    assert.equal(xmlChildren(root, 'empty').length, 1);
    assert.equal(xmlChildren(root, 'repositories').length, 1, 'the commented-out url is not an element');
  });
  it('is lenient with unclosed and stray tags, and never throws', () => {
    const r = parseXml('<a><b>text</c></b><d>');
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.model.root.children.map((c) => c.name), ['b', 'd']);
    for (const junk of ['', '<', '<<>>', 'plain text', '<a b=', '<!--', '<![CDATA[', '<a></a></a>']) assert.doesNotThrow(() => parseXml(junk));
    assert.equal(parseXml('no markup').ok, false);
  });
});

describe('generic text files', () => {
  it('gives text-like files without another kind the `text` kind, and leaves generated files out', () => {
    const ctx = pathContext([]);
    const kind = (p: string) => {
      const v = detectByPath(p, ctx);
      return v && 'kind' in v ? v.kind : undefined;
    };
    assert.equal(kind('src/config.py'), 'text');
    assert.equal(kind('deploy/id_rsa'), 'text');
    assert.equal(kind('dist/app.min.js'), undefined);
    assert.equal(kind('Gemfile.lock'), undefined);
    assert.equal(kind('logo.png'), undefined);
    assert.equal(kind('package.json'), 'package-json');
  });
  it('reads text files only for rules that need them, and skips large and binary ones silently', async () => {
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk='.repeat(2)}\n-----END RSA PRIVATE KEY-----\n`;
    const files = { 'keys/server.key': key, 'big.txt': 'x'.repeat(1024 * 1024 + 1), 'blob.txt': new Uint8Array([0, 1, 2, 3]), 'README.md': '# app\n' };
    const withRule = await analyzeMemory(files, catalogOf(rule('secrets/private-key')));
    assert.deepEqual(withRule.findings.map((f) => f.path), ['keys/server.key']);
    assert.deepEqual(withRule.files.filter((f) => f.status === 'not-evaluated'), []);
    assert.ok(!withRule.files.some((f) => f.path === 'big.txt' || f.path === 'blob.txt'));
    const without = await analyzeMemory(files, catalogOf(rule('repo/missing-license')));
    assert.ok(!without.files.some((f) => f.kind === 'text'), 'no text file is read when no rule needs one');
  });
  it('applies well-formed inline suppressions in text files but does not report malformed ones', async () => {
    const files = { 'src/a.py': 'HELP = "write kamae-ignore <rule>: <reason>"\n' };
    const report = await analyzeMemory(files, catalogOf(rule('secrets/committed-token')));
    assert.deepEqual(report.findings.map((f) => f.ruleId), []);
  });
});

describe('CODEOWNERS matching', () => {
  // The rule library's matcher, against the semantics GitHub documents for CODEOWNERS patterns.
  const rules = parseCodeowners(['*.js @js', '/build/logs/ @logs', 'docs/* @docs', 'apps/ @apps', '**/deploy @deploy', '/scripts/ @scripts', '/scripts/unowned.sh', '# comment', ''].join('\n'));
  const owner = (p: string) => (ownersOf(rules, p) ?? ['-']).join(' ') || '(none)';
  const cases: [string, string][] = [
    ['src/app.js', '@js'],
    ['build/logs/x.txt', '@logs'],
    ['docs/guide.md', '@docs'],
    ['docs/sub/guide.md', '-'],
    ['apps/web/main.ts', '@apps'],
    ['pkg/apps/x.ts', '@apps'],
    ['ops/deploy/run.sh', '@deploy'],
    ['scripts/unowned.sh', '(none)'],
    ['scripts/other.sh', '@scripts'],
    ['README.md', '-'],
  ];
  for (const [p, expected] of cases) it(`${p} -> ${expected}`, () => assert.equal(owner(p), expected));
});
