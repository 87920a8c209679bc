// Flags security_opt entries that switch off a confinement layer: seccomp or AppArmor unconfined,
// SELinux labelling disabled, or the masked /proc and /sys paths exposed.
import { fileCheck, isYamlSeq, type FixSpec } from '../../../server/src/engine/ruleApi';
import { removePairLine, removeSeqItem } from '../../kubernetes/_lib/yaml-edit';
import { securityOpts } from '../_lib/security-opt';
import { field, groupedReporter, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    const f = field(svc, 'security_opt');
    const list = f?.value;
    const opts = securityOpts(svc);
    // When every entry goes, remove the key rather than leave an empty security_opt behind.
    const all = opts.length > 0 && opts.every((o) => disabling(o.name, o.value.toLowerCase()) !== undefined);
    const owner = f && svc.map.items.includes(f.pair) ? svc.map : undefined;
    for (const opt of opts) {
      const v = opt.value.toLowerCase();
      const edit = all ? (owner && f ? removePairLine(ctx.file, owner, f.pair) : undefined) : isYamlSeq(list) ? removeSeqItem(ctx.file, list, opt.node) : undefined;
      const fixes: FixSpec[] = edit ? [{ fixId: 'remove', safety: 'needs-review', edits: [edit] }] : [];
      const which = disabling(opt.name, v);
      if (which) out.add(which, opt.span, svc.name, {}, fixes);
    }
  }
  out.flush();
});

/** Which confinement layer an entry switches off, if any. */
function disabling(name: string, value: string): 'seccomp' | 'apparmor' | 'selinux' | 'systempaths' | undefined {
  // `label:seccomp:unconfined` and similar spellings still name the seccomp profile.
  if (/seccomp[:=]unconfined$/.test(`${name}:${value}`) || (name === 'seccomp' && value === 'unconfined')) return 'seccomp';
  if (name === 'apparmor' && value === 'unconfined') return 'apparmor';
  if (name === 'label' && (value === 'disable' || value === 'disabled')) return 'selinux';
  if (name === 'systempaths' && value === 'unconfined') return 'systempaths';
  return undefined;
}
