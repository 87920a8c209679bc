// `kamae sbom`: the lockfile inventory (engine) and its CycloneDX 1.6 rendering. Every SBOM a test
// produces is validated against the bundled CycloneDX 1.6 schema and by the library's strict validator.
// Fixture repositories live in test/fixtures/sbom/; their integrity values are the digests of
// `<name>@<version>` (npm: SHA-512) or of the file name (Python: SHA-256), so expectations are computed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex, MemoryFs, sourceFromFs } from '../server/src/engine';
import { parseYarnLock } from '../server/src/engine/parsers/yarnlock';
import { base64ToHex, classifyLicense, inventoryFromRepo, normalisePypiName, purl, serialNumber, sriHashes, toCycloneDx, type Inventory } from '../server/src/engine/sbom';
import { diskFs } from '../server/src/node/diskFs';
import { timestamp } from '../server/src/node/product';
import { assertValidCycloneDx, schemaValidator, type CdxBom, type CdxComponent } from './helpers/cyclonedx';
import { analyzeMemory, catalogOf, ROOT, rule } from './helpers/repo';

const FIXTURES = path.join(ROOT, 'test/fixtures/sbom');
const CLI = path.join(ROOT, process.env.KAMAE_DIST ?? 'dist', 'cli.js');
const WHEN = '2026-01-01T00:00:00.000Z';
const EPOCH = String(Date.parse(WHEN) / 1000);
const TOOL = { name: 'kamae', version: '0.0.0-test', url: 'https://github.com/kamae-project/kamae' };

const sha = (alg: string, s: string) => createHash(alg).update(s).digest('hex');
const npmSha512 = (nameAtVersion: string) => sha('sha512', nameAtVersion);

interface Made {
  readonly inv: Inventory;
  readonly text: string;
  readonly bom: CdxBom;
  readonly byRef: Map<string, CdxComponent>;
  readonly deps: Map<string, string[]>;
  readonly c: (ref: string) => CdxComponent;
  readonly dependsOn: (ref: string) => string[];
}

async function make(inv: Inventory, what: string): Promise<Made> {
  const text = toCycloneDx(inv, { timestamp: WHEN, tool: TOOL });
  const bom = await assertValidCycloneDx(text, what);
  const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
  byRef.set(bom.metadata.component['bom-ref'], bom.metadata.component);
  const deps = new Map((bom.dependencies ?? []).map((d) => [d.ref, d.dependsOn ?? []]));
  return {
    inv,
    text,
    bom,
    byRef,
    deps,
    c: (ref) => {
      const found = byRef.get(ref);
      assert.ok(found, `no component ${ref}; have ${[...byRef.keys()].join(', ')}`);
      return found;
    },
    dependsOn: (ref) => {
      const d = deps.get(ref);
      assert.ok(d, `no dependencies entry for ${ref}`);
      return d;
    },
  };
}

async function fixture(name: string): Promise<Made> {
  const inv = await inventoryFromRepo(sourceFromFs(diskFs(path.join(FIXTURES, name))), { rootName: name });
  return make(inv, name);
}
async function memory(files: Record<string, string>, rootName = 'repo'): Promise<Made> {
  return make(await inventoryFromRepo(sourceFromFs(new MemoryFs(files)), { rootName }), rootName);
}

const hashOf = (c: CdxComponent, alg: string) => c.hashes?.find((h) => h.alg === alg)?.content;
const prop = (c: CdxComponent, name: string) => c.properties?.find((p) => p.name === name)?.value;
const licence = (c: CdxComponent) => {
  const l = c.licenses?.[0];
  return l === undefined ? undefined : 'expression' in l ? { expression: l.expression } : l.license;
};

describe('SBOM building blocks', () => {
  it('builds purls per the purl spec for npm, pypi and golang', () => {
    assert.equal(purl({ type: 'npm', name: '@angular/core', version: '17.1.0' }), 'pkg:npm/%40angular/core@17.1.0');
    assert.equal(purl({ type: 'npm', name: 'JSONStream', version: '1.3.5' }), 'pkg:npm/JSONStream@1.3.5', 'npm names keep their case');
    assert.equal(purl({ type: 'npm', name: 'a', version: '1.0.0+build.7' }), 'pkg:npm/a@1.0.0%2Bbuild.7');
    assert.equal(purl({ type: 'npm', name: 'gitdep', version: 'abc', qualifiers: { vcs_url: 'git+https://github.com/u/r.git@abc' } }), 'pkg:npm/gitdep@abc?vcs_url=git%2Bhttps://github.com/u/r.git%40abc');
    assert.equal(purl({ type: 'npm', name: '@scope' }), undefined, 'a scope alone is no name');
    assert.equal(purl({ type: 'pypi', name: 'Typing_Extensions', version: '4.10.0' }), 'pkg:pypi/typing-extensions@4.10.0');
    assert.equal(purl({ type: 'pypi', name: 'zope.interface', version: '6.2' }), 'pkg:pypi/zope-interface@6.2');
    assert.equal(purl({ type: 'pypi', name: 'x', version: '1', qualifiers: { repository_url: 'https://pypi.example.com/simple', download_url: '' } }), 'pkg:pypi/x@1?repository_url=https://pypi.example.com/simple');
    assert.equal(purl({ type: 'golang', name: 'github.com/BurntSushi/toml', version: 'v1.3.2' }), 'pkg:golang/github.com/BurntSushi/toml@v1.3.2');
    assert.equal(purl({ type: 'golang', name: 'github.com/docker/docker', version: 'v24.0.7+incompatible' }), 'pkg:golang/github.com/docker/docker@v24.0.7%2Bincompatible');
    assert.equal(normalisePypiName('Foo__Bar.-baz'), 'foo-bar-baz');
  });

  it('turns integrity strings into hex digests with CycloneDX algorithm names', () => {
    const s512 = createHash('sha512').update('x').digest();
    const s1 = createHash('sha1').update('x').digest();
    assert.deepEqual(sriHashes(`sha512-${s512.toString('base64')} sha1-${s1.toString('base64')}`), [
      { alg: 'SHA-1', content: s1.toString('hex') },
      { alg: 'SHA-512', content: s512.toString('hex') },
    ]);
    assert.deepEqual(sriHashes(`sha384-${createHash('sha384').update('x').digest('base64')}?opt`), [{ alg: 'SHA-384', content: sha('sha384', 'x') }]);
    assert.deepEqual(sriHashes('md5-abc sha512-not*base64 sha256-c2hvcnQ='), [], 'unknown algorithms, bad base64 and wrong lengths are dropped');
    assert.equal(base64ToHex(s512.toString('base64url')), s512.toString('hex'), 'URL-safe base64 too');
    assert.equal(base64ToHex('a'), undefined);
  });

  it('sorts licences into SPDX ids, SPDX expressions and named licences', () => {
    assert.deepEqual(classifyLicense('MIT'), { kind: 'id', id: 'MIT' });
    assert.deepEqual(classifyLicense('apache-2.0'), { kind: 'id', id: 'Apache-2.0' });
    assert.deepEqual(classifyLicense('(MIT)'), { kind: 'id', id: 'MIT' });
    assert.deepEqual(classifyLicense('(mit OR Apache-2.0)'), { kind: 'expression', expression: '(MIT OR Apache-2.0)' });
    assert.deepEqual(classifyLicense('Apache-2.0 with LLVM-exception'), { kind: 'expression', expression: 'Apache-2.0 WITH LLVM-exception' });
    assert.deepEqual(classifyLicense('Apache-2.0+'), { kind: 'expression', expression: 'Apache-2.0+' });
    assert.deepEqual(classifyLicense('GPL-2.0+'), { kind: 'id', id: 'GPL-2.0+' }, 'a (deprecated) id of its own');
    assert.deepEqual(classifyLicense('LicenseRef-Acme-EULA'), { kind: 'expression', expression: 'LicenseRef-Acme-EULA' });
    assert.deepEqual(classifyLicense('MIT AND (BSD-3-Clause OR ISC)'), { kind: 'expression', expression: 'MIT AND (BSD-3-Clause OR ISC)' });
    for (const name of ['SEE LICENSE IN LICENSE.md', 'UNLICENSED', 'BSD', 'MIT AND', '(MIT', 'MIT/X11', 'Custom: see README']) assert.deepEqual(classifyLicense(name), { kind: 'name', name });
  });

  it('derives the serial number from the content as an RFC 4122 version 5 URN', () => {
    const a = serialNumber('a');
    assert.match(a, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(serialNumber('a'), a);
    assert.notEqual(serialNumber('b'), a);
  });

  it('reads the timestamp from SOURCE_DATE_EPOCH, else the clock', () => {
    const now = new Date('2030-05-06T07:08:09.123Z');
    assert.equal(timestamp({ SOURCE_DATE_EPOCH: EPOCH }, now), WHEN);
    assert.equal(timestamp({}, now), '2030-05-06T07:08:09.123Z');
    assert.equal(timestamp({ SOURCE_DATE_EPOCH: 'soon' }, now), '2030-05-06T07:08:09.123Z');
    assert.equal(timestamp({ SOURCE_DATE_EPOCH: '9'.repeat(30) }, now), '2030-05-06T07:08:09.123Z', 'an out-of-range epoch falls back to the clock');
  });

  it('keeps yarn.lock nested maps (classic and berry) without changing fields', () => {
    const classic = 'a@^1:\n  version "1.0.0"\n  dependencies:\n    "@s/b" "^2"\n    constructor "1.0.0"\n  optionalDependencies:\n    c "~3"\n';
    const r = parseYarnLock(classic, new LineIndex(classic));
    assert.ok(r.ok);
    if (!r.ok) return;
    const e = r.model.entries[0]!;
    assert.deepEqual(Object.keys(e.fields), ['version']);
    assert.deepEqual({ ...e.maps.dependencies!.values }, { '@s/b': '^2', constructor: '1.0.0' });
    assert.deepEqual({ ...e.maps.optionalDependencies!.values }, { c: '~3' });
    const berry = '__metadata:\n  version: 8\n\n"a@npm:^1":\n  version: 1.0.0\n  dependencies:\n    fsevents: "npm:^2"\n  dependenciesMeta:\n    fsevents:\n      optional: true\n  checksum: 10c0/x\n';
    const b = parseYarnLock(berry, new LineIndex(berry));
    assert.ok(b.ok);
    if (!b.ok) return;
    const be = b.model.entries[0]!;
    assert.equal(be.fields.checksum!.value, '10c0/x', 'a field after a nested map is still a field');
    assert.equal(be.maps.dependencies!.values.fsevents, 'npm:^2');
    assert.equal(be.maps.dependenciesMeta!.maps.fsevents!.values.optional, 'true');
    assert.equal(Object.getPrototypeOf(be.maps.dependencies!.values), null, 'maps have no prototype');
  });

  it('catches an invalid document (the validator is not a no-op)', () => {
    const validate = schemaValidator();
    assert.equal(validate({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'x', hashes: [{ alg: 'SHA-512', content: 'zz' }] }] }), false);
  });
});

describe('SBOM from npm lockfiles', () => {
  it('package-lock v3 with workspaces: nested copies, scopes, licences, aliases and projects', async () => {
    const m = await fixture('npm-workspaces');
    const lock = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'npm-workspaces/package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; name?: string; link?: boolean }> };
    // Every installed entry is a component with its purl and its SHA-512 (as hex).
    for (const [key, e] of Object.entries(lock.packages)) {
      if (!key.includes('node_modules/') || e.link) continue;
      const name = e.name ?? key.slice(key.lastIndexOf('node_modules/') + 13);
      const ref = purl({ type: 'npm', name, version: e.version! })!;
      assert.equal(m.c(ref).purl, ref);
      assert.equal(hashOf(m.c(ref), 'SHA-512'), npmSha512(`${name}@${e.version}`), ref);
    }
    assert.equal(hashOf(m.c('pkg:npm/left-pad@1.3.0'), 'SHA-1'), sha('sha1', 'left-pad@1.3.0'), 'every algorithm of a multi-hash integrity');
    // router's `ms` is the copy nested under it; debug's is the hoisted one.
    assert.deepEqual(m.dependsOn('pkg:npm/router@1.3.8'), ['pkg:npm/debug@2.6.9', 'pkg:npm/ms@2.0.0']);
    assert.deepEqual(m.dependsOn('pkg:npm/debug@2.6.9'), ['pkg:npm/ms@2.1.3']);
    // Scopes: dev-only -> excluded (and flagged), optional -> optional, the rest required.
    assert.equal(m.c('pkg:npm/test-runner@9.1.0').scope, 'excluded');
    assert.equal(prop(m.c('pkg:npm/test-runner@9.1.0'), 'cdx:npm:package:development'), 'true');
    assert.equal(m.c('pkg:npm/%40types/node@20.11.5').scope, 'excluded');
    assert.equal(m.c('pkg:npm/fsevents@2.3.3').scope, 'optional');
    assert.equal(m.c('pkg:npm/ms@2.1.3').scope, 'required', 'required anywhere wins over dev');
    assert.equal(prop(m.c('pkg:npm/ms@2.1.3'), 'cdx:npm:package:development'), undefined);
    // Aliases are listed as the real package; scoped names get a group.
    assert.equal(m.c('pkg:npm/string-width@4.2.3').name, 'string-width');
    assert.deepEqual([m.c('pkg:npm/%40types/node@20.11.5').group, m.c('pkg:npm/%40types/node@20.11.5').name], ['@types', 'node']);
    // Licences: SPDX ids in canonical case, free text as a name.
    assert.deepEqual(licence(m.c('pkg:npm/ms@2.1.3')), { id: 'MIT' });
    assert.deepEqual(licence(m.c('pkg:npm/left-pad@1.3.0')), { id: 'WTFPL' });
    assert.deepEqual(licence(m.c('pkg:npm/test-runner@9.1.0')), { name: 'SEE LICENSE IN LICENSE.md' });
    // Workspaces are projects of their own under the root, linked by their dependants.
    const root = m.bom.metadata.component;
    assert.deepEqual([root['bom-ref'], root.type, root.name, root.version, root.purl], ['project:.', 'application', 'shop', '1.4.0', 'pkg:npm/shop@1.4.0']);
    assert.deepEqual([m.c('project:packages/lib').type, m.c('project:packages/lib').purl], ['library', 'pkg:npm/%40shop/lib@2.0.0']);
    assert.deepEqual(licence(m.c('project:packages/lib')), { id: 'MIT' }, "a project's licence from its manifest");
    assert.equal(m.c('project:packages/web').type, 'application', 'a private workspace is an application');
    assert.deepEqual(m.dependsOn('project:packages/web'), ['pkg:npm/router@1.3.8', 'pkg:npm/string-width@4.2.3', 'project:packages/lib']);
    assert.deepEqual(m.dependsOn('project:packages/lib'), ['pkg:npm/ms@2.1.3']);
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:npm/fsevents@2.3.3', 'pkg:npm/left-pad@1.3.0', 'pkg:npm/router@1.3.8', 'pkg:npm/test-runner@9.1.0', 'project:packages/lib', 'project:packages/web']);
    // Metadata: the tool, the pre-build lifecycle (read from lockfiles before any build), the timestamp.
    assert.equal(m.bom.metadata.timestamp, WHEN);
    assert.deepEqual(m.bom.metadata.lifecycles, [{ phase: 'pre-build' }]);
    assert.deepEqual(m.bom.metadata.tools?.components?.map((t) => [t.name, t.version]), [['kamae', '0.0.0-test']]);
    assert.equal(m.bom.compositions, undefined, 'npm lockfiles record every dependency');
  });

  it('package-lock v2 reads `packages` (not the v1 copy): git sources, licences, scopes', async () => {
    const m = await fixture('npm-v2');
    const git = 'pkg:npm/gitdep@1.0.0?vcs_url=git%2Bssh://github.com/example/gitdep.git%400123456789abcdef0123456789abcdef01234567';
    assert.equal(m.c(git).hashes, undefined, 'a git dependency has a commit, not a hash');
    assert.deepEqual(licence(m.c(git)), { expression: '(MIT OR Apache-2.0)' });
    assert.deepEqual(licence(m.c('pkg:npm/lint@1.2.0')), { name: 'BSD' });
    assert.equal(m.c('pkg:npm/lint@1.2.0').scope, 'excluded');
    assert.equal(m.c('pkg:npm/has-flag@4.0.0').scope, 'required');
    assert.deepEqual(m.dependsOn('pkg:npm/chalk@4.1.2'), ['pkg:npm/supports-color@7.2.0']);
    assert.deepEqual(m.dependsOn('pkg:npm/lint@1.2.0'), ['pkg:npm/has-flag@4.0.0']);
    assert.equal(m.bom.components.length, 5);
    assert.deepEqual(licence(m.bom.metadata.component), { id: 'Apache-2.0' }, "the root's licence from package.json");
  });

  it('package-lock v1: nested dependencies resolve to the nearest copy; aliases, git and flags', async () => {
    const m = await fixture('npm-v1');
    assert.deepEqual(m.dependsOn('pkg:npm/express@4.16.4'), ['pkg:npm/cookie@0.3.1', 'pkg:npm/debug@2.6.9'], 'express gets its nested debug, not the top-level one');
    assert.deepEqual(m.dependsOn('pkg:npm/debug@2.6.9'), ['pkg:npm/ms@2.0.0'], 'a nested package finds its sibling');
    assert.deepEqual(m.dependsOn('pkg:npm/mocha@5.2.0'), ['pkg:npm/debug@3.2.6']);
    assert.equal(m.c('pkg:npm/debug@2.6.9').scope, 'required');
    assert.equal(m.c('pkg:npm/debug@3.2.6').scope, 'excluded');
    assert.equal(m.c('pkg:npm/fsevents@1.2.13').scope, 'optional');
    assert.deepEqual(m.c('pkg:npm/cookie@0.3.1').hashes, [{ alg: 'SHA-1', content: sha('sha1', 'cookie@0.3.1') }]);
    assert.equal(hashOf(m.c('pkg:npm/strip-ansi@6.0.1'), 'SHA-512'), npmSha512('strip-ansi@6.0.1'));
    const git = m.bom.components.find((c) => c.name === 'gitdep')!;
    assert.equal(git.version, '89abcdef0123456789abcdef0123456789abcdef');
    assert.match(git.purl!, /\?vcs_url=git%2Bhttps:\/\/github\.com\/example\/gitdep%4089abcdef/);
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:npm/express@4.16.4', 'pkg:npm/fsevents@1.2.13', git['bom-ref'], 'pkg:npm/mocha@5.2.0', 'pkg:npm/strip-ansi@6.0.1']);
  });

  it('yarn.lock classic: descriptors, workspaces from package.json, SHA-1 from the tarball URL', async () => {
    const m = await fixture('yarn-classic');
    for (const [name, version] of [['@babel/runtime', '7.23.9'], ['lodash', '4.17.21'], ['wrap-ansi', '7.0.0'], ['regenerator-runtime', '0.14.1'], ['jest-lite', '1.4.0'], ['fsevents', '2.3.3']] as const) {
      const c = m.c(purl({ type: 'npm', name, version })!);
      assert.equal(hashOf(c, 'SHA-512'), npmSha512(`${name}@${version}`), name);
      assert.equal(hashOf(c, 'SHA-1'), sha('sha1', `${name}@${version}`), `${name}: the #sha1 fragment of resolved`);
    }
    assert.deepEqual(m.c('pkg:npm/ms@2.1.3').hashes, [{ alg: 'SHA-1', content: sha('sha1', 'ms@2.1.3') }], 'no integrity: the URL fragment only');
    assert.deepEqual(m.dependsOn('pkg:npm/%40babel/runtime@7.23.9'), ['pkg:npm/regenerator-runtime@0.14.1']);
    assert.deepEqual(m.dependsOn('pkg:npm/jest-lite@1.4.0'), ['pkg:npm/fsevents@2.3.3', 'pkg:npm/ms@2.1.3']);
    assert.equal(m.c('pkg:npm/jest-lite@1.4.0').scope, 'excluded');
    assert.equal(m.c('pkg:npm/fsevents@2.3.3').scope, 'optional');
    assert.equal(m.c('pkg:npm/ms@2.1.3').scope, 'required', 'used by the core workspace');
    assert.equal(m.c('project:packages/ui').type, 'library');
    assert.equal(m.c('project:packages/core').type, 'application');
    assert.deepEqual(m.dependsOn('project:packages/ui'), ['pkg:npm/lodash@4.17.21', 'project:packages/core']);
    assert.ok(m.dependsOn('project:.').includes('pkg:npm/wrap-ansi@7.0.0'), 'the alias `wrap` is wrap-ansi');
  });

  it('yarn.lock berry: workspaces from the lockfile, dependenciesMeta, git sources; checksums are not component hashes', async () => {
    const m = await fixture('yarn-berry');
    assert.deepEqual(
      m.bom.components.map((c) => c['bom-ref']),
      ['pkg:npm/fsevents@2.3.3', 'pkg:npm/js-tokens@4.0.0', 'pkg:npm/loose-envify@1.4.0', 'pkg:npm/pkg-from-git@1.2.0?vcs_url=git%2Bhttps://github.com/example/pkg-from-git.git%404f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', 'pkg:npm/react@18.2.0', 'pkg:npm/typescript@5.3.3', 'project:packages/util'],
      'the patched typescript entry is the same package',
    );
    assert.ok(m.bom.components.every((c) => c.hashes === undefined), 'berry checksums hash yarn cache archives, not published files');
    assert.equal(m.c('pkg:npm/typescript@5.3.3').scope, 'excluded', 'a devDependency of the root workspace');
    assert.equal(m.c('pkg:npm/fsevents@2.3.3').scope, 'optional');
    assert.deepEqual(m.dependsOn('pkg:npm/react@18.2.0'), ['pkg:npm/loose-envify@1.4.0']);
    assert.deepEqual(m.dependsOn('pkg:npm/loose-envify@1.4.0'), ['pkg:npm/js-tokens@4.0.0']);
    assert.deepEqual(m.dependsOn('project:packages/util'), ['pkg:npm/fsevents@2.3.3', 'pkg:npm/loose-envify@1.4.0']);
    assert.ok(m.dependsOn('project:.').includes('project:packages/util'));
  });

  it('pnpm-lock v6: importers, /name@version keys with peer suffixes, dev and optional flags', async () => {
    const m = await fixture('pnpm-v6');
    for (const [name, version] of [['react', '18.2.0'], ['react-dom', '18.2.0'], ['scheduler', '0.23.0'], ['loose-envify', '1.4.0'], ['js-tokens', '4.0.0'], ['vitest-lite', '1.0.2'], ['tinyspy', '2.2.0'], ['fsevents', '2.3.3']] as const) {
      assert.equal(hashOf(m.c(purl({ type: 'npm', name, version })!), 'SHA-512'), npmSha512(`${name}@${version}`), name);
    }
    assert.deepEqual(m.dependsOn('pkg:npm/react-dom@18.2.0'), ['pkg:npm/loose-envify@1.4.0', 'pkg:npm/react@18.2.0', 'pkg:npm/scheduler@0.23.0']);
    assert.equal(m.c('pkg:npm/tinyspy@2.2.0').scope, 'excluded');
    assert.equal(m.c('pkg:npm/fsevents@2.3.3').scope, 'optional');
    assert.equal(m.c('pkg:npm/react@18.2.0').scope, 'required');
    assert.deepEqual(m.dependsOn('project:packages/kit'), ['pkg:npm/fsevents@2.3.3', 'pkg:npm/react@18.2.0']);
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:npm/react-dom@18.2.0', 'pkg:npm/vitest-lite@1.0.2', 'project:packages/kit']);
  });

  it('pnpm-lock v9: snapshots and packages, aliases, workspace links, scopes from the graph', async () => {
    const m = await fixture('pnpm-v9');
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:npm/%40types/semver@7.5.6', 'pkg:npm/semver@7.5.4', 'pkg:npm/wrap-ansi@7.0.0', 'project:libs/shared']);
    assert.deepEqual(m.dependsOn('pkg:npm/semver@7.5.4'), ['pkg:npm/lru-cache@6.0.0']);
    assert.deepEqual(m.dependsOn('pkg:npm/lru-cache@6.0.0'), ['pkg:npm/yallist@4.0.0']);
    assert.deepEqual(m.dependsOn('project:libs/shared'), ['pkg:npm/lru-cache@6.0.0']);
    assert.equal(m.c('pkg:npm/%40types/semver@7.5.6').scope, 'excluded');
    assert.equal(m.c('pkg:npm/yallist@4.0.0').scope, 'required');
    assert.equal(hashOf(m.c('pkg:npm/wrap-ansi@7.0.0'), 'SHA-512'), npmSha512('wrap-ansi@7.0.0'));
    assert.equal(m.c('project:libs/shared').purl, 'pkg:npm/%40pn9/shared@1.1.0');
  });
});

describe('SBOM from Python and Go lockfiles', () => {
  const fileHash = (file: string) => sha('sha256', file);

  it('poetry.lock: files as distributions with SHA-256, groups from pyproject, extras optional', async () => {
    const m = await fixture('poetry');
    const certifi = m.c('pkg:pypi/certifi@2024.2.2');
    assert.deepEqual(certifi.externalReferences, [
      { url: 'https://pypi.org/simple/certifi/#certifi-2024.2.2-py3-none-any.whl', type: 'distribution', hashes: [{ alg: 'SHA-256', content: fileHash('certifi-2024.2.2-py3-none-any.whl') }] },
      { url: 'https://pypi.org/simple/certifi/#certifi-2024.2.2.tar.gz', type: 'distribution', hashes: [{ alg: 'SHA-256', content: fileHash('certifi-2024.2.2.tar.gz') }] },
    ]);
    assert.equal(certifi.hashes, undefined, 'two files: no single component hash');
    assert.deepEqual(m.c('pkg:pypi/urllib3@2.2.1').hashes, [{ alg: 'SHA-256', content: fileHash('urllib3-2.2.1-py3-none-any.whl') }], 'one file: its hash is the component hash');
    assert.equal(m.c('pkg:pypi/pyyaml@6.0.1').name, 'PyYAML');
    assert.equal(m.c('pkg:pypi/pyyaml@6.0.1').scope, 'optional');
    assert.equal(m.c('pkg:pypi/pytest@8.0.2').scope, 'excluded');
    assert.equal(m.c('pkg:pypi/iniconfig@2.0.0').scope, 'excluded');
    assert.equal(m.c('pkg:pypi/requests@2.31.0').scope, 'required');
    assert.deepEqual(m.dependsOn('pkg:pypi/requests@2.31.0'), ['pkg:pypi/certifi@2024.2.2', 'pkg:pypi/urllib3@2.2.1']);
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:pypi/pytest@8.0.2', 'pkg:pypi/pyyaml@6.0.1', 'pkg:pypi/requests@2.31.0']);
    assert.equal(m.bom.metadata.component.purl, 'pkg:pypi/weather-api@0.4.0');
  });

  it('uv.lock: the editable root project, dev groups, optional extras, sdist and wheel URLs', async () => {
    const m = await fixture('uv');
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:pypi/httpx@0.27.0', 'pkg:pypi/ruff@0.3.4', 'pkg:pypi/typing-extensions@4.10.0']);
    assert.deepEqual(m.dependsOn('pkg:pypi/httpx@0.27.0'), ['pkg:pypi/anyio@4.3.0', 'pkg:pypi/h2@4.1.0', 'pkg:pypi/idna@3.6']);
    assert.equal(m.c('pkg:pypi/h2@4.1.0').scope, 'optional', 'only through an extra');
    assert.equal(m.c('pkg:pypi/ruff@0.3.4').scope, 'excluded');
    assert.equal(m.c('pkg:pypi/idna@3.6').scope, 'required');
    assert.deepEqual(
      m.c('pkg:pypi/idna@3.6').externalReferences?.map((r) => [r.url, r.hashes?.[0]?.content]),
      [
        ['https://files.pythonhosted.org/packages/bf/3f/idna-3.6.tar.gz', fileHash('idna-3.6.tar.gz')],
        ['https://files.pythonhosted.org/packages/c2/e7/idna-3.6-py3-none-any.whl', fileHash('idna-3.6-py3-none-any.whl')],
      ],
    );
    assert.deepEqual(m.c('pkg:pypi/ruff@0.3.4').hashes, [{ alg: 'SHA-256', content: fileHash('ruff-0.3.4.tar.gz') }]);
  });

  it('Pipfile.lock: default and develop sections; no graph, so dependencies are declared unknown', async () => {
    const m = await fixture('pipfile');
    assert.equal(m.c('pkg:pypi/black@24.2.0').scope, 'excluded');
    assert.equal(m.c('pkg:pypi/click@8.1.7').scope, 'required', 'in default and develop');
    assert.equal(m.c('pkg:pypi/flask@3.0.2').externalReferences?.length, 2);
    assert.deepEqual(m.c('pkg:pypi/werkzeug@3.0.1').hashes, [{ alg: 'SHA-256', content: sha('sha256', 'werkzeug-whl') }]);
    assert.equal(m.c('pkg:pypi/werkzeug@3.0.1').externalReferences?.[0]?.url, `https://pypi.org/simple/werkzeug/#sha256=${sha('sha256', 'werkzeug-whl')}`);
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:pypi/black@24.2.0', 'pkg:pypi/flask@3.0.2'], 'the Pipfile names the direct dependencies');
    assert.equal(m.deps.has('pkg:pypi/werkzeug@3.0.1'), false, 'no entry claims werkzeug depends on nothing');
    assert.deepEqual(m.bom.compositions, [{ aggregate: 'unknown', dependencies: ['pkg:pypi/black@24.2.0', 'pkg:pypi/click@8.1.7', 'pkg:pypi/flask@3.0.2', 'pkg:pypi/werkzeug@3.0.1'] }]);
  });

  it('requirements files pinned with ==: --hash values, dev files excluded, unpinned lines noted', async () => {
    const m = await fixture('requirements');
    const django = m.c('pkg:pypi/django@5.0.3');
    assert.equal(django.scope, 'required', 'pinned in requirements.txt and requirements-dev.txt');
    assert.deepEqual(django.externalReferences?.map((r) => r.hashes?.[0]?.content).sort(), [fileHash('Django-5.0.3-py3-none-any.whl'), fileHash('Django-5.0.3.tar.gz')].sort());
    assert.deepEqual(m.c('pkg:pypi/asgiref@3.7.2').hashes, [{ alg: 'SHA-256', content: fileHash('asgiref-3.7.2-py3-none-any.whl') }]);
    assert.equal(m.c('pkg:pypi/pytest-django@4.8.0').scope, 'excluded');
    assert.ok(!m.bom.components.some((c) => c.name === 'gunicorn'), 'an unpinned requirement has no version to list');
    assert.equal(m.inv.notes.length, 1);
    assert.match(m.inv.notes[0]!.en, /requirements\.txt: 1 requirement\(s\) are not pinned/);
  });

  it('go.mod and go.sum: h1 hashes as SHA-256, replacements, indirect modules, local modules as projects', async () => {
    const m = await fixture('go');
    const h1 = (s: string) => sha('sha256', s);
    assert.deepEqual(m.c('pkg:golang/github.com/BurntSushi/toml@v1.3.2').hashes, [{ alg: 'SHA-256', content: h1('toml@v1.3.2') }], 'module paths keep their case');
    assert.deepEqual(m.c('pkg:golang/github.com/example/yaml@v3.0.2-fork.1').hashes, [{ alg: 'SHA-256', content: h1('yaml@v3.0.2-fork.1') }], 'the replacement, not gopkg.in/yaml.v3');
    assert.ok(!m.byRef.has('pkg:golang/gopkg.in/yaml.v3@v3.0.1'));
    assert.equal(m.c('pkg:golang/golang.org/x/sys@v0.18.0').scope, 'required');
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:golang/github.com/BurntSushi/toml@v1.3.2', 'pkg:golang/github.com/example/yaml@v3.0.2-fork.1', 'pkg:golang/github.com/google/uuid@v1.6.0', 'project:tools/localtool']);
    assert.equal(m.bom.metadata.component.name, 'github.com/example/inventory');
    assert.equal(m.c('project:tools/localtool').name, 'github.com/example/localtool');
    assert.ok(m.bom.compositions?.[0]?.dependencies?.includes('pkg:golang/golang.org/x/sys@v0.18.0'));
  });
});

describe('SBOM of a monorepo', () => {
  it('merges lockfiles: one component per purl, required if required anywhere, a project per folder', async () => {
    const m = await fixture('monorepo');
    assert.equal(m.bom.components.filter((c) => c.purl === 'pkg:npm/ms@2.1.3').length, 1);
    assert.equal(m.c('pkg:npm/ms@2.1.3').scope, 'required', 'dev at the root, required by the worker');
    assert.equal(m.c('pkg:npm/prettier@3.2.5').scope, 'excluded');
    assert.deepEqual(m.dependsOn('pkg:npm/debug@4.3.4'), ['pkg:npm/ms@2.1.2']);
    assert.deepEqual(m.dependsOn('project:.'), ['pkg:npm/ms@2.1.3', 'pkg:npm/prettier@3.2.5', 'project:services/api', 'project:services/gateway', 'project:services/ml', 'project:services/worker']);
    assert.deepEqual(m.dependsOn('project:services/worker'), ['pkg:npm/ms@2.1.3']);
    assert.deepEqual(m.dependsOn('project:services/ml'), ['pkg:pypi/numpy@1.26.4']);
    assert.deepEqual(m.dependsOn('project:services/gateway'), ['pkg:golang/github.com/google/uuid@v1.6.0']);
    assert.equal(m.c('project:services/api').group, '@platform');
    assert.ok(!m.bom.components.some((c) => c.name === 'left-pad'), 'lockfiles under test fixtures are not shipped');
    // Author and supplier from .kamae.yaml (NTIA minimum elements).
    assert.deepEqual(m.bom.metadata.authors, [{ name: 'Platform Team', email: 'platform@example.com' }]);
    assert.deepEqual(m.bom.metadata.supplier, { name: 'Example Corp' });
    assert.deepEqual(m.bom.metadata.component.supplier, { name: 'Example Corp' });
    assert.deepEqual(m.inv.files.map((f) => `${f.path} ${f.status}`), [
      'package-lock.json evaluated',
      'services/api/package-lock.json evaluated',
      'services/gateway/go.mod evaluated',
      'services/ml/requirements.txt evaluated',
      'services/worker/package-lock.json evaluated',
    ]);
  });

  it('gives the same bytes for the same tree and time, and a new serial number for a new time', async () => {
    const a = await fixture('monorepo');
    const b = await fixture('monorepo');
    assert.equal(a.text, b.text);
    assert.match(a.bom.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const later = toCycloneDx(a.inv, { timestamp: '2026-02-01T00:00:00.000Z', tool: TOOL });
    assert.notEqual((JSON.parse(later) as CdxBom).serialNumber, a.bom.serialNumber);
    const refs = a.bom.components.map((c) => c['bom-ref']);
    assert.deepEqual(refs, [...refs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), 'components in code-point order');
    const deps = (a.bom.dependencies ?? []).map((d) => d.ref);
    assert.deepEqual(deps, [...deps].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });
});

describe('SBOM against the minimum-elements rule', () => {
  it('has every NTIA element the lockfiles can give; only the per-component supplier is missing', async () => {
    const m = await fixture('npm-workspaces');
    const report = await analyzeMemory({ 'sbom.cdx.json': m.text }, catalogOf(rule('repo/sbom-missing-minimum-elements')));
    assert.deepEqual(
      report.findings.map((f) => [f.messageId, f.message.en]),
      [['supplier', `${m.bom.components.length} of ${m.bom.components.length} components have no supplier (or only NOASSERTION), one of the NTIA minimum elements`]],
    );
  });
});

describe('SBOM edge cases', () => {
  it('prefers npm-shrinkwrap.json, reports unreadable lockfiles, and still writes a valid SBOM', async () => {
    const lock = (v: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { a: '*' } }, 'node_modules/a': { version: v } } });
    const m = await memory({ 'package-lock.json': lock('1.0.0'), 'npm-shrinkwrap.json': lock('2.0.0'), 'web/package-lock.json': '{ "lockfileVersion": 3, "packages": ', 'py/poetry.lock': '[[package]\n' });
    assert.deepEqual(m.bom.components.filter((c) => c.name === 'a').map((c) => c.version), ['2.0.0']);
    const status = Object.fromEntries(m.inv.files.map((f) => [f.path, f.status]));
    assert.deepEqual(status, { 'npm-shrinkwrap.json': 'evaluated', 'package-lock.json': 'skipped', 'py/poetry.lock': 'not-evaluated', 'web/package-lock.json': 'not-evaluated' });
  });

  it('never throws on lockfiles of the wrong shape', async () => {
    const m = await memory({
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': null, 'node_modules/x': { version: 7, dependencies: ['y'], integrity: 12, license: { type: 'MIT' } }, 'node_modules/constructor': { version: '1.0.0' } } }),
      'a/package-lock.json': JSON.stringify({ dependencies: { q: { version: 'npm:', requires: 'no' }, r: 'x' } }),
      'b/yarn.lock': 'junk:\n  dependencies:\n    :\n    "unterminated\n',
      'c/pnpm-lock.yaml': 'lockfileVersion: 9\nimporters: [1, 2]\npackages: { "x@1": 3 }\nsnapshots: null\n',
      'd/poetry.lock': '[[package]]\nname = 7\n\n[[package]]\nname = "ok"\nversion = "1"\nfiles = "no"\ndependencies = 3\n',
      'e/uv.lock': 'version = 1\n[[package]]\nname = "u"\nsource = "weird"\ndependencies = [1, { name = 2 }]\n',
      'f/Pipfile.lock': JSON.stringify({ default: { z: { version: 3, hashes: 'x' } }, develop: [] }),
      'g/go.mod': 'module x\nrequire y\n',
      'h/requirements.txt': '-e .\n--hash=sha256:zz\nname @ ./local\n',
    });
    assert.ok(m.byRef.has('pkg:npm/constructor@1.0.0'));
    assert.deepEqual(licence(m.c('pkg:npm/x')), { id: 'MIT' }, 'an old {type} licence object');
    assert.ok(m.byRef.has('pkg:pypi/ok@1'));
  });

  it('lists only the repository when it finds no lockfile, and says so', async () => {
    const m = await memory({ 'README.md': '# x\n' }, 'empty-repo');
    assert.equal(m.bom.metadata.component.name, 'empty-repo');
    assert.deepEqual(m.bom.components, []);
    assert.match(m.inv.notes[0]!.en, /no lockfile was found/);
  });

  it('reads poetry 2 `groups`, pnpm v5 keys and .kamae.yaml ignores', async () => {
    const m = await memory({
      'poetry.lock': '[[package]]\nname = "a"\nversion = "1"\ngroups = ["main"]\n[package.dependencies]\nb = "*"\n\n[[package]]\nname = "b"\nversion = "2"\ngroups = ["main", "dev"]\n\n[[package]]\nname = "c"\nversion = "3"\ngroups = ["dev"]\n\n[metadata]\nlock-version = "2.1"\n',
      'js/pnpm-lock.yaml': `lockfileVersion: 5.4\nspecifiers:\n  x: ^1.0.0\ndependencies:\n  x: 1.0.0_y@2.0.0\ndevDependencies:\n  '@s/y': 2.0.0\npackages:\n  /x/1.0.0_y@2.0.0:\n    resolution: {integrity: sha512-${createHash('sha512').update('x@1.0.0').digest('base64')}}\n    dependencies:\n      '@s/y': 2.0.0\n    dev: false\n  /@s/y/2.0.0:\n    resolution: {integrity: sha512-${createHash('sha512').update('@s/y@2.0.0').digest('base64')}}\n`,
      'vendored/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/ignored': { version: '1.0.0' } } }),
      '.kamae.yaml': 'ignore:\n  - vendored/\nsbom:\n  author: Release Bot\n',
    });
    assert.equal(m.c('pkg:pypi/a@1').scope, 'required');
    assert.equal(m.c('pkg:pypi/b@2').scope, 'required');
    assert.equal(m.c('pkg:pypi/c@3').scope, 'excluded');
    assert.equal(hashOf(m.c('pkg:npm/x@1.0.0'), 'SHA-512'), npmSha512('x@1.0.0'));
    assert.deepEqual(m.dependsOn('pkg:npm/x@1.0.0'), ['pkg:npm/%40s/y@2.0.0']);
    assert.equal(m.c('pkg:npm/%40s/y@2.0.0').scope, 'required', 'x needs it at run time, though the root lists it as dev');
    assert.ok(!m.byRef.has('pkg:npm/ignored@1.0.0'));
    assert.deepEqual(m.bom.metadata.authors, [{ name: 'Release Bot' }]);
    assert.equal(m.bom.metadata.supplier, undefined);
  });
});

describe('kamae sbom (CLI)', function () {
  this.timeout(120_000);
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const kamae = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run the build first`));

  it('writes schema-valid CycloneDX 1.6 with every package-lock.json package, its purl and SHA-512', async () => {
    const dir = path.join(FIXTURES, 'npm-workspaces');
    const r = kamae(['sbom', dir], { SOURCE_DATE_EPOCH: EPOCH });
    assert.equal(r.code, 0, r.stderr);
    const bom = await assertValidCycloneDx(r.stdout, 'kamae sbom output');
    assert.equal(bom.specVersion, '1.6');
    assert.equal(bom.metadata.timestamp, WHEN);
    assert.match(r.stderr, /set sbom\.author and sbom\.supplier in \.kamae\.yaml/);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; name?: string; link?: boolean }> };
    let n = 0;
    for (const [key, e] of Object.entries(lock.packages)) {
      if (!key.includes('node_modules/') || e.link) continue;
      const name = e.name ?? key.slice(key.lastIndexOf('node_modules/') + 13);
      const c = bom.components.find((x) => x.purl === purl({ type: 'npm', name, version: e.version! }));
      assert.ok(c, key);
      assert.equal(hashOf(c, 'SHA-512'), npmSha512(`${name}@${e.version}`), key);
      n++;
    }
    assert.equal(n, 9);
  });

  it('writes --output (and nothing to stdout), the same bytes each run with SOURCE_DATE_EPOCH', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-sbom-'));
    made.push(out);
    const a = path.join(out, 'nested', 'a.cdx.json');
    const b = path.join(out, 'b.cdx.json');
    const ra = kamae(['sbom', path.join(FIXTURES, 'monorepo'), '--output', a], { SOURCE_DATE_EPOCH: EPOCH });
    const rb = kamae(['sbom', path.join(FIXTURES, 'monorepo'), '-o', b], { SOURCE_DATE_EPOCH: EPOCH });
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    assert.equal(ra.stdout, '');
    assert.match(ra.stderr, /wrote .*a\.cdx\.json: 10 components from 5 lockfiles/);
    assert.doesNotMatch(ra.stderr, /sbom\.author/, 'the monorepo fixture configures both');
    assert.equal(fs.readFileSync(a, 'utf8'), fs.readFileSync(b, 'utf8'));
    await assertValidCycloneDx(fs.readFileSync(a, 'utf8'), 'monorepo via CLI');
    // Without SOURCE_DATE_EPOCH the clock gives the timestamp.
    const now = kamae(['sbom', path.join(FIXTURES, 'go')], { SOURCE_DATE_EPOCH: '' });
    assert.equal(now.code, 0);
    const ts = Date.parse((JSON.parse(now.stdout) as CdxBom).metadata.timestamp);
    assert.ok(Math.abs(ts - Date.now()) < 10 * 60_000, 'a current timestamp');
  });

  it('exits 2 on usage errors and lists sbom in the help', () => {
    const cases: [string[], RegExp][] = [
      [['sbom', '--format', 'json'], /sbom does not take --format/],
      [['sbom', '--lang', 'ja'], /sbom does not take --lang/],
      [['sbom', 'a', 'b'], /sbom takes one PATH/],
      [['sbom', path.join(os.tmpdir(), 'kamae-no-such-dir')], /no such file or directory/],
      [['sbom', '--output'], /argument missing|--output/],
    ];
    for (const [args, msg] of cases) {
      const r = kamae(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, msg, args.join(' '));
    }
    assert.match(kamae(['help']).stdout, /sbom \[PATH\] +Write a CycloneDX 1\.6 JSON SBOM/);
  });

  it('warns about lockfiles it cannot read and still exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamae-sbom-bad-'));
    made.push(dir);
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, ');
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask>=3\n');
    const r = kamae(['sbom', dir]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /package-lock\.json: not read: JSON syntax error/);
    assert.match(r.stderr, /requirements\.txt: 1 requirement\(s\) are not pinned/);
    await assertValidCycloneDx(r.stdout, 'SBOM of a repository with a broken lockfile');
  });
});
