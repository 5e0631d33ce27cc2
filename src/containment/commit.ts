import { followsAction } from './action-kind';
import { plain, refusalEntry, transitionEntry } from './audit-entries';
import { kindOf, type AuditUnavailable, type ServiceDeps, type ServiceRefusal } from './deps';
import { TERMINAL_STATES, type ContainmentRequest } from './model';
import { SYSTEM_ACTOR, type Actor, type ContainmentAuditEntry } from './ports';
import type { RefusalReason } from './refusal';
import { transition, type ContainmentEvent } from './transition';

/**
 * How a transition becomes real. The order is the audit guarantee:
 *   1. the transition is written with the eTag it was read with: of two racers, one wins;
 *   2. only the winner journals it, at once, before anything else happens;
 *   3. if the journal refuses, a step with no effect outside (every step before the MDE call) is
 *      undone and reported as `audit-unavailable`: nothing happened and nothing is claimed.
 * Outcomes of an MDE call cannot be undone: see `commitOutcome`.
 */
export type StepResult = { ok: true; request: ContainmentRequest } | ServiceRefusal | { ok: false; reason: 'conflict' } | AuditUnavailable;

export async function commitStep(deps: ServiceDeps, request: ContainmentRequest, event: ContainmentEvent): Promise<StepResult> {
  const moved = transition(request, event, { now: deps.clock(), fourEyes: deps.policy.fourEyes });
  if (!moved.ok) return moved;
  const written = await deps.repo.update(moved.request);
  if (!written.ok) return written;
  if (!(await journal(deps, entryOf(deps, written.request)))) {
    // An undone start leaves a journaled approval that nobody has executed: the next approver click may.
    const back = event.type === 'startExecution' ? { ...request, resumable: true } : request;
    return { ok: false, reason: 'audit-unavailable', undone: await undo(deps, back, written.request) };
  }
  if (TERMINAL_STATES.has(written.request.state)) await close(deps, written.request.id);
  return written;
}

/**
 * Puts back what `request` said, over our own write. False when that fails too (storage down):
 * the step then stands unjournaled, but it is never `executing` with a call made, and
 * recovery settles approved/executing leftovers without calling MDE.
 */
async function undo(deps: ServiceDeps, request: ContainmentRequest, written: ContainmentRequest): Promise<boolean> {
  try {
    return (await deps.repo.update({ ...request, eTag: written.eTag, revision: written.revision })).ok;
  } catch (err) {
    deps.warn('containment.undo-failed', { requestId: request.id, state: written.state, error: String(err) });
    return false;
  }
}

/** The event an MDE call (or a reconciliation) ended with. */
export type OutcomeEvent = Extract<ContainmentEvent, { type: 'succeed' } | { type: 'fail' }>;

/**
 * Records what MDE did. Written first with `auditPending` (so a crash before the journal entry is
 * visible to recovery), then journaled, then the flag cleared. A conflict means recovery got there
 * first: the outcome is still journaled (marked `late: true`, with the state recovery stored) so
 * nothing MDE did is lost, and the caller is told `already-decided`.
 */
export async function commitOutcome(
  deps: ServiceDeps,
  request: ContainmentRequest,
  event: OutcomeEvent,
  extra: Record<string, unknown> = {},
): Promise<{ ok: true; request: ContainmentRequest } | ServiceRefusal | AuditUnavailable> {
  let current = request;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const moved = transition(current, event, { now: deps.clock(), fourEyes: deps.policy.fourEyes });
    if (!moved.ok) {
      const entry: ContainmentAuditEntry = {
        type: event.type === 'succeed' ? 'containment.succeeded' : 'containment.failed',
        actor: { ...SYSTEM_ACTOR },
        requestId: current.id,
        data: plain({ late: true, storedState: current.state, outcome: event, ...extra }),
      };
      if (!(await journal(deps, entry))) return { ok: false, reason: 'audit-unavailable', request: current };
      return { ok: false, reason: 'already-decided', state: current.state, request: current };
    }
    const written = await deps.repo.update({ ...moved.request, auditPending: true });
    if (!written.ok) {
      const reloaded = await deps.repo.load(current.id);
      if (!reloaded.ok) throw new Error(`containment request ${current.id} vanished while recording its outcome`);
      current = reloaded.request;
      // Moved on to another live state (recovery's "interrupted" racing an approver resuming it):
      // that caller owns the outcome now; this one must not overwrite it.
      if (current.state !== request.state && !TERMINAL_STATES.has(current.state)) return { ok: false, reason: 'already-decided', state: current.state, request: current };
      continue;
    }
    if (!(await journal(deps, entryOf(deps, written.request, extra)))) return { ok: false, reason: 'audit-unavailable', request: written.request };
    return { ok: true, request: await settle(deps, written.request) };
  }
  throw new Error(`containment request ${request.id}: outcome could not be written (repeated conflicts)`);
}

/**
 * Clears `auditPending` and closes the request once its outcome is in the journal. An action
 * MDE accepted but has not finished is put on the follow list first (before the open list forgets
 * it), so its action is followed to a final status, across restarts.
 */
export async function settle(deps: ServiceDeps, request: ContainmentRequest): Promise<ContainmentRequest> {
  const { auditPending: _done, ...rest } = request;
  let result = request;
  try {
    const cleared = await deps.repo.update(rest as ContainmentRequest);
    if (cleared.ok) result = cleared.request;
    else deps.warn('containment.settle-conflict', { requestId: request.id });
  } catch (err) {
    // The outcome is stored and journaled; recovery clears the flag later (re-sending, marked redelivered).
    deps.warn('containment.settle-failed', { requestId: request.id, error: String(err) });
  }
  await closeOrFollow(deps, request);
  return result;
}

/**
 * Takes a finished request off the open list. An action MDE accepted but has not finished (a kind
 * with follow-through) goes on the follow list first, so its status is followed to a final status across restarts; if
 * that fails the request stays open and the next sweep tries again.
 */
export async function closeOrFollow(deps: ServiceDeps, request: ContainmentRequest): Promise<void> {
  if (followsAction(request, deps.kinds.get(request.kind))) {
    try {
      await deps.repo.follow(request.id);
    } catch (err) {
      deps.warn('containment.follow-failed', { requestId: request.id, error: String(err) });
      return;
    }
  }
  await close(deps, request.id);
}

/** The journal entry for the request's newest step, with its kind's words for it. */
export const entryOf = (deps: Pick<ServiceDeps, 'kinds'>, request: ContainmentRequest, extra: Record<string, unknown> = {}): ContainmentAuditEntry =>
  transitionEntry(kindOf(deps, request), request, extra);

/** Appends; false when the journal refused. Never throws for a journal failure. */
export async function journal(deps: ServiceDeps, entry: ContainmentAuditEntry): Promise<boolean> {
  try {
    await deps.audit.append(entry);
    return true;
  } catch (err) {
    deps.warn('containment.audit-failed', { type: entry.type, requestId: entry.requestId, error: String(err) });
    return false;
  }
}

/**
 * Journals a refusal with its real reason, then returns it (as `shownAs` when the clicker must not
 * learn the real one, e.g. another tenant's request); `audit-unavailable` if the journal refused.
 */
export async function refused(
  deps: ServiceDeps,
  verb: string,
  actor: Pick<Actor, 'aadObjectId' | 'name'>,
  reason: RefusalReason,
  about: { requestId?: string; tenantId?: string; request?: ContainmentRequest; detail?: unknown; shownAs?: RefusalReason } = {},
): Promise<ServiceRefusal | AuditUnavailable> {
  const { request, shownAs, ...rest } = about;
  if (!(await journal(deps, refusalEntry(verb, actor, reason, { ...rest, state: request?.state })))) return { ok: false, reason: 'audit-unavailable' };
  const shown = shownAs ?? reason;
  if (shownAs) return { ok: false, reason: shown };
  const state = shown === 'already-decided' || shown === 'expired' ? request?.state : undefined;
  const result: ServiceRefusal = state ? { ok: false, reason: shown, state } : { ok: false, reason: shown };
  return request ? { ...result, request } : result;
}

async function close(deps: ServiceDeps, id: string): Promise<void> {
  try {
    await deps.repo.close(id);
  } catch (err) {
    // A stale open id costs the sweep one read; it prunes it next time.
    deps.warn('containment.close-failed', { requestId: id, error: String(err) });
  }
}
