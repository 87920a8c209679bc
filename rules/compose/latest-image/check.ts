// Flags service images on `latest` or without a tag. Services that build their image are skipped:
// there `image:` names the build result, not something pulled.
import { fileCheck, nodeSpan, parseImageRef, scalarText } from '../../../server/src/engine/ruleApi';
import { field, groupedReporter, interpolate, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    if (field(svc, 'build')) continue;
    const img = field(svc, 'image');
    const raw = scalarText(img?.value);
    const at = nodeSpan(img?.value);
    if (raw === undefined || !at) continue;
    const { value, dynamic } = interpolate(raw);
    if (dynamic || value.trim() === '') continue;
    const ref = parseImageRef(value);
    if (ref.digest !== undefined) continue;
    if (ref.tag === undefined) out.add('noTag', at, svc.name, { image: value });
    else if (ref.tag === 'latest') out.add('latestTag', at, svc.name, { image: value });
  }
  out.flush();
});
