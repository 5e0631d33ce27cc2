import { closeOrFollow, commitOutcome, commitStep, entryOf, journal, settle, type OutcomeEvent } from './commit';
import type { ServiceDeps } from './deps';
import { findEvidence } from './evidence';
import { TERMINAL_STATES, type ContainmentRequest } from './model';

export type RecoveryAction =
  /** An `executing` request settled by looking in MDE (never by calling it again). */
  | 'reconciled'
  /** Approved but never started: failed as interrupted (MDE was not called). */
  | 'interrupted'
  /** A stored outcome whose journal entry was missing, journaled now (marked redelivered). */
  | 'journaled'
  /** Could not settle it now (MDE or the journal failed); tried again next sweep. */
  | 'unresolved'
  /** Unreadable stored data: left alone for a person to look at. */
  | 'corrupt';

export interface RecoveryItem {
  id: string;
  action: RecoveryAction;
  request?: ContainmentRequest;
  detail?: string;
}

/**
 * Start-up (and periodic) recovery of work a dead process left behind. A request found
 * `executing` is never re-executed: MDE is asked (through the request's kind) whether the effect
 * exists and the request becomes `succeeded`
 * (`reconciled`) or `failed` (`interrupted`). Only requests untouched for `staleAfterMs` are
 * considered, so a live call in another instance is not mistaken for a dead one; pass 0 at the
 * start of a single-instance deployment.
 */
export async function recoverInFlight(deps: ServiceDeps, options: { staleAfterMs?: number } = {}): Promise<RecoveryItem[]> {
  const staleAfterMs = options.staleAfterMs ?? deps.policy.staleAfterMs;
  const report: RecoveryItem[] = [];
  for (const id of await deps.repo.openIds()) {
    const found = await deps.repo.load(id);
    if (!found.ok) {
      if (found.reason === 'corrupt') report.push({ id, action: 'corrupt', detail: found.issues.join('; ') });
      else await deps.repo.close(id);
      continue;
    }
    const request = found.request;
    const idleMs = deps.clock() - Date.parse(request.history[request.history.length - 1]?.at ?? request.createdAt);
    if (TERMINAL_STATES.has(request.state)) {
      if (!request.auditPending) await closeOrFollow(deps, request);
      else if (await journal(deps, entryOf(deps, request, { redelivered: true }))) report.push({ id, action: 'journaled', request: await settle(deps, request) });
      else report.push({ id, action: 'unresolved', request, detail: 'audit journal unavailable' });
    } else if (request.state === 'approved' && idleMs >= staleAfterMs) {
      const event: OutcomeEvent = { type: 'fail', note: 'interrupted', error: { kind: 'interrupted', message: 'Verdict stopped after the approval and before calling Defender; nothing was sent. Request it again if still needed.' } };
      report.push(outcomeItem(id, 'interrupted', await commitOutcome(deps, request, event, { recovered: true })));
    } else if (request.state === 'executing' && idleMs >= staleAfterMs) {
      report.push(await reconcile(deps, request));
    }
  }
  return report;
}

async function reconcile(deps: ServiceDeps, request: ContainmentRequest): Promise<RecoveryItem> {
  let event: OutcomeEvent;
  try {
    const evidence = await findEvidence(deps, request);
    event = evidence.found
      ? { type: 'succeed', mdeId: evidence.mdeId, status: evidence.mdeStatus, note: 'reconciled' }
      : { type: 'fail', note: 'interrupted', error: { kind: 'interrupted', message: `Verdict stopped during the Defender call and Defender shows no effect (${evidence.detail}). Request it again if still needed.` } };
  } catch (err) {
    // No step was taken, so nothing to journal; the report and the log say why, and the next sweep asks again.
    deps.warn('containment.reconcile-failed', { requestId: request.id, state: request.state, error: String(err) });
    return { id: request.id, action: 'unresolved', request, detail: String(err) };
  }
  return outcomeItem(request.id, 'reconciled', await commitOutcome(deps, request, event, { recovered: true }));
}

function outcomeItem(id: string, action: RecoveryAction, result: Awaited<ReturnType<typeof commitOutcome>>): RecoveryItem {
  return result.ok ? { id, action, request: result.request } : { id, action: 'unresolved', request: result.request, detail: result.reason };
}

/** Expires every waiting request past its TTL (journaled); returns them so their cards can be redrawn. */
export async function expireDue(deps: ServiceDeps): Promise<ContainmentRequest[]> {
  const expired: ContainmentRequest[] = [];
  for (const id of await deps.repo.openIds()) {
    const found = await deps.repo.load(id);
    if (!found.ok || found.request.state !== 'requested' || deps.clock() < Date.parse(found.request.expiresAt)) continue;
    const step = await commitStep(deps, found.request, { type: 'expire' });
    // A conflict means a click got there first; a journal failure leaves it for the next sweep.
    if (step.ok) expired.push(step.request);
  }
  return expired;
}
