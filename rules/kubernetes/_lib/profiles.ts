// The seccomp and AppArmor profile a container ends up with, from the securityContext fields
// (container over pod) and the legacy annotations, and where that decision is written.
import { deref, scalarText, type Span } from '../../../server/src/engine/ruleApi';
import { annotations, effectiveSetting, spanOfPair, type Container, type Pair } from './workload';

export type ProfileState = 'confined' | 'unconfined' | 'invalid' | 'missing';

export interface Profile {
  readonly state: ProfileState;
  /** The value as written (type or annotation value). */
  readonly value?: string;
  /** The pair that decided the state, absent when nothing is set. */
  readonly pair?: Pair;
  readonly at?: Span;
  readonly source?: 'field' | 'annotation';
}

function fromField(type: string): ProfileState {
  if (type === 'RuntimeDefault' || type === 'Localhost') return 'confined';
  if (type === 'Unconfined') return 'unconfined';
  return 'invalid';
}

function fromAnnotation(value: string): ProfileState {
  const v = value.trim();
  if (v === 'runtime/default' || v === 'docker/default' || /^localhost\/\S+/.test(v)) return 'confined';
  if (v === 'unconfined') return 'unconfined';
  return 'invalid';
}

function result(state: ProfileState, pair: Pair, source: 'field' | 'annotation'): Profile {
  const value = scalarText(deref(pair.value));
  const at = spanOfPair(pair);
  return { state, pair, source, ...(value !== undefined ? { value } : {}), ...(at ? { at } : {}) };
}

export function seccompOf(c: Container): Profile {
  const notes = annotations(c.pod);
  const containerType = effectiveSetting(c, 'seccompProfile', 'type');
  if (containerType?.level === 'container') return result(fromField(containerType.text ?? ''), containerType.pair, 'field');
  const cAnn = notes.get(`container.seccomp.security.alpha.kubernetes.io/${c.name}`);
  if (cAnn) return result(fromAnnotation(scalarText(cAnn.value) ?? ''), cAnn, 'annotation');
  if (containerType) return result(fromField(containerType.text ?? ''), containerType.pair, 'field');
  const podAnn = notes.get('seccomp.security.alpha.kubernetes.io/pod') ?? notes.get('seccomp.security.alpha.kubernetes.io/defaultProfileName');
  if (podAnn) return result(fromAnnotation(scalarText(podAnn.value) ?? ''), podAnn, 'annotation');
  return { state: 'missing' };
}

export function apparmorOf(c: Container): Profile {
  const notes = annotations(c.pod);
  const type = effectiveSetting(c, 'appArmorProfile', 'type');
  if (type?.level === 'container') return result(fromField(type.text ?? ''), type.pair, 'field');
  const ann = notes.get(`container.apparmor.security.beta.kubernetes.io/${c.name}`);
  if (ann) return result(fromAnnotation(scalarText(ann.value) ?? ''), ann, 'annotation');
  if (type) return result(fromField(type.text ?? ''), type.pair, 'field');
  return { state: 'missing' };
}
