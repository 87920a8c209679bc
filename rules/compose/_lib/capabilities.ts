// Linux capabilities as Docker grants them: the default set, and name normalisation.

/** Capabilities Docker gives a container by default (moby/oci/caps/defaults.go). */
export const DOCKER_DEFAULT_CAPS: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export function normalizeCap(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, '');
}
