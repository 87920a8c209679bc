// Flags container images on `latest` or with no tag (and no digest).
import { fileCheck, nodeSpan, scalarText, yamlPair } from '../../../server/src/engine/ruleApi';
import { isTemplated, parseImageRef } from '../_lib/images';
import { allContainers, ownerOf } from '../_lib/workload';

export default fileCheck<'kubernetes'>((ctx) => {
  for (const c of allContainers(ctx)) {
    const pair = yamlPair(c.map, 'image');
    const image = scalarText(pair?.value);
    const at = nodeSpan(pair?.value);
    if (image === undefined || !at || image.trim() === '' || isTemplated(image)) continue;
    const ref = parseImageRef(image);
    if (ref.digest !== undefined) continue;
    const data = { owner: ownerOf(c), container: c.name, image };
    if (ref.tag === undefined) ctx.report({ messageId: 'noTag', at, data });
    else if (ref.tag === 'latest') ctx.report({ messageId: 'latestTag', at, data });
  }
});
