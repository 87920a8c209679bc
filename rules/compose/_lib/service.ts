// Reading Compose files: services with their spans, merge keys (`<<: *default`) and extension
// fields followed; environment in list and map form; ports and volumes in short and long syntax;
// and `${VAR:-default}` interpolation resolved to the default Compose would use.
import { deref, isYamlMap, isYamlScalar, isYamlSeq, keySpan, nodeSpan, scalarText, yamlEntries, yamlGet, yamlItems, yamlPair, type FileContext, type FixSpec, type Span, type YamlMap, type YamlNode, type YamlPair } from '../../../server/src/engine/ruleApi';

export type ComposeCtx = FileContext<'compose'>;

export interface Service {
  readonly name: string;
  readonly pair: YamlPair<YamlNode, YamlNode>;
  /** The service name key: where findings about something missing point. */
  readonly keySpan: Span;
  readonly map: YamlMap;
}

export function services(ctx: ComposeCtx): Service[] {
  const out: Service[] = [];
  for (const doc of ctx.file.model.docs) {
    const svcs = yamlGet(doc.contents, 'services');
    for (const e of yamlEntries(svcs)) {
      if (!isYamlMap(e.value)) continue;
      const span = keySpan(e.pair);
      if (!span) continue;
      out.push({ name: e.key, pair: e.pair, keySpan: span, map: e.value });
    }
  }
  return out;
}

/** A key of a service (merge keys followed), with its pair for spans. */
export function field(svc: Service, key: string): { pair: YamlPair<YamlNode, YamlNode>; value: YamlNode | undefined } | undefined {
  const pair = yamlPair(svc.map, key);
  return pair ? { pair, value: deref(pair.value) } : undefined;
}

export function pairSpanOf(pair: YamlPair<YamlNode, YamlNode>): Span | undefined {
  const k = nodeSpan(pair.key);
  const v = nodeSpan(pair.value);
  if (!k) return v;
  return { start: k.start, end: v && isYamlScalar(deref(pair.value)) ? v.end : k.end };
}

/**
 * Resolves Compose interpolation: `${VAR:-default}` and `${VAR-default}` become their default, `$$`
 * becomes `$`. Anything that still depends on the environment makes the result dynamic.
 */
export function interpolate(value: string): { value: string; dynamic: boolean } {
  let dynamic = false;
  const out = value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, _name: string | undefined, op: string | undefined, rest: string | undefined) => {
    if (m === '$$') return '$';
    if (op === ':-' || op === '-') return rest ?? '';
    dynamic = true;
    return m;
  });
  return { value: out, dynamic };
}

// ---- environment -------------------------------------------------------------------------------

export interface EnvVar {
  readonly name: string;
  /** The value as written; undefined when the variable is passed through from the host. */
  readonly value?: string;
  /** The node holding the value (map form) or the whole `NAME=value` item (list form). */
  readonly node: YamlNode;
  readonly span: Span;
  readonly form: 'map' | 'list';
}

export function environment(svc: Service): EnvVar[] {
  const env = field(svc, 'environment')?.value;
  const out: EnvVar[] = [];
  if (isYamlMap(env)) {
    for (const e of yamlEntries(env)) {
      const node = e.value ?? e.pair.key;
      const span = nodeSpan(node) ?? keySpan(e.pair);
      if (!span) continue;
      const v = e.value === undefined ? undefined : scalarText(e.value);
      out.push({ name: e.key, ...(v !== undefined && !(e.value && isYamlScalar(e.value) && e.value.value === null) ? { value: v } : {}), node, span, form: 'map' });
    }
  } else if (isYamlSeq(env)) {
    for (const item of yamlItems(env)) {
      const s = scalarText(item);
      const span = nodeSpan(item);
      if (s === undefined || !span) continue;
      const eq = s.indexOf('=');
      out.push({ name: eq < 0 ? s : s.slice(0, eq), ...(eq >= 0 ? { value: s.slice(eq + 1) } : {}), node: item, span, form: 'list' });
    }
  }
  return out;
}

// ---- volumes -----------------------------------------------------------------------------------

export interface Mount {
  /** The host path of a bind mount (or of a local volume bound to a host directory). */
  readonly hostPath: string;
  readonly readOnly: boolean;
  readonly span: Span;
  /** The named volume the path comes from, when a volume definition binds it. */
  readonly volume?: string;
}

/** Bind mounts of host paths, in short and long syntax, and named volumes whose driver binds a host path. */
export function hostMounts(ctx: ComposeCtx, svc: Service): Mount[] {
  const out: Mount[] = [];
  const vols = field(svc, 'volumes')?.value;
  const bound = boundVolumes(ctx);
  for (const item of yamlItems(vols)) {
    const span = nodeSpan(item);
    if (!span) continue;
    const short = scalarText(item);
    if (short !== undefined) {
      const parsed = parseShortVolume(interpolate(short).value);
      if (!parsed) continue;
      if (isHostPath(parsed.source)) out.push({ hostPath: parsed.source, readOnly: parsed.readOnly, span });
      else if (bound.has(parsed.source)) out.push({ hostPath: bound.get(parsed.source)!, readOnly: parsed.readOnly, span, volume: parsed.source });
      continue;
    }
    if (!isYamlMap(item)) continue;
    const type = scalarText(yamlGet(item, 'type')) ?? '';
    const sourceNode = yamlGet(item, 'source');
    const source = interpolate(scalarText(sourceNode) ?? '').value;
    const ro = scalarText(yamlGet(item, 'read_only')) === 'true';
    const at = nodeSpan(sourceNode) ?? span;
    if ((type === 'bind' || type === 'npipe') && source) out.push({ hostPath: source, readOnly: ro, span: at });
    else if (type === 'volume' && bound.has(source)) out.push({ hostPath: bound.get(source)!, readOnly: ro, span: at, volume: source });
  }
  return out;
}

/** Top-level volumes that the local driver binds to a host directory (`driver_opts: {o: bind, device: /path}`). */
export function boundVolumes(ctx: ComposeCtx): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of ctx.file.model.docs) {
    for (const e of yamlEntries(yamlGet(doc.contents, 'volumes'))) {
      const opts = yamlGet(e.value, 'driver_opts');
      const device = scalarText(yamlGet(opts, 'device'));
      const o = scalarText(yamlGet(opts, 'o')) ?? '';
      if (device && /(^|,)r?bind(,|$)/.test(o)) out.set(e.key, interpolate(device).value);
    }
  }
  return out;
}

/** The volume definitions of the file, for rules that report at a driver's device path. */
export function boundVolumeNodes(ctx: ComposeCtx): { name: string; device: string; span: Span }[] {
  const out: { name: string; device: string; span: Span }[] = [];
  for (const doc of ctx.file.model.docs) {
    for (const e of yamlEntries(yamlGet(doc.contents, 'volumes'))) {
      const opts = yamlGet(e.value, 'driver_opts');
      const node = yamlGet(opts, 'device');
      const device = scalarText(node);
      const o = scalarText(yamlGet(opts, 'o')) ?? '';
      const span = nodeSpan(node);
      if (device && span && /(^|,)r?bind(,|$)/.test(o)) out.push({ name: e.key, device: interpolate(device).value, span });
    }
  }
  return out;
}

export function parseShortVolume(spec: string): { source: string; target: string; readOnly: boolean } | undefined {
  let s = spec.trim();
  let drive = '';
  const win = /^([A-Za-z]:)[\\/]/.exec(s);
  if (win) {
    drive = win[1]!;
    s = s.slice(2);
  }
  const parts = s.split(':');
  if (parts.length < 2) return undefined; // only a container path: an anonymous volume
  const source = drive + parts[0]!;
  const target = parts[1]!;
  const mode = parts.slice(2).join(':');
  return { source, target, readOnly: /(^|,)ro(,|$)/.test(mode) };
}

export function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith('\\\\');
}


// ---- ports -------------------------------------------------------------------------------------

export interface PublishedPort {
  readonly hostIp?: string;
  readonly hostPort?: string;
  readonly containerPort: string;
  readonly node: YamlNode;
  readonly span: Span;
  readonly form: 'short' | 'long';
}

export function ports(svc: Service): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const item of yamlItems(field(svc, 'ports')?.value)) {
    const span = nodeSpan(item);
    if (!span) continue;
    const short = scalarText(item);
    if (short !== undefined) {
      const p = parseShortPort(interpolate(short).value);
      if (p) out.push({ ...p, node: item, span, form: 'short' });
      continue;
    }
    if (!isYamlMap(item)) continue;
    const targetPair = yamlPair(item, 'target');
    const target = scalarText(targetPair?.value);
    if (target === undefined) continue;
    const targetSpan = targetPair ? pairSpanOf(targetPair) : undefined;
    const hostIp = scalarText(yamlGet(item, 'host_ip'));
    const published = scalarText(yamlGet(item, 'published'));
    out.push({ containerPort: target, ...(hostIp !== undefined ? { hostIp } : {}), ...(published !== undefined ? { hostPort: published } : {}), node: item, span: targetSpan ?? span, form: 'long' });
  }
  return out;
}

export function parseShortPort(spec: string): { hostIp?: string; hostPort?: string; containerPort: string } | undefined {
  let s = spec.trim().replace(/\/(tcp|udp|sctp)$/i, '');
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]*)\]:/.exec(s);
  if (v6) {
    hostIp = v6[1]!;
    s = s.slice(v6[0].length);
  }
  const parts = s.split(':');
  if (parts.length === 1) return { ...(hostIp !== undefined ? { hostIp } : {}), containerPort: parts[0]! };
  if (parts.length === 2) return { ...(hostIp !== undefined ? { hostIp } : {}), hostPort: parts[0]!, containerPort: parts[1]! };
  if (parts.length === 3 && hostIp === undefined) return { hostIp: parts[0]!, hostPort: parts[1]!, containerPort: parts[2]! };
  return undefined;
}

// ---- reporting ---------------------------------------------------------------------------------

/**
 * Groups findings that land on the same span: a key inherited by several services through an anchor
 * is reported once, naming every service that uses it.
 */
export function groupedReporter(ctx: ComposeCtx) {
  const groups = new Map<string, { messageId: string; at: Span; data: Record<string, string | number>; services: string[]; fixes: FixSpec[] }>();
  return {
    add(messageId: string, at: Span, service: string, data: Record<string, string | number> = {}, fixes: FixSpec[] = []): void {
      const key = `${messageId}\0${at.start}\0${at.end}`;
      const g = groups.get(key);
      if (g) g.services.push(service);
      else groups.set(key, { messageId, at, data, services: [service], fixes });
    },
    flush(): void {
      for (const g of groups.values()) ctx.report({ messageId: g.messageId, at: g.at, data: { ...g.data, service: g.services.join(', ') }, fixes: g.fixes });
    },
  };
}
