// The files Kamae offers to create are filled from the repository, and pass Kamae's own rules once
// created: a template that triggered findings would teach users the wrong thing.
import * as assert from 'node:assert/strict';
import { planFixes, type Finding } from '../server/src/engine';
import { githubOf, supportedLine } from '../rules/repo/_lib/facts';
import { analyzeMemory, CATALOG } from './helpers/repo';

describe('file templates', () => {
  it('reads GitHub coordinates from the forms package managers accept', () => {
    for (const form of ['https://github.com/acme/widgets', 'git+https://github.com/acme/widgets.git', 'git@github.com:acme/widgets.git', 'github:acme/widgets', 'acme/widgets', 'ssh://git@github.com/acme/widgets']) {
      assert.deepEqual(githubOf(form), { owner: 'acme', repo: 'widgets' }, form);
    }
    assert.equal(githubOf('https://gitlab.com/acme/widgets'), undefined);
    assert.equal(supportedLine('2.3.1'), '2.3.x');
    assert.equal(supportedLine('v0.9.0-beta.1'), '0.9.x');
    assert.equal(supportedLine(undefined), undefined);
  });

  for (const [name, files] of [
    ['npm', { 'package.json': '{ "name": "acme-widgets", "version": "2.3.1", "repository": "github:acme/widgets", "author": "Acme <oss@acme.example>" }\n' }],
    ['Go', { 'go.mod': 'module github.com/acme/tool\n\ngo 1.25\n', 'go.sum': '' }],
    ['Python', { 'pyproject.toml': '[project]\nname = "acme"\nversion = "1.0.0"\n\n[project.urls]\nSource = "https://github.com/acme/py"\n', 'requirements.txt': 'requests==2.32.3 --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\n' }],
  ] as const) {
    it(`creates SECURITY.md, SUPPORT.md, CODEOWNERS, dependabot.yml and an SBOM workflow for a ${name} project that pass every rule`, async () => {
      const repo: Record<string, string> = { 'README.md': '# demo\n', LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n', ...files };
      // Apply every fix pass by pass, as `kamae fix --unsafe` does, until nothing more is offered.
      const created = new Set<string>();
      const done = new Set<string>();
      for (let pass = 0; pass < 5; pass++) {
        const report = await analyzeMemory(repo, CATALOG, undefined, { profile: 'recommended' });
        const pending: Finding[] = report.findings.filter((f) => !done.has(f.fingerprint));
        const plan = planFixes(pending, (p) => repo[p], new Set(['safe', 'needs-review']));
        if (plan.applied === 0) break;
        pending.forEach((f) => done.add(f.fingerprint));
        for (const [p, content] of plan.files) {
          repo[p] = content;
          if (plan.created.has(p)) created.add(p);
        }
      }
      for (const p of ['SECURITY.md', 'SUPPORT.md', '.github/CODEOWNERS', '.github/dependabot.yml', '.github/workflows/sbom.yml']) assert.ok(created.has(p), `${p} was offered`);
      assert.doesNotMatch(repo['SECURITY.md']!, /<security@example\.com>/, 'a known contact replaces the placeholder');
      const after = await analyzeMemory(repo, CATALOG, undefined, { profile: 'strict' });
      const aboutCreated = after.findings.filter((f) => f.path !== undefined && created.has(f.path) && !f.ruleId.startsWith('kamae/'));
      assert.deepEqual(aboutCreated.map((f) => `${f.ruleId} ${f.path}:${(f.range?.start.line ?? 0) + 1} ${f.message.en}`), []);
      for (const id of ['repo/missing-security-policy', 'repo/security-policy-incomplete', 'repo/missing-support-period', 'repo/missing-sbom', 'repo/missing-codeowners', 'dependency-updates/missing-update-config']) {
        assert.ok(!after.findings.some((f) => f.ruleId === id && !f.suppression), `${id} is satisfied`);
      }
    });
  }
});
