import { commitStep, refused, type StepResult } from './commit';
import type { AuditUnavailable, DecideResult, ServiceDeps } from './deps';
import { execute, type ExecuteOptions } from './execute';
import { REQUEST_ID, type ContainmentRequest } from './model';
import { LIMITS } from './limits';
import { decisionRefusal, mayDecide } from './may-decide';
import { authorize, personOf, type Verb } from './policy';
import type { Actor } from './ports';
import type { ContainmentEvent } from './transition';

export interface ClickArgs {
  id: string;
  actor: Actor;
  tenantId: string;
  comment?: string;
}

/** Losing an eTag race means reloading and deciding again; this many times before giving up. */
const MAX_ROUNDS = 3;

/** An approver's approve or deny. An approval goes straight on to execution (exactly once). */
export async function decide(deps: ServiceDeps, verdict: 'approve' | 'deny', args: ClickArgs, options: ExecuteOptions = {}): Promise<DecideResult> {
  const by = personOf(args.actor);
  const comment = args.comment?.trim() || undefined;
  if (comment && Array.from(comment).length > LIMITS.comment) {
    // Named only when the request exists (in the clicker's tenant): then it shows in its audit thread.
    const exists = REQUEST_ID.test(args.id) && (await deps.repo.get(args.id, args.tenantId)).ok;
    return refused(deps, verdict, args.actor, 'invalid', { ...(exists ? { requestId: args.id } : {}), tenantId: args.tenantId, detail: { comment: `longer than ${LIMITS.comment} characters` } });
  }
  const event: ContainmentEvent = verdict === 'approve' ? { type: 'approve', by, comment } : { type: 'deny', by, comment };
  return click(deps, verdict, args, event, {
    then: (approved) => execute(deps, approved, args.actor, options),
    resume: (approved) => execute(deps, approved, args.actor, { ...options, resumedBy: by }),
  });
}

/** The requester withdraws their own request while it waits for a decision. */
export function cancel(deps: ServiceDeps, args: Omit<ClickArgs, 'comment'>): Promise<DecideResult> {
  return click(deps, 'cancel', args, { type: 'cancel', by: personOf(args.actor) });
}

/**
 * One click, from scratch each round: reload, check role and tenant (from this click's roles
 * only), apply the event, write with the eTag read. A lost race reloads and re-checks, so the
 * loser is told `already-decided` with the winner's state. Every refusal is journaled.
 */
async function click(
  deps: ServiceDeps,
  verb: Verb,
  args: Omit<ClickArgs, 'comment'>,
  event: ContainmentEvent,
  next: { then?: (request: ContainmentRequest) => Promise<DecideResult>; resume?: (request: ContainmentRequest) => Promise<DecideResult> } = {},
): Promise<DecideResult> {
  const { then, resume } = next;
  const { id, actor, tenantId } = args;
  // The id is card data: journal it only when it could be one of ours.
  const about = REQUEST_ID.test(id) ? { requestId: id, tenantId } : { tenantId, detail: { requestIdShape: 'invalid' } };
  let last: ContainmentRequest | undefined;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    // Loaded whatever its tenant, so that authorize() can tell (and the journal record) a cross-tenant click.
    const found = await deps.repo.load(id);
    if (!found.ok && found.reason === 'corrupt') return refused(deps, verb, actor, 'not-found', { ...about, detail: { corrupt: found.issues } });
    // No such request: the refusal must not claim one (it would open a thread for it in the
    // audit channel); what was clicked is kept as a detail.
    if (!found.ok) return refused(deps, verb, actor, 'not-found', { tenantId, detail: about.requestId ? { unknownRequestId: id } : { requestIdShape: 'invalid' } });
    const request = found.request;
    last = request;
    const auth = authorize(verb, actor, tenantId, request);
    // Another tenant's request is shown as not found (its existence is not the clicker's to learn),
    // and journaled as what it is.
    if (!auth.ok && auth.reason === 'wrong-tenant') return refused(deps, verb, actor, 'wrong-tenant', { ...about, shownAs: 'not-found' });
    if (!auth.ok) return refused(deps, verb, actor, auth.reason, { ...about, request });
    // Approved and journaled, but its start was undone (the journal refused the 'executing'
    // entry): an approver's click starts it, recorded as theirs. MDE was not called, and the
    // eTag-guarded 'executing' write still lets exactly one caller through. Any other 'approved'
    // request (a click racing the approval, or one the journal may not have) is not resumed.
    if (verb === 'approve' && resume && request.state === 'approved' && request.resumable) {
      const may = mayDecide(actor, request, deps.policy);
      if (!may.ok) return refused(deps, verb, actor, decisionRefusal(may.reason), { ...about, request });
      return resume(request);
    }

    const step: StepResult = await commitStep(deps, request, event);
    if (step.ok) return then && step.request.state === 'approved' ? then(step.request) : step;
    if (step.reason === 'conflict') continue;
    if (step.reason === 'audit-unavailable') return step;
    if (step.reason === 'expired' && request.state === 'requested') return expireOnClick(deps, verb, actor, request, about);
    return refused(deps, verb, actor, step.reason, { ...about, request });
  }
  return refused(deps, verb, actor, 'already-decided', { ...about, request: last });
}

/** A click after the TTL: the request expires now (journaled), then the click is refused as expired. */
async function expireOnClick(
  deps: ServiceDeps,
  verb: Verb,
  actor: Actor,
  request: ContainmentRequest,
  about: { requestId?: string; tenantId: string },
): Promise<DecideResult | AuditUnavailable> {
  const expired = await commitStep(deps, request, { type: 'expire' });
  if (!expired.ok && expired.reason === 'audit-unavailable') return expired;
  const current = expired.ok ? expired.request : await deps.repo.get(request.id, request.tenantId).then((r) => (r.ok ? r.request : request));
  return refused(deps, verb, actor, 'expired', { ...about, request: current });
}
