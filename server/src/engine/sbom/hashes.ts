// Hashes as lockfiles write them, turned into CycloneDX algorithm names and hex:
//   Subresource Integrity (npm, yarn classic, pnpm): `sha512-<base64>`, several separated by spaces;
//   pip and poetry/uv: `sha256:<hex>`; go.sum: `h1:<base64>` (SHA-256).
import type { Hash, HashAlg } from './model';

const SRI_ALGS: Readonly<Record<string, HashAlg>> = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
const HEX_LENGTH: Readonly<Record<HashAlg, number>> = { 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 };
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard or URL-safe base64 to hex; undefined when the text is not base64. */
export function base64ToHex(s: string): string | undefined {
  const text = s.includes('-') || s.includes('_') ? s.replace(/-/g, '+').replace(/_/g, '/') : s;
  if (text.length === 0 || !BASE64.test(text)) return undefined;
  let bin: string;
  try {
    // The forgiving base64 decoder of the web platform (and Node) accepts missing padding.
    bin = atob(text);
  } catch {
    return undefined;
  }
  let out = '';
  for (let i = 0; i < bin.length; i++) out += HEX[bin.charCodeAt(i)]!;
  return out;
}

function checked(alg: HashAlg, hex: string | undefined, trusted = false): Hash | undefined {
  if (hex === undefined || hex.length !== HEX_LENGTH[alg]) return undefined;
  const content = trusted ? hex : hex.toLowerCase();
  return trusted || /^[0-9a-f]+$/.test(content) ? { alg, content } : undefined;
}

/** The hashes of an integrity string (`sha512-... sha1-...`); unknown algorithms and bad digests are left out. */
export function sriHashes(integrity: string | undefined): Hash[] {
  if (!integrity) return [];
  const out: Hash[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash < 0) continue;
    const alg = SRI_ALGS[token.slice(0, dash).toLowerCase()];
    if (!alg) continue;
    // SRI allows `?options` after the digest.
    const q = token.indexOf('?', dash);
    const h = checked(alg, base64ToHex(token.slice(dash + 1, q < 0 ? undefined : q)), true);
    if (h) out.push(h);
  }
  return out.length <= 1 ? out : mergeHashes(out);
}

/** `sha256:<hex>` (pip --hash, poetry, uv, Pipfile.lock) as a hash. */
export function prefixedHexHash(s: string | undefined): Hash | undefined {
  if (!s) return undefined;
  const colon = s.indexOf(':');
  if (colon < 0) return undefined;
  const alg = SRI_ALGS[s.slice(0, colon).toLowerCase()];
  return alg ? checked(alg, s.slice(colon + 1).trim()) : undefined;
}

/** A bare hex digest of a known length (yarn classic's `#<sha1>` tarball fragment). */
export function hexHash(alg: HashAlg, hex: string): Hash | undefined {
  return checked(alg, hex);
}

/** A go.sum `h1:` hash: SHA-256, base64. */
export function goSumHash(s: string): Hash | undefined {
  return s.startsWith('h1:') ? checked('SHA-256', base64ToHex(s.slice(3)), true) : undefined;
}

/** One hash per algorithm (the first wins), sorted by algorithm. */
export function mergeHashes(hashes: readonly Hash[]): Hash[] {
  const byAlg = new Map<HashAlg, Hash>();
  for (const h of hashes) if (!byAlg.has(h.alg)) byAlg.set(h.alg, h);
  return [...byAlg.values()].sort((a, b) => (a.alg < b.alg ? -1 : a.alg > b.alg ? 1 : 0));
}
