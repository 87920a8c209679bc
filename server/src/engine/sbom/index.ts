// `kamae sbom`: the inventory of a repository's locked dependencies, and its CycloneDX rendering.
// Not re-exported from the engine's index: only the CLI needs it, and the CycloneDX library it pulls
// in stays out of the language server's bundle.
export { inventoryFromRepo, type InventoryOptions } from './inventory';
export { toCycloneDx, serialNumber, type CycloneDxOptions } from './cyclonedx';
export { mergeGraphs, deriveScopes, projectRef, type ProjectInfo } from './merge';
export { purl, normalisePypiName } from './purl';
export { classifyLicense, type LicenseChoice } from './spdx';
export { sriHashes, base64ToHex } from './hashes';
export type * from './model';
