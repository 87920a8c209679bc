// Flags sudo in RUN: the build already runs as the stage's USER, and sudo in an image means a sudo
// binary and sudoers rules an attacker inside the container can use to become root.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { runCommands } from '../_lib/shell';

export default fileCheck<'dockerfile'>((ctx) => {
  const text = ctx.file.text;
  for (const { command, inv } of runCommands(ctx.file.model.stages, text)) {
    const sudo = inv.sudo;
    if (!sudo) continue;
    const words = command.words;
    const next = words[words.indexOf(sudo) + 1];
    const fixes = [];
    // Only `sudo cmd` written plainly in the file can be rewritten by removing the word.
    if (next && next === inv.name && text.slice(sudo.start, sudo.end) === 'sudo' && /^[ \t]+$/.test(text.slice(sudo.end, next.start))) {
      fixes.push({ fixId: 'removeSudo', safety: 'needs-review' as const, edits: [{ span: { start: sudo.start, end: next.start }, newText: '' }] });
    }
    ctx.report({ messageId: 'sudo', at: { start: sudo.start, end: sudo.end }, data: { command: inv.name.value }, fixes });
  }
});
