// The shape every parser returns: a model, or the reason the file could not be evaluated.
import type { Text } from '../model';

export type ParseOutcome<M> =
  | { readonly ok: true; readonly model: M }
  | { readonly ok: false; readonly reason: Text; /** zero-based line of the problem, when known */ readonly line?: number };
