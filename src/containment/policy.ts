import type { ContainmentRequest } from './model';
import type { Actor, ContainmentRole } from './ports';
import { refuse, sameId, type Refusal } from './refusal';
import { cutTo } from '../util/clip';

/** What a person may do to containment requests. */
export type Verb = 'request' | 'approve' | 'deny' | 'cancel';

/**
 * The one role each verb needs. Roles are flat (an approver is not implicitly a responder); the
 * role resolver may grant several. Cancel needs `responder` as well as being the requester, so a
 * person whose role was withdrawn cannot act at all (deny by default); an approver can still deny.
 */
export const REQUIRED_ROLE: Readonly<Record<Verb, ContainmentRole>> = {
  request: 'responder',
  approve: 'approver',
  deny: 'approver',
  cancel: 'responder',
};

export interface ContainmentPolicy {
  /** How long a request waits for a decision. */
  ttlMs: number;
  /** The requester may not approve their own request. */
  fourEyes: boolean;
  /** Approved/executing requests older than this are presumed abandoned by a dead process. */
  staleAfterMs: number;
  /** Following a machine action MDE accepted (a kind with follow-through): first look this long after MDE accepted it… */
  followFirstMs: number;
  /** …then back off (doubling) up to this interval between looks… */
  followMaxIntervalMs: number;
  /** …and stop following (saying so) this long after it was sent. */
  followForMs: number;
}

export const DEFAULT_POLICY: ContainmentPolicy = {
  ttlMs: 60 * 60_000,
  fourEyes: true,
  // Longer than any single MDE call can take through the client (timeouts and 429 waits included).
  staleAfterMs: 10 * 60_000,
  followFirstMs: 5_000,
  // 12 looks an hour per followed action at most: well inside machineactions' 100/min, 1,500/h.
  followMaxIntervalMs: 5 * 60_000,
  // MDE times pending actions out well before this (the action ends as TimeOut); a week is a backstop.
  followForMs: 7 * 24 * 60 * 60_000,
};

/**
 * May `actor` do `verb` (to `request`, when there is one) in `tenantId`? `role` is the verb's, or
 * for `request` the kind's policy (src/containment/action-kind.ts). Roles come from the caller,
 * resolved on the server for this very click; nothing stored on the request or sent by the card
 * counts. Lifecycle rules (four-eyes, requester-only cancel, TTL) are transition.ts's job.
 */
export function authorize(verb: Verb, actor: Actor, tenantId: string, request?: ContainmentRequest, role: ContainmentRole = REQUIRED_ROLE[verb]): { ok: true } | Refusal {
  if (request && !sameId(request.tenantId, tenantId)) return refuse('wrong-tenant');
  // An Entra object id is a GUID; anything blank or outsized is no identity at all.
  if (!/^\S{1,128}$/.test(actor.aadObjectId)) return refuse('not-allowed');
  if (!actor.roles.has(role)) return refuse('not-allowed', request?.state);
  return { ok: true };
}

/** The person as stored on a request: display names are clipped to what the model keeps. */
export const personOf = (actor: Actor): { aadObjectId: string; name: string } => ({ aadObjectId: actor.aadObjectId, name: cutTo(actor.name, 256) });
