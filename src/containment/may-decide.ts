import type { ContainmentRequest } from './model';
import type { ContainmentPolicy } from './policy';
import type { ContainmentRole } from './ports';
import { sameId, type RefusalReason } from './refusal';

/** Why someone may not approve or deny a request (now). */
export type DecideRefusal = 'not-requested' | 'not-approver' | 'four-eyes';

/** Who would decide: an identity and the roles resolved for them now (never card data). */
export interface Decider {
  aadObjectId: string;
  roles: ReadonlySet<ContainmentRole>;
}

/**
 * What is decided on. The requester is unknown only where a caller has no request yet (the audit
 * channel's first card from a journal entry without one): then nobody is taken for the requester.
 */
export type DecisionSubject = Pick<ContainmentRequest, 'state' | 'resumable'> & { requester?: { aadObjectId: string } };

/**
 * The one four-eyes rule: may `decider` approve or deny `request` now? Only a waiting request (or
 * an approved one whose start was undone, which an approver's Approve resumes); only an approver;
 * and under four-eyes never the requester, who can cancel instead. The state machine, the click
 * flow, the buttons a viewer sees and the "can decide here" list all ask this.
 */
export function mayDecide(decider: Decider, request: DecisionSubject, policy: Pick<ContainmentPolicy, 'fourEyes'>): { ok: true } | { ok: false; reason: DecideRefusal } {
  const open = request.state === 'requested' || (request.state === 'approved' && request.resumable === true);
  if (!open) return { ok: false, reason: 'not-requested' };
  if (!decider.roles.has('approver')) return { ok: false, reason: 'not-approver' };
  if (policy.fourEyes && request.requester && sameId(decider.aadObjectId, request.requester.aadObjectId)) return { ok: false, reason: 'four-eyes' };
  return { ok: true };
}

/** The same refusal in the words a click is refused with (and journaled). */
export function decisionRefusal(reason: DecideRefusal): RefusalReason {
  return reason === 'four-eyes' ? 'four-eyes' : reason === 'not-approver' ? 'not-allowed' : 'already-decided';
}
