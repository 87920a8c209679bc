// Container image references (registry/name:tag@digest), shared by Dockerfile, Compose, Kubernetes and workflow rules.

export interface ImageRef {
  /** The reference as written, after variable substitution where Kamae could do it. */
  readonly raw: string;
  readonly registry?: string;
  /** Repository path without registry, tag or digest, e.g. `library/node` or `node`. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Still holds `$VAR`/`${VAR}`/`{{ }}` that could not be resolved offline. */
  readonly dynamic: boolean;
}

export function parseImageRef(input: string): ImageRef {
  const raw = input.trim();
  const dynamic = /\$\{?[A-Za-z_]|\$\{\{|\{\{/.test(raw);
  let rest = raw.replace(/^docker:\/\//, '');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  return { raw, name: rest, dynamic, ...(registry !== undefined ? { registry } : {}), ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** A digest that actually pins content: an algorithm and a full-length hex hash. */
export function isPinnedDigest(digest: string | undefined): boolean {
  return digest !== undefined && /^sha256:[0-9a-f]{64}$|^sha512:[0-9a-f]{128}$/i.test(digest);
}
