// Flags container images not pinned by digest.
import { fileCheck, nodeSpan, scalarText, yamlPair } from '../../../server/src/engine/ruleApi';
import { digestPins, parseImageRef } from '../_lib/images';
import { allContainers, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const c of allContainers(ctx)) {
    const pair = yamlPair(c.map, 'image');
    const image = scalarText(pair?.value);
    const at = nodeSpan(pair?.value);
    if (image === undefined || !at || image.trim() === '') continue;
    const ref = parseImageRef(image);
    if (digestPins(ref)) continue;
    ctx.report({ messageId: ref.digest !== undefined ? 'badDigest' : 'noDigest', at, data: { owner: ownerOf(c), container: c.name, image } });
  }
});
