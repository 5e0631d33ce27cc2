import { describeMdeError } from '../mde/describe-error';
import { isMdeError, type MdeError, type MdeErrorKind } from '../mde/errors';
import { commitOutcome, commitStep, refused, type OutcomeEvent, type StepResult } from './commit';
import type { DecideResult, ServiceDeps } from './deps';
import { kindOf } from './deps';
import { findEvidence } from './evidence';
import type { ContainmentRequest, ExecutionError } from './model';
import type { Actor } from './ports';
import { cutTo } from '../util/clip';

export interface ExecuteOptions {
  /**
   * Called once `executing` is stored and journaled, before MDE is called: lets the app replace the
   * card ("executing…") within Teams' invoke deadline while the MDE call runs.
   */
  onExecuting?: (request: ContainmentRequest) => void | Promise<void>;
  /** The approver whose click resumes a resumable request: journaled as who started it. */
  resumedBy?: { aadObjectId: string; name: string };
}

/**
 * Runs an approved request, at most once: `executing` is written (eTag-guarded, so only one caller
 * gets past it) and journaled BEFORE the MDE call, and the call is never repeated. An unclear
 * failure (MDE may have acted) is settled by looking, not by retrying.
 */
export async function execute(deps: ServiceDeps, approved: ContainmentRequest, actor: Actor, options: ExecuteOptions = {}): Promise<DecideResult> {
  const started = await startExecution(deps, approved, options);
  if (!started.ok) {
    if (started.reason !== 'conflict') return started;
    return refused(deps, 'approve', actor, 'already-decided', { requestId: approved.id, tenantId: approved.tenantId, request: started.request });
  }
  if (options.onExecuting) {
    try {
      await options.onExecuting(started.request);
    } catch (err) {
      // The card update is cosmetic; the execution it announces must still happen exactly once.
      deps.warn('containment.on-executing-failed', { requestId: approved.id, error: String(err) });
    }
  }
  return commitOutcome(deps, started.request, await callMde(deps, started.request));
}

/**
 * Writes `executing` with the eTag the approval was read with. A write that lost only to a write
 * that moved nothing on (the approval card's message id, attached as the card was posted) is not
 * a decision: the request is reloaded and started again, so it does not sit `approved` until the
 * sweep. Anything that did move it on (another caller started it, recovery settled it) wins.
 */
async function startExecution(deps: ServiceDeps, approved: ContainmentRequest, options: ExecuteOptions): Promise<Exclude<StepResult, { reason: 'conflict' }> | { ok: false; reason: 'conflict'; request?: ContainmentRequest }> {
  let current = approved;
  for (let round = 1; ; round++) {
    const started = await commitStep(deps, current, { type: 'startExecution', ...(options.resumedBy ? { by: options.resumedBy } : {}) });
    if (started.ok || started.reason !== 'conflict') return started as Exclude<StepResult, { reason: 'conflict' }>;
    const now = await deps.repo.load(approved.id);
    const request = now.ok ? now.request : undefined;
    const unmoved = request?.state === 'approved' && request.history.length === approved.history.length && request.resumable === approved.resumable;
    if (!request || !unmoved || round >= 3) return { ok: false, reason: 'conflict', request };
    current = request;
  }
}

/** MDE refused before acting: the outcome is certain. Anything else may have gone through. */
const DEFINITE: ReadonlySet<MdeErrorKind> = new Set(['bad-request', 'unauthorized', 'forbidden', 'not-found', 'throttled']);

/** The kind's MDE call, once. A definite refusal fails it; anything unclear is settled by looking. */
async function callMde(deps: ServiceDeps, request: ContainmentRequest): Promise<OutcomeEvent> {
  try {
    return await kindOf(deps, request).execute(request, { now: deps.clock, warn: deps.warn });
  } catch (err) {
    const error = executionError(err);
    if (isMdeError(err) && DEFINITE.has(err.kind)) return { type: 'fail', error };
    try {
      const evidence = await findEvidence(deps, request);
      return evidence.found ? { type: 'succeed', mdeId: evidence.mdeId, status: evidence.mdeStatus, note: 'confirmed-after-error' } : { type: 'fail', error };
    } catch (checkErr) {
      deps.warn('containment.evidence-failed', { requestId: request.id, error: String(checkErr) });
      return { type: 'fail', error, note: 'outcome-unknown' };
    }
  }
}

export function executionError(err: unknown): ExecutionError {
  if (!isMdeError(err)) return { kind: 'unknown', message: clip(`Unexpected error during the MDE call: ${err instanceof Error ? err.message : String(err)}`) };
  const e: MdeError = err;
  const out: ExecutionError = { kind: e.kind, operation: e.operation, message: clip(describeMdeError(e).detail) };
  if (e.code) out.code = e.code;
  if (e.status !== undefined) out.status = e.status;
  if (e.target) out.correlationId = e.target;
  if (e.permissions.length > 0) out.permissions = [...e.permissions];
  return out;
}

/** Error text kept with the request: bounded, as outside text. */
const clip = (s: string) => cutTo(s, 2000);
