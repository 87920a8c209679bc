// A FileSource for a folder on disk, walked with the engine's walker.
import { sourceFromFs, type FileSource } from '../engine';
import { diskFs } from './diskFs';

export function diskSource(root: string): FileSource {
  return sourceFromFs(diskFs(root));
}
