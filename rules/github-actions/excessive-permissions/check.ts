// Flags GITHUB_TOKEN permissions broader than a job can need: `write-all` and `read-all` anywhere,
// and write scopes granted at workflow level, where every job (including ones added later) gets them.
import { fileCheck, isYamlMap, keySpan, nodeSpan, yamlEntries, type EditSpec, type FixSpec, type YamlNode, type YamlPair } from '../../../server/src/engine/ruleApi';
import { columnOf, onceEach, readPermissions, readWorkflow, type WfJob } from '../_lib/workflow';

export default fileCheck<'github-workflow'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const text = ctx.file.text;
  const blanket = (pair: YamlPair<YamlNode, YamlNode>, where: { where: string; whereJa: string }) => {
    const p = readPermissions(pair);
    if (p.kind !== 'all') return false;
    const at = nodeSpan(pair.value) ?? keySpan(pair);
    report({ messageId: p.level === 'write' ? 'writeAll' : 'readAll', ...(at ? { at } : {}), data: where });
    return true;
  };
  if (wf.permissions && !blanket(wf.permissions, { where: 'The workflow', whereJa: 'ワークフロー' })) {
    const p = readPermissions(wf.permissions);
    // Write scopes at the top only matter for jobs without their own permissions block.
    const inheriting = wf.jobs.filter((j) => !j.permissions && !j.uses);
    if (p.kind === 'scopes' && inheriting.length > 0 && isYamlMap(wf.permissions.value)) {
      const fix = inheriting.length === 1 && wf.jobs.length === 1 ? moveToJob(text, wf.permissions, inheriting[0]!) : undefined;
      for (const e of yamlEntries(wf.permissions.value)) {
        if (p.scopes.get(e.key.toLowerCase()) !== 'write') continue;
        const at = keySpan(e.pair);
        report({ messageId: 'workflowWrite', ...(at ? { at } : {}), data: { scope: e.key, jobs: inheriting.map((j) => `"${j.id}"`).join(', ') }, ...(fix ? { fixes: [fix] } : {}) });
      }
    }
  }
  for (const job of wf.jobs) if (job.permissions) blanket(job.permissions, { where: `Job "${job.id}"`, whereJa: `ジョブ "${job.id}" ` });
});

/** Moves a block-style top-level permissions mapping into the only job, leaving `permissions: {}` at the top. */
function moveToJob(text: string, perms: YamlPair<YamlNode, YamlNode>, job: WfJob): FixSpec | undefined {
  const value = perms.value;
  const key = keySpan(perms);
  const valueSpan = nodeSpan(value);
  if (!key || !valueSpan || !isYamlMap(value) || (value as { flow?: boolean }).flow) return undefined;
  if (columnOf(text, key.start) !== 0) return undefined;
  const entries = yamlEntries(value);
  const first = entries[0] ? keySpan(entries[0].pair) : undefined;
  if (!first) return undefined;
  // The job's first key decides where its permissions go and how far they are indented.
  const jobMap = job.node;
  const firstJobKey = jobMap.items[0] ? nodeSpan(jobMap.items[0].key) : undefined;
  if (!firstJobKey) return undefined;
  const jobIndent = columnOf(text, firstJobKey.start);
  const lineStart = text.lastIndexOf('\n', firstJobKey.start - 1) + 1;
  if (text.slice(lineStart, firstJobKey.start).trim() !== '') return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = entries.map((e) => {
    const s = keySpan(e.pair)!;
    const end = nodeSpan(e.pair.value)?.end ?? s.end;
    return `${' '.repeat(jobIndent + 2)}${text.slice(s.start, end)}`;
  });
  const block = `${' '.repeat(jobIndent)}permissions:${eol}${lines.join(eol)}${eol}`;
  let end = valueSpan.end;
  while (end > key.end && /\s/.test(text[end - 1]!)) end--;
  const edits: EditSpec[] = [
    { span: { start: key.start, end }, newText: 'permissions: {}' },
    { span: { start: lineStart, end: lineStart }, newText: block },
  ];
  return { fixId: 'moveToJob', safety: 'needs-review', edits, data: { job: job.id } };
}
