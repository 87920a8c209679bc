// File-kind detection: by path first, then by content for YAML and JSON the path did not name.
import * as assert from 'node:assert/strict';
import { detectByContent, detectByPath, pathContext } from '../../server/src/engine';

describe('file-kind detection', () => {
  const ctx = pathContext(['charts/web/Chart.yaml']);
  const kind = (p: string) => {
    const v = detectByPath(p, ctx);
    return v === undefined ? undefined : 'kind' in v ? v.kind : `sniff:${v.sniff}`;
  };
  const table: [string, string | undefined][] = [
    ['.github/workflows/ci.yml', 'github-workflow'],
    ['apps/web/.github/workflows/release.yaml', 'github-workflow'],
    ['.github/workflows/README.md', undefined],
    ['action.yml', 'github-action'],
    ['.github/actions/setup/action.yaml', 'github-action'],
    ['.github/dependabot.yml', 'dependabot'],
    ['renovate.json', 'renovate'],
    ['.github/renovate.json5', 'renovate'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.prod', 'dockerfile'],
    ['build.Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['src/parsers/dockerfile.ts', undefined],
    ['docs/Dockerfile.md', undefined],
    ['docker-compose.yml', 'compose'],
    ['deploy/compose.prod.yaml', 'compose'],
    ['charts/web/Chart.yaml', 'helm-chart'],
    ['charts/web/values.yaml', 'helm-values'],
    ['charts/web/values-prod.yaml', 'helm-values'],
    ['charts/web/templates/deployment.yaml', 'helm-template'],
    ['charts/web/templates/_helpers.tpl', 'helm-template'],
    ['packages/a/package.json', 'package-json'],
    ['package-lock.json', 'npm-lockfile'],
    ['npm-shrinkwrap.json', 'npm-lockfile'],
    ['yarn.lock', 'yarn-lock'],
    ['pnpm-lock.yaml', 'pnpm-lock'],
    ['.npmrc', 'npmrc'],
    ['requirements.txt', 'requirements-txt'],
    ['requirements/dev.txt', 'requirements-txt'],
    ['requirements-test.txt', 'requirements-txt'],
    ['go.mod', 'go-mod'],
    ['SECURITY.md', 'security-policy'],
    ['.github/SECURITY.md', 'security-policy'],
    ['docs/security.md', 'security-policy'],
    ['src/security.md', undefined],
    ['LICENSE', 'license'],
    ['LICENCE.txt', 'license'],
    ['COPYING', 'license'],
    ['sub/LICENSE', undefined],
    ['.github/CODEOWNERS', 'codeowners'],
    ['.env', 'env-file'],
    ['.env.production', 'env-file'],
    ['.env.example', undefined],
    ['bom.json', 'sbom'],
    ['dist/app.cdx.json', 'sbom'],
    ['.kamae.yaml', 'kamae-config'],
    ['k8s/deployment.yaml', 'sniff:yaml'],
    ['config/settings.json', 'sniff:json'],
    ['src/main.ts', undefined],
  ];
  for (const [p, expected] of table) it(`${p} -> ${expected ?? 'nothing'}`, () => assert.equal(kind(p), expected));

  it('recognises Kubernetes objects and SBOMs by content', () => {
    assert.equal(detectByContent('yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), 'kubernetes');
    assert.equal(detectByContent('yaml', '# list\n---\napiVersion: v1\nkind: ConfigMap\n'), 'kubernetes');
    assert.equal(detectByContent('yaml', 'name: x\nkind: thing\n'), undefined);
    assert.equal(detectByContent('json', '{"bomFormat": "CycloneDX", "specVersion": "1.6"}'), 'sbom');
    assert.equal(detectByContent('json', '{"spdxVersion": "SPDX-2.3"}'), 'sbom');
    assert.equal(detectByContent('json', '{"name": "x"}'), undefined);
  });
});
