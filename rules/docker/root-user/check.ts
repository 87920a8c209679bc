// Flags Dockerfiles whose final stage runs as root: no USER anywhere in its stage chain, or USER root/0.
import { fileCheck, type DockerInstruction, type DockerStage } from '../../../server/src/engine/ruleApi';

export default fileCheck<'dockerfile'>((ctx) => {
  const { stages } = ctx.file.model;
  const final = stages[stages.length - 1]!;
  // USER carries over from a parent stage (FROM build), so walk the chain of stage bases.
  let lastUser: DockerInstruction | undefined;
  let base: DockerStage | undefined = final;
  const seen = new Set<number>();
  while (base && !seen.has(base.index)) {
    seen.add(base.index);
    lastUser = [...base.instructions].reverse().find((i) => i.keyword === 'USER');
    if (lastUser || !base.baseIsStage) break;
    const parentName: string | undefined = base.image?.raw.toLowerCase();
    base = stages.slice(0, base.index).reverse().find((s: DockerStage) => s.alias === parentName);
  }
  if (lastUser) {
    const user = lastUser.args[0]?.value ?? '';
    if (/^(root|0)(:.*)?$/.test(user)) ctx.report({ messageId: 'rootUser', at: lastUser.span, data: { user } });
    return;
  }
  const origin = base ?? final;
  if (origin.baseIsScratch) return; // nothing but what was copied in; see the rule docs
  if (runsNonRootByDefault(origin)) return;
  const image = final.image?.raw ?? '?';
  const user = suggestUser(origin);
  const text = ctx.file.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const startup = final.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const edit = startup
    ? { span: { start: startup.span.start, end: startup.span.start }, newText: `USER ${user}${eol}` }
    : { span: { start: text.length, end: text.length }, newText: `${text.endsWith('\n') ? '' : eol}USER ${user}${eol}` };
  ctx.report({ messageId: 'noUser', at: final.from.span, data: { image }, fixes: [{ fixId: 'addUser', safety: 'needs-review', edits: [edit], data: { user } }] });
});

/** Base images documented to default to an unprivileged user. */
function runsNonRootByDefault(stage: DockerStage): boolean {
  const img = stage.image;
  if (!img) return false;
  if (img.tag !== undefined && /(^|[-_.])nonroot([-_.]|$)/.test(img.tag)) return true;
  if (img.registry === 'cgr.dev' && !(img.tag ?? '').includes('-dev')) return true; // Chainguard images run as nonroot
  return false;
}

function suggestUser(stage: DockerStage): string {
  const name = stage.image?.name ?? '';
  if (/(^|\/)node$/.test(name)) return 'node';
  if (name.startsWith('distroless/') || stage.image?.registry === 'gcr.io') return 'nonroot';
  return '10001';
}
