// File URIs <-> paths. Clients differ in how they percent-encode file URIs, so the server keeps the
// exact URI a client used for each open document and builds others the way VS Code does.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file-system path of a `file:` URI; undefined for any other scheme (untitled:, git:...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** A `file:` URI encoded as VS Code encodes it (everything but unreserved characters and '/'). */
export function pathToUri(fsPath: string): string {
  let p = fsPath.split(path.sep).join('/');
  if (!p.startsWith('/')) p = `/${p}`; // a Windows drive path
  let out = '';
  for (const ch of p) {
    if (/[A-Za-z0-9\-._~/]/.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  // VS Code writes a drive letter as `c%3A`; keep the drive's colon encoded and the letter lower-case.
  out = out.replace(/^\/([A-Za-z])%3A/, (_m, d: string) => `/${d.toLowerCase()}%3A`);
  return `file://${out}`;
}

/** `child` relative to `root` as a POSIX path, or undefined when it is not inside root. */
export function relativeInside(root: string, child: string): string | undefined {
  const rel = path.relative(root, child);
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
