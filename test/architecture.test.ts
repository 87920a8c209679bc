// The import graph runs one way (adapters -> rules -> engine): the engine and the rules never import
// the editor, the file system, child processes or process; rules reach the engine only via ruleApi.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { ROOT } from './helpers/repo';

const FORBIDDEN = /^(vscode($|-)|node:fs|fs($|\/)|node:child_process$|child_process$|node:process$|process$)/;

function imports(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!rel.endsWith('.ts') || rel.includes('fixtures')) continue;
    const file = path.join(dir, rel);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    sf.forEachChild((n) => {
      if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push({ file: path.relative(ROOT, file), spec: n.moduleSpecifier.text });
    });
  }
  return out;
}

describe('architecture', () => {
  it('keeps the engine free of the editor, fs, child_process and process, and of rules and adapters', () => {
    const bad = imports(path.join(ROOT, 'server/src/engine')).filter((i) => FORBIDDEN.test(i.spec) || /rules|\/lsp|\/cli|\/node\//.test(i.spec));
    assert.deepEqual(bad, []);
  });
  it('keeps rules free of them too, and importing the engine only through ruleApi', () => {
    const bad = imports(path.join(ROOT, 'rules')).filter((i) => !i.file.endsWith('index.generated.ts') && (FORBIDDEN.test(i.spec) || (i.spec.includes('server/src') && !i.spec.endsWith('server/src/engine/ruleApi'))));
    assert.deepEqual(bad, []);
  });
  it('finds no use of the process global in the engine or rules', () => {
    const offenders: string[] = [];
    for (const dir of ['server/src/engine', 'rules']) {
      for (const rel of fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String)) {
        // The generated catalogue is data (rule texts may mention process.env in prose).
        if (!rel.endsWith('.ts') || rel.includes('fixtures') || rel.endsWith('index.generated.ts')) continue;
        const text = fs.readFileSync(path.join(ROOT, dir, rel), 'utf8');
        if (/\bprocess\.(env|argv|exit|cwd|stdout|stderr)\b/.test(text)) offenders.push(`${dir}/${rel}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
