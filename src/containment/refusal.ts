import type { RequestState } from './model';

/** Why a click or a step was refused: a closed set the cards can explain. */
export type RefusalReason =
  | 'not-found'
  | 'wrong-tenant'
  | 'not-allowed'
  | 'four-eyes'
  | 'already-decided'
  | 'expired'
  | 'not-requester'
  | 'invalid';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** The request's current state, for `already-decided` (and `expired`). */
  state?: RequestState;
}

export const refuse = (reason: RefusalReason, state?: RequestState): Refusal => (state === undefined ? { ok: false, reason } : { ok: false, reason, state });

export const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
