// Flags EXPOSE of port 22 (alone or inside a range): containers are not managed over SSH.
import { fileCheck, type DockerInstruction, type DockerWord, type EditSpec } from '../../../server/src/engine/ruleApi';

function exposesSsh(port: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(port);
  if (!m || (m[3] && m[3].toLowerCase() !== 'tcp')) return false;
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : lo;
  return lo <= 22 && 22 <= hi;
}

export default fileCheck<'dockerfile'>((ctx) => {
  const text = ctx.file.text;
  for (const ins of ctx.file.model.instructions) {
    if (ins.keyword !== 'EXPOSE') continue;
    for (const w of ins.args) {
      if (!exposesSsh(w.value)) continue;
      const edit = removal(text, ins, w);
      ctx.report({ messageId: 'ssh', at: w.span, data: { port: w.value }, fixes: edit ? [{ fixId: 'removePort', safety: 'safe', edits: [edit] }] : [] });
    }
  }
});

/** Removes the port word, or the whole EXPOSE line when it is the only port. */
function removal(text: string, ins: DockerInstruction, w: DockerWord): EditSpec | undefined {
  if (/^\d+(\/tcp)?$/i.test(w.value) === false) return undefined; // keep ranges for a person to split
  if (ins.args.length === 1) {
    let end = ins.span.end;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { span: { start: ins.span.start, end }, newText: '' };
  }
  let start = w.span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { span: { start, end: w.span.end }, newText: '' };
}
