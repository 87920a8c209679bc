// Container image references in manifests: which are on latest, which are pinned by digest.
import { parseImageRef, type ImageRef } from '../../../server/src/engine/ruleApi';

/** Values Kamae cannot resolve offline: `$VAR`, `${VAR}`, Helm `{{ }}`. */
export function isTemplated(image: string): boolean {
  return /\$|\{\{/.test(image);
}

/** A digest that names content: an algorithm and enough hex, or a templated digest Kamae cannot resolve. */
export function digestPins(ref: ImageRef): boolean {
  const d = ref.digest;
  if (d === undefined) return false;
  if (isTemplated(d)) return true;
  return /^sha(256|384|512):[0-9a-f]{32,}$/i.test(d);
}

export { parseImageRef };
