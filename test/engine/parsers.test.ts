// Parsers keep source positions and never throw: spans, multi-document YAML, limits, and the
// reasons they give for input they cannot read.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineIndex } from '../../server/src/engine';
import { parseDockerfile } from '../../server/src/engine/parsers/dockerfile';
import { parseGoMod } from '../../server/src/engine/parsers/gomod';
import { parseAs } from '../../server/src/engine/parsers';
import { jsonAt, parseJson } from '../../server/src/engine/parsers/json';
import { parseNpmrc } from '../../server/src/engine/parsers/npmrc';
import { parseRequirements } from '../../server/src/engine/parsers/requirements';
import { parseToml } from '../../server/src/engine/parsers/toml';
import { nodeSpan, parseYaml, scalarText, yamlAt, yamlGet, YAML_LIMITS } from '../../server/src/engine/parsers/yaml';

const lines = (s: string) => new LineIndex(s);
function ok<M>(r: { ok: true; model: M } | { ok: false }): M {
  if (!r.ok) assert.fail(`expected a model, got ${JSON.stringify(r)}`);
  return r.model;
}

describe('LineIndex', () => {
  it('maps offsets to LSP positions across LF, CRLF and CR line breaks', () => {
    const idx = lines('ab\r\ncd\nef\rgh');
    assert.deepEqual(idx.position(0), { line: 0, character: 0 });
    assert.deepEqual(idx.position(4), { line: 1, character: 0 });
    assert.deepEqual(idx.position(7), { line: 2, character: 0 });
    assert.deepEqual(idx.position(10), { line: 3, character: 0 });
    assert.equal(idx.lineText(0), 'ab');
    assert.equal(idx.lineText(3), 'gh');
  });
  it('round-trips every offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', 'é', '語') }), (s) => {
        const idx = lines(s);
        for (let o = 0; o <= s.length; o++) {
          const back = idx.offset(idx.position(o));
          // An offset between \r and \n maps to the start of the break.
          if (!(s[o - 1] === '\r' && s[o] === '\n')) assert.equal(back, o);
        }
      }),
    );
  });
});

describe('YAML parser', () => {
  it('keeps every document of a multi-document file with offsets', () => {
    const text = 'a: 1\n---\nkind: Pod\nmetadata:\n  name: web\n';
    const m = ok(parseYaml(text));
    assert.equal(m.docs.length, 2);
    const name = yamlAt(m.docs[1]!.contents, 'metadata', 'name');
    assert.equal(scalarText(name), 'web');
    const span = nodeSpan(name)!;
    assert.equal(text.slice(span.start, span.end), 'web');
    assert.deepEqual(lines(text).position(span.start), { line: 4, character: 8 });
  });
  it('follows anchors and merge keys', () => {
    const m = ok(parseYaml('base: &b\n  image: nginx:1.27\nsvc:\n  <<: *b\n  ports: [80]\nalias: *b\n'));
    const root = m.docs[0]!.contents;
    assert.equal(scalarText(yamlAt(root, 'svc', 'image')), 'nginx:1.27');
    assert.equal(scalarText(yamlGet(yamlAt(root, 'alias'), 'image')), 'nginx:1.27');
  });
  it('reports a syntax error with its line instead of throwing', () => {
    const r = parseYaml('on: push\njobs:\n  a: [\n');
    assert.equal(r.ok, false);
    assert.match((r as { reason: { en: string } }).reason.en, /YAML syntax error at line \d+/);
  });
  it('refuses alias bombs and deep nesting by name', () => {
    const aliases = `a: &a x\nb: [${Array.from({ length: YAML_LIMITS.maxAliases + 1 }, () => '*a').join(', ')}]\n`;
    const r1 = parseYaml(aliases);
    assert.equal(r1.ok, false);
    assert.match((r1 as { reason: { en: string } }).reason.en, /aliases/);
    const deep = `${'['.repeat(YAML_LIMITS.maxDepth + 5)}${']'.repeat(YAML_LIMITS.maxDepth + 5)}`;
    const r2 = parseYaml(deep);
    assert.equal(r2.ok, false);
    assert.match((r2 as { reason: { en: string } }).reason.en, /nested|parsed/);
  });
  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void parseYaml(s)), { numRuns: 300 });
  });
});

describe('JSON parser', () => {
  it('gives node offsets and accepts JSONC comments and trailing commas', () => {
    const text = '{\n  // note\n  "a": { "b": [1, 2,], },\n}';
    const m = ok(parseJson(text, lines(text)));
    const b = jsonAt(m.root, 'a', 'b', 1)!;
    assert.equal(text.slice(b.offset, b.offset + b.length), '2');
  });
  it('reports the first syntax error with line and column', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    const r = parseJson(text, lines(text));
    assert.equal(r.ok, false);
    assert.match((r as { reason: { en: string } }).reason.en, /line 3, column 3/);
  });
  it('reports empty content', () => {
    assert.equal(parseJson('   ', lines('   ')).ok, false);
  });
});

describe('Dockerfile parser', () => {
  it('splits stages, substitutes global ARG defaults into FROM, and keeps spans', () => {
    const text = 'ARG BASE=node:20\nFROM ${BASE} AS build\nRUN make \\\n  all\nFROM build\nUSER 1000\n';
    const m = ok(parseDockerfile(text, lines(text)));
    assert.equal(m.stages.length, 2);
    assert.equal(m.stages[0]!.image?.raw, 'node:20');
    assert.equal(m.stages[0]!.image?.tag, '20');
    assert.equal(m.stages[0]!.alias, 'build');
    assert.equal(m.stages[1]!.baseIsStage, true);
    const run = m.stages[0]!.instructions[0]!;
    assert.equal(run.keyword, 'RUN');
    assert.equal(text.slice(run.span.start, run.span.end), 'RUN make \\\n  all');
    assert.equal(m.stages[0]!.image && text.slice(m.stages[0]!.image.span.start, m.stages[0]!.image.span.end), '${BASE}');
  });
  it('reads registry, tag and digest', () => {
    const text = 'FROM registry.example.com:5000/team/app:1.2@sha256:' + 'a'.repeat(64) + '\n';
    const img = ok(parseDockerfile(text, lines(text))).stages[0]!.image!;
    assert.equal(img.registry, 'registry.example.com:5000');
    assert.equal(img.name, 'team/app');
    assert.equal(img.tag, '1.2');
    assert.equal(img.digest, `sha256:${'a'.repeat(64)}`);
  });
  it('explains an empty file and a file without FROM', () => {
    assert.match((parseDockerfile('', lines('')) as { reason: { en: string } }).reason.en, /empty/);
    assert.match((parseDockerfile('# c\nRUN x\n', lines('# c\nRUN x\n')) as { reason: { en: string } }).reason.en, /no FROM/);
  });
});

describe('.npmrc parser', () => {
  it('reads key=value with spans, ignoring comments and sections', () => {
    const text = '# c\n; c\n[x]\nregistry = http://r.example/\n//r.example/:_authToken="abc"\n';
    const m = ok(parseNpmrc(text, lines(text)));
    assert.deepEqual(m.entries.map((e) => [e.key, e.value, e.line]), [['registry', 'http://r.example/', 3], ['//r.example/:_authToken', 'abc', 4]]);
    const e = m.entries[1]!;
    assert.equal(text.slice(e.valueSpan.start, e.valueSpan.end), '"abc"');
  });
});

describe('requirements.txt parser', () => {
  it('reads options, continuations, hashes, markers and direct references', () => {
    const text = ['--index-url http://pypi.example/simple', 'requests==2.32.3 \\', '    --hash=sha256:abc', 'flask>=3 ; python_version >= "3.9"  # web', 'git+https://github.com/o/r.git@v1#egg=r', 'pkg @ https://example.com/pkg.whl', '-e ./local'].join('\n');
    const m = ok(parseRequirements(text, lines(text)));
    assert.equal(m.lines.length, 6);
    assert.deepEqual(m.lines[0]!.options, [{ name: '--index-url', value: 'http://pypi.example/simple' }]);
    assert.deepEqual(m.lines[1]!.requirement, { name: 'requests', specifier: '==2.32.3', editable: false });
    assert.deepEqual(m.lines[1]!.options, [{ name: '--hash', value: 'sha256:abc' }]);
    assert.equal(m.lines[1]!.line, 1);
    assert.equal(m.lines[2]!.requirement?.markers, 'python_version >= "3.9"');
    assert.equal(m.lines[3]!.requirement?.name, 'r');
    assert.equal(m.lines[3]!.requirement?.url, 'git+https://github.com/o/r.git@v1#egg=r');
    assert.equal(m.lines[4]!.requirement?.url, 'https://example.com/pkg.whl');
    assert.equal(m.lines[5]!.requirement?.editable, true);
  });
});

describe('go.mod parser', () => {
  it('reads module, go, toolchain, require and replace in both forms', () => {
    const text = 'module example.com/app\n\ngo 1.22\ntoolchain go1.22.5\n\nrequire (\n\tgolang.org/x/text v0.14.0 // indirect\n\tgithub.com/a/b v1.0.0\n)\nrequire c.io/d v2.0.0\nreplace github.com/a/b => ../b\nreplace (\n\tc.io/d v2.0.0 => c.io/fork v2.0.1\n)\n';
    const m = ok(parseGoMod(text, lines(text)));
    assert.equal(m.module, 'example.com/app');
    assert.equal(m.go, '1.22');
    assert.equal(m.toolchain, 'go1.22.5');
    assert.deepEqual(m.requires.map((r) => [r.path, r.version, r.indirect]), [['golang.org/x/text', 'v0.14.0', true], ['github.com/a/b', 'v1.0.0', false], ['c.io/d', 'v2.0.0', false]]);
    assert.deepEqual(m.replaces.map((r) => [r.from.path, r.to.path, r.local, r.line]), [['github.com/a/b', '../b', true, 10], ['c.io/d', 'c.io/fork', false, 12]]);
  });
  it('reports an unclosed block', () => {
    assert.equal(parseGoMod('require (\n a v1\n', lines('require (\n a v1\n')).ok, false);
  });
});

describe('TOML parser', () => {
  it('parses tables and reports errors with a line', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(ok(parseToml('[project]\nname = "x"\n')).data)), { project: { name: 'x' } });
    const r = parseToml('[project\nname = 1\n');
    assert.equal(r.ok, false);
    assert.equal((r as { line?: number }).line, 0);
  });
});

describe('parser dispatch', () => {
  it('never throws whatever the parser and input', () => {
    const parsers = ['yaml', 'json', 'dockerfile', 'npmrc', 'requirements', 'gomod', 'toml', 'text'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...parsers), fc.string({ maxLength: 300 }), (p, s) => {
        const r = parseAs(p, s, lines(s));
        assert.ok(typeof r.ok === 'boolean');
      }),
      { numRuns: 500 },
    );
  });
});
