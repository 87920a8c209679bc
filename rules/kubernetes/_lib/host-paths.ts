// Which host paths are dangerous to hand to a container: container-runtime sockets (and the
// directories that hold them), and sensitive system locations. Shared by the Compose and
// Kubernetes rules. The sensitive list follows CIS Docker Benchmark 5.5 (/, /boot, /dev, /etc,
// /lib, /proc, /sys, /usr) plus the runtime's and kubelet's state, host logs, root's home and
// credential directories.

const SOCKET_NAMES = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock', 'buildkitd.sock']);
const SOCKET_DIRS = new Set(['/var/run', '/run', '/var/run/docker', '/run/docker', '/run/containerd', '/var/run/containerd', '/var/run/crio', '/run/crio', '/run/podman', '/var/run/podman', '/run/buildkit']);

export function normalizeHostPath(p: string): string {
  let s = p.trim().replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  if (s.length > 1) s = s.replace(/\/+$/, '');
  return s;
}

/** The runtime socket a host path exposes: the socket itself, or a directory holding one. */
export function runtimeSocket(path: string): string | undefined {
  const p = normalizeHostPath(path);
  if (/^\/\/?\.\/pipe\/docker_engine$/i.test(p) || /^\/\.\/pipe\/docker_engine$/i.test(p)) return 'docker_engine';
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SOCKET_NAMES.has(base)) return base;
  if (SOCKET_DIRS.has(p)) return p;
  return undefined;
}

export interface SensitivePath {
  readonly en: string;
  readonly ja: string;
}

const PREFIXES: readonly [string, SensitivePath][] = [
  ['/etc', { en: 'host configuration', ja: 'ホストの設定' }],
  ['/proc', { en: 'kernel and process interfaces', ja: 'カーネルとプロセスのインターフェース' }],
  ['/sys', { en: 'kernel and device interfaces', ja: 'カーネルとデバイスのインターフェース' }],
  ['/dev', { en: 'host devices', ja: 'ホストのデバイス' }],
  ['/boot', { en: 'boot files and kernel images', ja: 'ブートファイルとカーネルイメージ' }],
  ['/root', { en: "root's home directory", ja: 'root のホームディレクトリ' }],
  ['/lib', { en: 'system libraries', ja: 'システムライブラリ' }],
  ['/lib32', { en: 'system libraries', ja: 'システムライブラリ' }],
  ['/lib64', { en: 'system libraries', ja: 'システムライブラリ' }],
  ['/usr', { en: 'system programs and libraries', ja: 'システムのプログラムとライブラリ' }],
  ['/bin', { en: 'system programs', ja: 'システムのプログラム' }],
  ['/sbin', { en: 'system programs', ja: 'システムのプログラム' }],
  ['/var/lib/docker', { en: 'the container runtime state', ja: 'コンテナランタイムの状態' }],
  ['/var/lib/containerd', { en: 'the container runtime state', ja: 'コンテナランタイムの状態' }],
  ['/var/lib/containers', { en: 'the container runtime state', ja: 'コンテナランタイムの状態' }],
  ['/var/lib/kubelet', { en: 'the kubelet state, including pod secrets', ja: 'Pod のシークレットを含む kubelet の状態' }],
  ['/var/log', { en: 'host logs', ja: 'ホストのログ' }],
  ['/run', { en: 'runtime state and sockets', ja: '実行時の状態とソケット' }],
  ['/var/run', { en: 'runtime state and sockets', ja: '実行時の状態とソケット' }],
];
const EXACT: readonly [string, SensitivePath][] = [
  ['/', { en: 'the host root filesystem', ja: 'ホストのルートファイルシステム' }],
  ['/var', { en: 'host state and logs', ja: 'ホストの状態とログ' }],
  ['/var/lib', { en: 'the state of host services', ja: 'ホストのサービスの状態' }],
  ['/home', { en: 'all users\' home directories', ja: '全ユーザーのホームディレクトリ' }],
];
const CREDENTIALS = /(^|\/)(\.ssh|\.aws|\.kube|\.docker|\.gnupg|\.azure|\.config\/gcloud)(\/|$)/;
/** Read-only mounts of these are routine (time zone, CA certificates) and not reported. */
const READ_ONLY_OK = /^(\/etc\/localtime|\/etc\/timezone|\/usr\/share\/zoneinfo(\/.*)?|\/etc\/ssl\/certs(\/.*)?|\/etc\/ca-certificates(\/.*)?|\/etc\/pki\/ca-trust(\/.*)?|\/etc\/machine-id)$/;

/** Why a host path is sensitive, or undefined. Runtime sockets are left to the socket rules. */
export function sensitivePath(path: string, readOnly: boolean): SensitivePath | undefined {
  const p = normalizeHostPath(path.replace(/^~(?=\/|$)/, '/home/~'));
  if (runtimeSocket(p)) return undefined;
  if (readOnly && READ_ONLY_OK.test(p)) return undefined;
  if (CREDENTIALS.test(p)) return { en: 'a credentials directory', ja: '認証情報のディレクトリ' };
  for (const [e, why] of EXACT) if (p === e) return why;
  for (const [prefix, why] of PREFIXES) if (p === prefix || p.startsWith(`${prefix}/`)) return why;
  return undefined;
}
