// Reading Kubernetes manifests: the objects of every YAML document (List items included), the pod
// specs of every workload kind (Pod, templates of Deployment/StatefulSet/DaemonSet/ReplicaSet/Job/
// ReplicationController/PodTemplate and custom kinds with spec.template.spec, and CronJob's
// jobTemplate), and their containers, init containers and ephemeral containers, with spans.
import { deref, isYamlMap, keySpan, nodeSpan, pairSpan, scalarText, yamlEntries, yamlGet, yamlItems, yamlPair, type FileContext, type FixSpec, type ParsedFile, type Span, type YamlMap, type YamlNode, type YamlPair } from '../../../server/src/engine/ruleApi';

export type K8sCtx = FileContext<'kubernetes'>;
export type Pair = YamlPair<YamlNode, YamlNode>;

export interface K8sObject {
  readonly docIndex: number;
  readonly root: YamlMap;
  readonly kind: string;
  readonly apiVersion: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly metadata?: YamlMap;
}

/** Objects, pod specs and containers per parsed file, shared by the rules during one scan. */
const objectCache = new WeakMap<object, K8sObject[]>();
const podCache = new WeakMap<K8sObject, PodSpec[]>();
const containerCache = new WeakMap<PodSpec, Container[]>();

export function objects(file: ParsedFile<'kubernetes'>): K8sObject[] {
  const cached = objectCache.get(file.model);
  if (cached) return cached;
  const out: K8sObject[] = [];
  const add = (node: unknown, docIndex: number, depth: number) => {
    const root = deref(node);
    if (!isYamlMap(root)) return;
    const kind = scalarText(yamlGet(root, 'kind'));
    const apiVersion = scalarText(yamlGet(root, 'apiVersion'));
    if (!kind || apiVersion === undefined) return;
    if (/List$/.test(kind) && depth === 0) {
      for (const item of yamlItems(yamlGet(root, 'items'))) add(item, docIndex, 1);
      return;
    }
    const metadata = yamlGet(root, 'metadata');
    const name = scalarText(yamlGet(metadata, 'name'));
    const namespace = scalarText(yamlGet(metadata, 'namespace'));
    out.push({ docIndex, root, kind, apiVersion, ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}), ...(isYamlMap(metadata) ? { metadata } : {}) });
  };
  file.model.docs.forEach((doc, i) => add(doc.contents, i, 0));
  objectCache.set(file.model, out);
  return out;
}

export interface PodSpec {
  readonly obj: K8sObject;
  readonly spec: YamlMap;
  /** The `spec` key of the pod spec: where pod-level findings about a missing key point. */
  readonly specKey: Span;
  /** The pod's metadata (template metadata for workloads), which carries legacy annotations. */
  readonly metadata?: YamlMap;
  /** A strategic-merge patch or other fragment, not a whole object: absent keys prove nothing. */
  readonly partial: boolean;
  readonly windows: boolean;
}

const APPS_WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export function podSpecs(obj: K8sObject): PodSpec[] {
  const cached = podCache.get(obj);
  if (cached) return cached;
  const out: PodSpec[] = [];
  const push = (specPair: Pair | undefined, metadata: unknown) => {
    if (!specPair) return;
    const spec = deref(specPair.value);
    const key = keySpan(specPair);
    if (!isYamlMap(spec) || !key) return;
    const workloadSpec = yamlGet(obj.root, 'spec');
    const partial = APPS_WORKLOADS.has(obj.kind) && /^apps\//.test(obj.apiVersion) && yamlPair(workloadSpec, 'selector') === undefined;
    const windows = scalarText(yamlGet(yamlGet(spec, 'os'), 'name'))?.toLowerCase() === 'windows';
    out.push({ obj, spec, specKey: key, ...(isYamlMap(deref(metadata)) ? { metadata: deref(metadata) as YamlMap } : {}), partial, windows });
  };
  const spec = yamlGet(obj.root, 'spec');
  if (obj.kind === 'Pod') {
    push(yamlPair(obj.root, 'spec'), obj.metadata);
  } else if (obj.kind === 'PodTemplate') {
    const t = yamlGet(obj.root, 'template');
    push(yamlPair(t, 'spec'), yamlGet(t, 'metadata'));
  } else if (obj.kind === 'CronJob' || yamlPair(spec, 'jobTemplate')) {
    const t = yamlGet(yamlGet(yamlGet(spec, 'jobTemplate'), 'spec'), 'template');
    push(yamlPair(t, 'spec'), yamlGet(t, 'metadata'));
  } else {
    const t = yamlGet(spec, 'template');
    const inner = yamlPair(t, 'spec');
    // Any kind whose spec.template.spec holds containers is a pod template (Deployment, Job,
    // Knative Service, Argo Rollout...).
    if (inner && (yamlPair(inner.value, 'containers') || APPS_WORKLOADS.has(obj.kind) || obj.kind === 'Job' || obj.kind === 'ReplicationController')) push(inner, yamlGet(t, 'metadata'));
  }
  podCache.set(obj, out);
  return out;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  readonly pod: PodSpec;
  readonly map: YamlMap;
  readonly list: ContainerList;
  readonly name: string;
  /** The container's `name` (or `image`) entry: where findings about a missing key point. */
  readonly anchor: Span;
  /** No image: a patch fragment, where absent keys prove nothing. */
  readonly partial: boolean;
}

export function containers(pod: PodSpec, lists: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers']): Container[] {
  let all = containerCache.get(pod);
  if (!all) {
    all = readContainers(pod);
    containerCache.set(pod, all);
  }
  return all.filter((c) => lists.includes(c.list));
}

function readContainers(pod: PodSpec): Container[] {
  const out: Container[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const item of yamlItems(yamlGet(pod.spec, list))) {
      if (!isYamlMap(item)) continue;
      const namePair = yamlPair(item, 'name');
      const imagePair = yamlPair(item, 'image');
      const anchor = (namePair && pairSpan(namePair)) ?? (imagePair && pairSpan(imagePair)) ?? nodeSpan(item);
      if (!anchor) continue;
      out.push({ pod, map: item, list, name: scalarText(namePair?.value) ?? '?', anchor, partial: pod.partial || imagePair === undefined });
    }
  }
  return out;
}

export function allPods(ctx: K8sCtx): PodSpec[] {
  return objects(ctx.file).flatMap((o) => podSpecs(o));
}
export function allContainers(ctx: K8sCtx, lists?: readonly ContainerList[]): Container[] {
  return allPods(ctx).flatMap((p) => containers(p, lists));
}

// ---- security context --------------------------------------------------------------------------

export interface Setting {
  readonly pair: Pair;
  readonly value: YamlNode | undefined;
  readonly text: string | undefined;
  readonly level: 'container' | 'pod';
}

function at(map: unknown, path: readonly string[]): Pair | undefined {
  let node: unknown = map;
  let pair: Pair | undefined;
  for (const key of path) {
    pair = yamlPair(node, key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

function setting(pair: Pair | undefined, level: 'container' | 'pod'): Setting | undefined {
  if (!pair) return undefined;
  const value = deref(pair.value);
  return { pair, value, text: scalarText(value), level };
}

/** A securityContext key of the container only (privileged, capabilities, readOnlyRootFilesystem...). */
export function containerSetting(c: Container, ...path: string[]): Setting | undefined {
  return setting(at(c.map, ['securityContext', ...path]), 'container');
}

/** A key the pod's securityContext also accepts; the container's value overrides the pod's. */
export function effectiveSetting(c: Container, ...path: string[]): Setting | undefined {
  return setting(at(c.map, ['securityContext', ...path]), 'container') ?? setting(at(c.pod.spec, ['securityContext', ...path]), 'pod');
}

/** Where a finding about a missing securityContext key points: the deepest part of the path that exists in the container, else its name. */
export function missingAnchor(c: Container, ...path: string[]): Span {
  let node: unknown = c.map;
  let span: Span | undefined;
  for (const key of ['securityContext', ...path.slice(0, -1)]) {
    const p = yamlPair(node, key);
    if (!p) break;
    span = keySpan(p);
    node = p.value;
  }
  return span ?? c.anchor;
}

export function spanOfPair(pair: Pair): Span | undefined {
  const k = keySpan(pair);
  const v = nodeSpan(pair.value);
  if (!k) return v;
  return { start: k.start, end: v && scalarText(deref(pair.value)) !== undefined ? v.end : k.end };
}

/** Annotations of the pod (template) metadata, as key -> pair. */
export function annotations(pod: PodSpec): Map<string, Pair> {
  const out = new Map<string, Pair>();
  for (const e of yamlEntries(yamlGet(pod.metadata, 'annotations'))) out.set(e.key, e.pair);
  return out;
}

// ---- reporting ---------------------------------------------------------------------------------

/** Groups findings on the same span (a pod-level key shared by several containers) into one, naming each container. */
export function groupedReporter(ctx: K8sCtx) {
  const groups = new Map<string, { messageId: string; at: Span; data: Record<string, string | number>; names: string[]; fixes: FixSpec[] }>();
  return {
    add(messageId: string, at: Span, container: string, data: Record<string, string | number> = {}, fixes: FixSpec[] = []): void {
      const key = `${messageId}\0${at.start}\0${at.end}`;
      const g = groups.get(key);
      if (g) {
        if (!g.names.includes(container)) g.names.push(container);
      } else groups.set(key, { messageId, at, data, names: [container], fixes });
    },
    flush(): void {
      for (const g of groups.values()) ctx.report({ messageId: g.messageId, at: g.at, data: { ...g.data, container: g.names.join(', ') }, fixes: g.fixes });
    },
  };
}

/** A short description of where a container lives, for messages: `Deployment/web`. */
export function ownerOf(c: Container | PodSpec): string {
  const obj = 'pod' in c ? c.pod.obj : c.obj;
  return `${obj.kind}/${obj.name ?? '?'}`;
}

export function yamlMapOf(node: unknown): YamlMap | undefined {
  const n = deref(node);
  return isYamlMap(n) ? n : undefined;
}
