// Flags FROM images that float on `latest`, explicitly or by omitting the tag.
import { fileCheck, isPinnedDigest } from '../../../server/src/engine/ruleApi';

export default fileCheck<'dockerfile'>((ctx) => {
  for (const stage of ctx.file.model.stages) {
    const image = stage.image;
    if (!image || stage.baseIsStage || stage.baseIsScratch || image.dynamic) continue;
    if (isPinnedDigest(image.digest)) continue; // a digest fixes the content whatever the tag says
    if (image.tag === undefined) ctx.report({ messageId: 'noTag', at: image.span, data: { image: image.raw } });
    else if (image.tag === 'latest') ctx.report({ messageId: 'latestTag', at: image.span, data: { image: image.raw } });
  }
});
