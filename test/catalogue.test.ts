// Tests over the whole catalogue, not rule by rule: schemas, ids, references, bilingual text,
// generated files, and the linear-regex invariant for code that sees untrusted text.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import ts from 'typescript';
import YAML from 'yaml';
import { BUILTIN_RULES, type RuleMeta } from '../server/src/engine';
import { CATALOG, ROOT } from './helpers/repo';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
const allMetas: RuleMeta[] = [...CATALOG.rules.map((r) => r.meta), ...BUILTIN_RULES];

describe('rule catalogue', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'rules/rule.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

  it('has at least the ten foundation rules', () => {
    assert.ok(CATALOG.rules.length >= 10, `only ${CATALOG.rules.length} rules`);
  });

  it('has unique ids that match their folders, and a check.ts and rule.yaml in each', () => {
    const ids = CATALOG.rules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.ok(fs.existsSync(path.join(ROOT, 'rules', id, 'rule.yaml')), `${id}: rule.yaml`);
      assert.ok(fs.existsSync(path.join(ROOT, 'rules', id, 'check.ts')), `${id}: check.ts`);
      const meta = YAML.parse(fs.readFileSync(path.join(ROOT, 'rules', id, 'rule.yaml'), 'utf8'));
      assert.equal(meta.id, id);
    }
  });

  it('every rule.yaml validates against rules/rule.schema.json', () => {
    for (const r of CATALOG.rules) {
      const ok = validate(r.meta);
      assert.ok(ok, `${r.meta.id}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('every guideline reference names a known item, and every rule maps to a METI/NCO requirement', () => {
    const known = new Map<string, Set<string>>();
    known.set('meti-cip', new Set(CATALOG.guidelines.meti.groups.flatMap((g) => g.requirements.map((q) => q.id))));
    for (const f of CATALOG.guidelines.frameworks) known.set(f.source, new Set(f.items.map((i) => i.id)));
    for (const m of allMetas) {
      assert.ok(m.references.some((r) => r.source === 'meti-cip'), `${m.id} maps to no METI/NCO requirement`);
      for (const r of m.references) assert.ok(known.get(r.source)?.has(r.ref), `${m.id}: unknown reference ${r.source} ${r.ref}`);
    }
  });

  it('speaks English and Japanese everywhere, with the same placeholders in both', () => {
    for (const m of allMetas) {
      const texts = [['title', m.title], ['rationale', m.rationale], ['remediation', m.remediation], ...Object.entries(m.messages).map(([k, v]) => [`messages.${k}`, v] as const), ...Object.entries(m.fixes ?? {}).map(([k, v]) => [`fixes.${k}`, v] as const)] as const;
      for (const [where, t] of texts) {
        assert.ok(t.en.trim().length > 0 && t.ja.trim().length > 0, `${m.id} ${where}: empty text`);
        assert.match(t.ja, JAPANESE, `${m.id} ${where}: the Japanese text has no Japanese in it`);
        // Builtins pass the Japanese form of a value under its own name (problem/problemJa).
        const en = placeholders(t.en);
        const ja = placeholders(t.ja).map((p) => p.replace(/Ja$/, ''));
        assert.deepEqual(ja, en, `${m.id} ${where}: placeholders differ between en and ja`);
      }
    }
  });

  it('has no TODO, TBD or FIXME in rule texts or rule docs', () => {
    const bad = /\b(TODO|TBD|FIXME|XXX)\b/;
    for (const m of allMetas) assert.doesNotMatch(JSON.stringify(m), bad, m.id);
    // Every rule the engine can report, builtins included, has the page its diagnostics link to.
    for (const id of allMetas.map((m) => m.id)) {
      const doc = path.join(ROOT, 'docs/rules', `${id}.md`);
      assert.ok(fs.existsSync(doc), `docs/rules/${id}.md is missing`);
      assert.doesNotMatch(fs.readFileSync(doc, 'utf8'), bad, doc);
    }
  });

  it('declares a fix kind consistent with the fixes it offers', () => {
    for (const m of CATALOG.rules.map((r) => r.meta)) {
      const hasFixes = Object.keys(m.fixes ?? {}).length > 0;
      assert.equal(m.fix !== 'none', hasFixes, `${m.id}: fix is "${m.fix}" but fixes has ${Object.keys(m.fixes ?? {}).length} entries`);
    }
  });

  it('keeps the generated catalogue, rule docs and README tables up to date', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-rules.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('guideline catalogue', () => {
  it('has the six METI/NCO groups, group 1 with its four requirements', () => {
    const groups = CATALOG.guidelines.meti.groups;
    assert.deepEqual(groups.map((g) => g.id), ['1', '2', '3', '4', '5', '6']);
    assert.equal(groups[0]!.requirements.length, 4);
    assert.equal(groups[5]!.audience, 'customer');
    for (const g of groups) for (const q of g.requirements) assert.ok(['found-text', 'inferred'].includes(q.evidence), q.id);
  });

  it('validates every guideline file against its schema', () => {
    const dir = path.join(ROOT, 'rules/guidelines');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(dir, 'guidelines.schema.json'), 'utf8')));
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      assert.ok(validate(YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'))), `${f}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('maps every attestation item to a requirement and only to known references', () => {
    const reqs = new Set(CATALOG.guidelines.meti.groups.flatMap((g) => g.requirements.map((q) => q.id)));
    const items = new Map(CATALOG.guidelines.frameworks.map((f) => [f.source, new Set(f.items.map((i) => i.id))]));
    for (const a of CATALOG.guidelines.meti.attestations) {
      assert.ok(reqs.has(a.requirement), `${a.id} -> ${a.requirement}`);
      for (const r of a.refs) assert.ok(items.get(r.source)?.has(r.ref), `${a.id}: ${r.source} ${r.ref}`);
    }
  });
});

describe('regular expressions that see untrusted text', () => {
  // Nested quantifiers such as (a+)+ or (\w*)* backtrack exponentially on crafted input.
  it('have no nested quantifiers in the engine or the rules', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles([path.join(ROOT, 'server/src/engine'), path.join(ROOT, 'rules')])) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node) => {
        let source: string | undefined;
        if (ts.isRegularExpressionLiteral(node)) source = node.text.slice(1, node.text.lastIndexOf('/'));
        else if (ts.isNewExpression(node) && node.expression.getText(sf) === 'RegExp' && node.arguments?.[0] && ts.isStringLiteralLike(node.arguments[0])) source = node.arguments[0].text;
        if (source !== undefined && hasNestedQuantifier(source)) offenders.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} /${source}/`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.deepEqual(offenders, []);
  });

  it('the detector itself recognises nested quantifiers', () => {
    assert.ok(hasNestedQuantifier('(a+)+'));
    assert.ok(hasNestedQuantifier('^(\\w*\\s?)*$'));
    assert.ok(hasNestedQuantifier('(?:x|y+){2,}'));
    assert.ok(!hasNestedQuantifier('(ab)+'));
    assert.ok(!hasNestedQuantifier('[a+]+'));
    assert.ok(!hasNestedQuantifier('\\(a+\\)+'));
  });
});

function sourceFiles(dirs: string[]): string[] {
  return dirs.flatMap((d) =>
    fs
      .readdirSync(d, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.includes('fixtures') && !f.endsWith('.d.ts') && !f.endsWith('index.generated.ts'))
      .map((f) => path.join(d, f)),
  );
}

/** True when a group that contains a quantifier is itself quantified. */
export function hasNestedQuantifier(re: string): boolean {
  const stack: { quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ quantified: false });
    else if (c === ')') {
      const group = stack.pop();
      const next = re[i + 1];
      const groupQuantified = next === '+' || next === '*' || (next === '{' && /^\{\d*,\d*\}/.test(re.slice(i + 1)) && !/^\{\d+\}/.test(re.slice(i + 1)));
      if (group?.quantified && groupQuantified) return true;
      if (group?.quantified && stack.length > 0) stack[stack.length - 1]!.quantified = true;
      if (groupQuantified && stack.length > 0) stack[stack.length - 1]!.quantified = true;
    } else if ((c === '+' || c === '*' || c === '{') && stack.length > 0) {
      if (c === '{' && !/^\{\d*,\d*\}/.test(re.slice(i))) continue;
      stack[stack.length - 1]!.quantified = true;
    }
  }
  return false;
}
