// Flags FROM images not pinned by digest: a tag, even an explicit one, can be re-pointed at new content.
import { fileCheck } from '../../../server/src/engine/ruleApi';

/** A digest that names content: an algorithm and enough hex, or one Kamae cannot resolve offline (`${DIGEST}`). */
function digestPins(digest: string | undefined): boolean {
  if (digest === undefined) return false;
  if (digest.includes('$')) return true;
  return /^sha(256|384|512):[0-9a-f]{32,}$/i.test(digest);
}

export default fileCheck<'dockerfile'>((ctx) => {
  for (const stage of ctx.file.model.stages) {
    const image = stage.image;
    if (!image || stage.baseIsStage || stage.baseIsScratch) continue;
    if (digestPins(image.digest)) continue;
    const at = image.span;
    if (image.digest !== undefined) ctx.report({ messageId: 'badDigest', at, data: { image: image.raw } });
    else ctx.report({ messageId: 'noDigest', at, data: { image: image.raw } });
  }
});
