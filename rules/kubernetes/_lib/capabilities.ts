// Capability names as the Pod Security Standards treat them.

/** Capabilities the baseline Pod Security Standard allows a container to add. */
export const PSS_BASELINE_CAPS: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export function normalizeCap(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, '');
}
