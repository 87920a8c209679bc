// Validates CycloneDX 1.6 JSON twice: with ajv against the schemas bundled in test/schemas/cyclonedx/
// (the $refs to the SPDX and JSF schemas resolved locally), and with @cyclonedx/cyclonedx-library's
// own strict validator, which reads the same schemas from the package, offline.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import addFormats2019 from 'ajv-formats-draft2019';
import { ROOT } from './repo';

const SCHEMAS = path.join(ROOT, 'test/schemas/cyclonedx');
let ajvValidate: ValidateFunction | undefined;
let strict: Validation.JsonStrictValidator | undefined;

function load(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as Record<string, unknown>;
}

export function schemaValidator(): ValidateFunction {
  if (!ajvValidate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    addFormats2019(ajv);
    // bom-1.6 refers to them relative to its $id (http://cyclonedx.org/schema/bom-1.6.schema.json).
    ajv.addSchema(load('spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json');
    ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json');
    ajvValidate = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
  }
  return ajvValidate;
}

/** Asserts that `text` is CycloneDX 1.6 JSON valid by both validators, and returns it parsed. */
export async function assertValidCycloneDx(text: string, what = 'SBOM'): Promise<CdxBom> {
  const bom = JSON.parse(text) as CdxBom;
  const validate = schemaValidator();
  assert.ok(validate(bom), `${what} fails the CycloneDX 1.6 schema: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  strict ??= new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  const errors = await strict.validate(text);
  assert.equal(errors, null, `${what} fails the library's strict validator: ${JSON.stringify(errors).slice(0, 1000)}`);
  return bom;
}

export interface CdxHash {
  alg: string;
  content: string;
}
export interface CdxComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref': string;
  purl?: string;
  scope?: string;
  hashes?: CdxHash[];
  licenses?: ({ license: { id?: string; name?: string } } | { expression: string })[];
  externalReferences?: { type: string; url: string; hashes?: CdxHash[] }[];
  properties?: { name: string; value: string }[];
  supplier?: { name?: string };
}
export interface CdxBom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    lifecycles?: { phase?: string }[];
    tools?: { components?: CdxComponent[] };
    authors?: { name?: string; email?: string }[];
    supplier?: { name?: string };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
  compositions?: { aggregate: string; dependencies?: string[] }[];
}
