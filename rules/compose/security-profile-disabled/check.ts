// Flags security_opt entries that switch off a confinement layer: seccomp or AppArmor unconfined,
// SELinux labelling disabled, or the masked /proc and /sys paths exposed.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { securityOpts } from '../_lib/security-opt';
import { groupedReporter, services } from '../_lib/service';

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    for (const opt of securityOpts(svc)) {
      const v = opt.value.toLowerCase();
      // `label:seccomp:unconfined` and similar spellings still name the seccomp profile.
      if (/seccomp[:=]unconfined$/.test(`${opt.name}:${v}`) || (opt.name === 'seccomp' && v === 'unconfined')) out.add('seccomp', opt.span, svc.name);
      else if (opt.name === 'apparmor' && v === 'unconfined') out.add('apparmor', opt.span, svc.name);
      else if (opt.name === 'label' && (v === 'disable' || v === 'disabled')) out.add('selinux', opt.span, svc.name);
      else if (opt.name === 'systempaths' && v === 'unconfined') out.add('systempaths', opt.span, svc.name);
    }
  }
  out.flush();
});
