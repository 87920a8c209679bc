// Inventory -> CycloneDX 1.6 JSON, through @cyclonedx/cyclonedx-library's models and JSON normaliser.
// The output is deterministic: lists are built in code-point order (not the library's locale-aware
// sort), bom-refs are purls or project folders, and the serial number is a UUID derived from the
// document itself, so the same tree and timestamp give the same bytes.
//
// What the document holds, by the NTIA / METI minimum elements and CISA's 2026 additions:
//   supplier           metadata.supplier and the root's supplier (`sbom.supplier` in .kamae.yaml)
//   name, version, id  each component's name, version and purl
//   relationships      `dependencies`; components whose own dependencies no lockfile records are
//                      left out of it and listed in a composition with aggregate "unknown"
//   author, timestamp  metadata.authors (`sbom.author`), metadata.timestamp
//   hash, licence      component hashes (lockfile integrity) and licences (where the lockfile has them)
//   tool, context      metadata.tools (Kamae), metadata.lifecycles: pre-build (read from lockfiles
//                      and manifests before any build)
import { createHash } from 'node:crypto';
import { ComponentScope, ComponentType, ExternalReferenceType, HashAlgorithm, LifecyclePhase } from '@cyclonedx/cyclonedx-library/Enums';
import { Bom, Component, ExternalReference, HashDictionary, LicenseExpression, NamedLicense, OrganizationalContact, OrganizationalEntity, Property, SpdxLicense } from '@cyclonedx/cyclonedx-library/Models';
import { JSON as CdxJson } from '@cyclonedx/cyclonedx-library/Serialize';
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec';
import type { Hash, Inventory, InventoryComponent } from './model';
import { classifyLicense } from './spdx';

export interface CycloneDxOptions {
  /** ISO 8601 date-time of generation; the adapter reads the clock (or SOURCE_DATE_EPOCH). */
  readonly timestamp: string;
  readonly tool: { readonly name: string; readonly version: string; readonly url?: string };
}

const SERIAL_PLACEHOLDER = 'urn:uuid:00000000-0000-0000-0000-000000000000';
const HASH_ALG: Record<Hash['alg'], HashAlgorithm> = {
  'SHA-1': HashAlgorithm['SHA-1'],
  'SHA-256': HashAlgorithm['SHA-256'],
  'SHA-384': HashAlgorithm['SHA-384'],
  'SHA-512': HashAlgorithm['SHA-512'],
};
const SCOPE: Record<NonNullable<InventoryComponent['scope']>, ComponentScope> = {
  required: ComponentScope.Required,
  optional: ComponentScope.Optional,
  excluded: ComponentScope.Excluded,
};

export function toCycloneDx(inv: Inventory, options: CycloneDxOptions): string {
  const bom = new Bom();
  bom.version = 1;
  const meta = bom.metadata;
  const when = new Date(options.timestamp);
  if (!Number.isNaN(when.getTime())) meta.timestamp = when;
  meta.lifecycles.add(LifecyclePhase.PreBuild);
  const tool = new Component(ComponentType.Application, options.tool.name, { version: options.tool.version });
  if (options.tool.url) tool.externalReferences.add(new ExternalReference(options.tool.url, ExternalReferenceType.VCS));
  meta.tools.components.add(tool);
  if (inv.author) meta.authors.add(new OrganizationalContact(contact(inv.author)));
  const supplier = inv.supplier ? entity(inv.supplier) : undefined;
  if (supplier) meta.supplier = supplier;

  const byRef = new Map<string, Component>();
  const root = component(inv.root);
  if (supplier) root.supplier = supplier;
  meta.component = root;
  byRef.set(inv.root.ref, root);
  for (const c of inv.components) {
    const made = component(c);
    byRef.set(c.ref, made);
    bom.components.add(made);
  }
  for (const c of [inv.root, ...inv.components]) {
    const from = byRef.get(c.ref)!;
    for (const ref of c.dependsOn) {
      const to = byRef.get(ref);
      if (to) from.dependencies.add(to.bomRef);
    }
  }

  const doc = new CdxJson.Normalize.Factory(Spec1dot6).makeForBom().normalize(bom, { sortLists: false }) as unknown as Record<string, unknown>;
  // Only components whose dependencies some lockfile records get an entry in `dependencies`: an entry
  // with no dependsOn would claim "depends on nothing". The rest are declared unknown.
  const unknown = new Set([inv.root, ...inv.components].filter((c) => !c.depsKnown).map((c) => c.ref));
  // The normaliser lists the root first; every list here is in code-point order.
  doc.dependencies = ((doc.dependencies as { ref: string }[] | undefined) ?? []).filter((d) => !unknown.has(d.ref)).sort((a, b) => cmp(a.ref, b.ref));
  if (unknown.size > 0) doc.compositions = [{ aggregate: 'unknown', dependencies: [...unknown].sort(cmp) }];
  // The serial number is derived from the document written with a placeholder in its place (the
  // fifth key, so the first occurrence), which saves serialising a large SBOM twice.
  doc.serialNumber = SERIAL_PLACEHOLDER;
  const text = JSON.stringify(doc, null, 2);
  return `${text.replace(SERIAL_PLACEHOLDER, serialNumber(text))}\n`;
}

function component(c: InventoryComponent): Component {
  let name = c.name;
  let group: string | undefined;
  if (c.ecosystem === 'npm' && name.startsWith('@') && name.indexOf('/') > 1) {
    group = name.slice(0, name.indexOf('/'));
    name = name.slice(name.indexOf('/') + 1);
  }
  const hashes = new HashDictionary();
  for (const h of c.hashes) hashes.set(HASH_ALG[h.alg], h.content);
  const made = new Component(c.type === 'application' ? ComponentType.Application : ComponentType.Library, name, {
    bomRef: c.ref,
    ...(group ? { group } : {}),
    ...(c.version ? { version: c.version } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.scope ? { scope: SCOPE[c.scope] } : {}),
    hashes,
  });
  if (c.license) {
    const l = classifyLicense(c.license);
    made.licenses.add(l.kind === 'id' ? new SpdxLicense(l.id) : l.kind === 'expression' ? new LicenseExpression(l.expression) : new NamedLicense(l.name));
  }
  for (const d of c.distributions) {
    const ref = new ExternalReference(d.url, ExternalReferenceType.Distribution);
    ref.hashes.set(HASH_ALG[d.hash.alg], d.hash.content);
    made.externalReferences.add(ref);
  }
  if (c.kind === 'package' && c.ecosystem === 'npm' && c.scope === 'excluded') made.properties.add(new Property('cdx:npm:package:development', 'true'));
  return made;
}

/** `Name <mail@example.com>` or a plain name. */
function contact(text: string): { name?: string; email?: string } {
  const m = /^([^<]*)<([^>\s]+@[^>\s]+)>\s*$/.exec(text);
  if (!m) return { name: text };
  const name = m[1]!.trim();
  return { ...(name ? { name } : {}), email: m[2]! };
}

function entity(text: string): OrganizationalEntity {
  const c = contact(text);
  const e = new OrganizationalEntity({ name: c.name ?? c.email ?? text });
  if (c.email) e.contact.add(new OrganizationalContact({ email: c.email }));
  return e;
}

/**
 * urn:uuid from the SHA-1 of the document (RFC 4122 name-based layout: version 5, variant 10), so a
 * document's serial number changes exactly when its content (including its timestamp) does.
 */
export function serialNumber(content: string): string {
  const h = createHash('sha1').update(content, 'utf8').digest('hex').slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `urn:uuid:${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
