// Flags literal passwords in `container.credentials` and `services.*.credentials`, where the
// workflow file itself becomes the place the registry password is kept.
import { fileCheck, isYamlMap, nodeSpan, scalarText, yamlEntries, yamlGet, type YamlNode } from '../../../server/src/engine/ruleApi';
import { onceEach, readWorkflow } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const seen = new Set<YamlNode>();
  const check = (container: YamlNode | undefined, where: string) => {
    if (!isYamlMap(container)) return;
    const password = yamlGet(yamlGet(container, 'credentials'), 'password');
    const value = scalarText(password);
    if (password === undefined || value === undefined || value.trim() === '' || value.includes('${{')) return;
    if (seen.has(password)) return; // one finding per literal, however many aliases reuse it
    seen.add(password);
    const at = nodeSpan(password);
    report({ messageId: 'password', ...(at ? { at } : {}), data: { where } });
  };
  for (const job of wf.jobs) {
    check(job.container, `jobs.${job.id}.container`);
    for (const e of yamlEntries(job.services)) check(e.value, `jobs.${job.id}.services.${e.key}`);
  }
});
