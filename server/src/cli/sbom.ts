// `kamae sbom`: a CycloneDX 1.6 JSON SBOM of the repository's locked dependencies, on standard output
// or in --output. Problems (unreadable lockfiles, unpinned requirements, no author) go to standard
// error; the exit code is 0 whenever an SBOM was written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inventoryFromRepo, toCycloneDx } from '../engine/sbom';
import { diskSource } from '../node/diskSource';
import { REPOSITORY_URL, timestamp, VERSION } from '../node/product';
import type { SbomArgs } from './args';
import type { Io } from './fix';

export async function sbom(args: SbomArgs, root: string, io: Io & { readonly env?: NodeJS.ProcessEnv }): Promise<number> {
  const inventory = await inventoryFromRepo(diskSource(root), { rootName: path.basename(root) });
  const text = toCycloneDx(inventory, { timestamp: timestamp(io.env ?? process.env), tool: { name: 'kamae', version: VERSION, url: REPOSITORY_URL } });
  for (const f of inventory.files) if (f.status === 'not-evaluated') io.stderr.write(`kamae: ${f.path}: not read: ${f.reason?.en ?? 'unknown reason'}\n`);
  for (const n of inventory.notes) io.stderr.write(`kamae: ${n.en}\n`);
  const missing = [inventory.author ? undefined : 'sbom.author', inventory.supplier ? undefined : 'sbom.supplier'].filter((x) => x !== undefined);
  if (missing.length > 0) io.stderr.write(`kamae: set ${missing.join(' and ')} in .kamae.yaml to name the SBOM's ${missing.length === 2 ? 'author and supplier' : missing[0] === 'sbom.author' ? 'author' : 'supplier'} (NTIA minimum elements)\n`);
  if (args.output !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(args.output)), { recursive: true });
    fs.writeFileSync(args.output, text);
    const n = inventory.files.filter((f) => f.status === 'evaluated').length;
    io.stderr.write(`kamae: wrote ${args.output}: ${inventory.components.length} components from ${n} lockfile${n === 1 ? '' : 's'}\n`);
  } else io.stdout.write(text);
  return 0;
}
