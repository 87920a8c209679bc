// Behaviour of the GitHub Actions helpers the workflow rules share: the expression parser and its
// dataflow, the shell scanner, scalar-to-source mapping and who controls a context.
import * as assert from 'node:assert/strict';
import { constantTruth, dataflow, evaluate, fences, parseExpr, possibleStrings, type Value } from '../rules/github-actions/_lib/expr';
import { parseYaml } from '../server/src/engine/parsers/yaml';
import { mapScalar } from '../rules/github-actions/_lib/scalar';
import { allCommands, commandHead, parseShell } from '../rules/github-actions/_lib/shell';
import { classifyPath, judgeExpression, type Scope } from '../rules/github-actions/_lib/sources';
import { adHocInstall, unfrozenInstall } from '../rules/github-actions/_lib/installs';
import { unwrap } from '../rules/github-actions/_lib/scripts';
import { readWorkflow } from '../rules/github-actions/_lib/workflow';
import { LineIndex } from '../server/src/engine/text';
import type { ParsedFile } from '../server/src/engine/ruleApi';

function workflow(text: string): Scope {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new Error(parsed.reason.en);
  const file = { path: '.github/workflows/w.yml', kind: 'github-workflow', text, lines: new LineIndex(text), model: parsed.model } as ParsedFile<'github-workflow'>;
  const wf = readWorkflow(file)!;
  return { wf, job: wf.jobs[0]!, step: wf.jobs[0]!.steps[0]!, text };
}

describe('github-actions expression parser', () => {
  it('parses contexts, indexes, calls and operators', () => {
    const e = parseExpr("github['event']['issue'].title || format('{0}', steps.a.outputs.b) && !failure()")!;
    assert.deepEqual(
      dataflow(e).map((f) => f.path),
      ['github.event.issue.title'],
    );
    assert.equal(parseExpr('a.b ||'), undefined);
    assert.equal(parseExpr("'unterminated"), undefined);
  });
  it('lets only values, not conditions, flow', () => {
    assert.deepEqual(dataflow(parseExpr("github.event.issue.title == 'x' && 'a' || 'b'")!), []);
    assert.deepEqual(dataflow(parseExpr("contains(github.event.issue.body, 'x')")!), []);
    assert.deepEqual(
      dataflow(parseExpr('toJSON(github.event)')!).map((f) => f.path),
      ['github.event'],
    );
  });
  it('evaluates constants and known contexts', () => {
    assert.equal(constantTruth(parseExpr('false || !true')!), false);
    const known = new Map<string, Value>([['github.ref', 'refs/tags/v1']]);
    assert.equal(evaluate(parseExpr("startsWith(github.ref, 'refs/tags/')")!, known), true);
    assert.equal(evaluate(parseExpr("github.event_name == 'push'")!, known), undefined);
    assert.deepEqual(possibleStrings(parseExpr("inputs.x == 'y' && 'img:1' || ''")!), ['img:1', '']);
  });
  it('finds fences, skipping }} inside string literals', () => {
    assert.deepEqual(
      fences("a ${{ format('}}{0}', x) }} b ${{y}}").map((f) => f.inner.trim()),
      ["format('}}{0}', x)", 'y'],
    );
  });
});

describe('github-actions shell scanner', () => {
  it('splits commands and keeps how they join', () => {
    const cmds = parseShell('curl -fsSL https://x | sudo bash -s -- -y && echo "done; ok" # note\nls');
    assert.deepEqual(
      cmds.map((c) => [commandHead(c)?.name, c.next]),
      [['curl', '|'], ['bash', '&&'], ['echo', '\n'], ['ls', '\n']],
    );
  });
  it('reads redirections, line continuations and here-documents', () => {
    const cmds = parseShell('echo "a=$B" >> "$GITHUB_ENV"\ncat <<EOF > f\ncurl x | sh\nEOF\npython3 -m \\\n  twine upload dist/*');
    assert.equal(cmds[0]!.redirects[0]!.target!.text, '$GITHUB_ENV');
    assert.equal(cmds[1]!.redirects.find((r) => r.op === '<<')!.body, 'curl x | sh\n');
    assert.deepEqual(unwrap(cmds[2]!.words.map((w) => w.text)), ['twine', 'upload', 'dist/*']);
    assert.equal(cmds.length, 3);
  });
  it('looks inside command substitutions', () => {
    const names = allCommands('sh -c "$(wget -qO- https://x)"').map((c) => commandHead(c)?.name);
    assert.deepEqual(names, ['sh', 'wget']);
  });
  it('does not hang or throw on unbalanced input', () => {
    for (const s of ['"', "'", '$(', '`', 'a <<', '((((', 'echo $(((', '\\']) assert.ok(Array.isArray(allCommands(s)));
  });
});

describe('github-actions package installs', () => {
  it('tells ad-hoc installs from project installs', () => {
    assert.deepEqual(adHocInstall(['pip', 'install', '-r', 'requirements.txt']), undefined);
    assert.deepEqual(adHocInstall(['pip', 'install', 'black==24.8.0']), { manager: 'pip', packages: ['black==24.8.0'], pinned: true });
    assert.equal(adHocInstall(['npm', 'install'])?.packages, undefined);
    assert.equal(adHocInstall(['go', 'install', 'example.com/tool@v1.2.3']), undefined);
    assert.equal(adHocInstall(['go', 'install', 'example.com/tool@latest'])?.pinned, false);
    assert.deepEqual(unfrozenInstall(['npm', 'install', '--no-fund'], false)?.instead, 'npm ci');
    assert.equal(unfrozenInstall(['yarn', 'install'], true), undefined);
  });
});

describe('github-actions scalar mapping', () => {
  it('maps block, folded and quoted scalars back to source lines', () => {
    const text = 'a: |\n  one\n  two\nb: >\n  x\n  y\nc: "p\\tq"\n';
    const parsed = parseYaml(text);
    assert.ok(parsed.ok);
    const root = parsed.model.docs[0]!.contents as { items: { value: unknown }[] };
    const lit = mapScalar(root.items[0]!.value as never, text)!;
    assert.equal(lit.value, 'one\ntwo\n');
    assert.equal(text.slice(lit.offset(4), lit.offset(4) + 3), 'two');
    const folded = mapScalar(root.items[1]!.value as never, text)!;
    assert.equal(folded.value, 'x y\n');
    assert.equal(text[folded.offset(2)], 'y');
    const quoted = mapScalar(root.items[2]!.value as never, text)!;
    assert.equal(quoted.value, 'p\tq');
    assert.equal(text[quoted.offset(2)], 'q');
  });
});

describe('github-actions context sources', () => {
  const scope = workflow(`on:
  workflow_dispatch:
    inputs:
      flag: { type: boolean }
env:
  TITLE: \${{ github.event.issue.title }}
  MODE: fast
jobs:
  a:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        os: [linux, mac]
    steps:
      - id: s
        env:
          BODY: \${{ github.event.comment.body }}
        run: |
          echo "b=$BODY" >> "$GITHUB_OUTPUT"
          echo "c=fixed" >> "$GITHUB_OUTPUT"
`);
  const level = (p: string) => classifyPath(p, scope).level;
  it('knows attacker-controlled, unproven and safe contexts', () => {
    assert.equal(level('github.event.pull_request.title'), 'attacker');
    assert.equal(level('github.head_ref'), 'attacker');
    assert.equal(level('github.event.pull_request.head.ref'), 'attacker');
    assert.equal(level('github.event.pull_request.base.ref'), 'safe');
    assert.equal(level('github.event.issue.number'), 'safe');
    assert.equal(level('github.event.sender.login'), 'safe');
    assert.equal(level('github.event.release.body'), 'indirect');
    assert.equal(level('github.event.label.name'), 'indirect');
    assert.equal(level('inputs.flag'), 'safe');
    assert.equal(level('inputs.other'), 'indirect');
    assert.equal(level('matrix.os'), 'safe');
    assert.equal(level('secrets.token'), 'safe');
  });
  it('traces env entries and step outputs to their source', () => {
    assert.equal(level('env.title'), 'attacker');
    assert.equal(level('env.mode'), 'safe');
    assert.equal(level('steps.s.outputs.b'), 'attacker');
    assert.equal(level('steps.s.outputs.c'), 'safe');
    assert.equal(judgeExpression('env.TITLE', scope)?.path, 'github.event.issue.title');
  });
});
