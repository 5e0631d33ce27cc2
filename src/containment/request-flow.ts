import { isMdeError } from '../mde/errors';
import { policyOf, type ActionKind } from './action-kind';
import { refusalEntry } from './audit-entries';
import { commitStep, entryOf, journal, refused } from './commit';
import type { RequestResult, ServiceDeps } from './deps';
import { execute, type ExecuteOptions } from './execute';
import { serviceUrlSchema, type ContainmentRequest } from './model';
import { inFlightRequests } from './open-requests';
import { authorize, personOf } from './policy';
import type { Actor } from './ports';
import { validateInput, type ValidInput } from './validate-input';

export interface RequestArgs {
  actor: Actor;
  tenantId: string;
  /**
   * Where the approval card goes; `activityId` is usually set later with `attachCard`. `serviceUrl`
   * lets Verdict redraw the card later without a click; one that is not an http(s) URL is dropped.
   */
  conversation: { id: string; activityId?: string; serviceUrl?: string; originActivityId?: string; type?: string; requesterId?: string };
  /** `{ kind, target, parameters, reason }` from the form: validated here, every field. */
  input: unknown;
}

/**
 * Opens a request: role (the kind's), input, the kind's pre-checks against MDE, then stored and
 * journaled, in that order. A kind whose policy needs no approval is then approved by policy and
 * executed at once (`options` as for an approval), and the result is its outcome.
 */
export async function requestContainment(deps: ServiceDeps, args: RequestArgs, options: ExecuteOptions = {}): Promise<RequestResult> {
  const { actor, tenantId, conversation } = args;
  const named = deps.kinds.get(String((args.input as { kind?: unknown } | null)?.kind ?? ''));
  const policy = named ? policyOf(named, deps.actionPolicy) : undefined;
  const auth = authorize('request', actor, tenantId, undefined, policy?.requestRole);
  if (!auth.ok) return refused(deps, 'request', actor, auth.reason, { tenantId });

  const now = deps.clock();
  const valid = validateInput(args.input, deps.kinds, { now, ttlMs: deps.policy.ttlMs });
  const issues = valid.ok ? [] : valid.issues;
  if (!tenantId.trim() || tenantId.length > 128) issues.push('tenantId: required, at most 128 characters');
  if (!conversation.id.trim() || conversation.id.length > 1024) issues.push('conversation.id: required, at most 1024 characters');
  if ((conversation.activityId?.length ?? 0) > 1024) issues.push('conversation.activityId: at most 1024 characters');
  if (!valid.ok || issues.length > 0) {
    if (!(await journal(deps, refusalEntry('request', actor, 'invalid', { tenantId, detail: issues })))) return { ok: false, reason: 'audit-unavailable' };
    return { ok: false, reason: 'invalid-input', issues };
  }
  const { input, kind } = valid;
  const refuse = async (refusal: Exclude<Precheck, { ok: true }>): Promise<RequestResult> => {
    const reason = refusal.reason === 'precheck-failed' ? 'precheck-failed' : refusal.refusal.reason;
    const detail = { kind: input.kind, target: input.target, ...(refusal.reason === 'precheck-failed' ? errorDetail(refusal.error) : refusal.refusal.detail) };
    if (!(await journal(deps, refusalEntry('request', actor, reason, { tenantId, detail })))) return { ok: false, reason: 'audit-unavailable' };
    return refusal;
  };

  const clash = await conflictOf(deps, kind, input, tenantId, now);
  if (clash) return refuse(clash);
  const checked = await precheck(kind, input, now);
  if (!checked.ok) return refuse(checked);

  const request = newRequest(deps, kind, input, actor, tenantId, conversation, now, checked.facts);
  const created = await deps.repo.create(request);
  if (!created.ok) throw new Error(`containment request id ${request.id} already exists: the id generator repeated itself`);
  // Another instance may have stored a conflicting request between our check and our create: of
  // two such, the one listed first in the open index stays (the index is written conditionally,
  // so every instance sees one order), and exactly one survives. Nobody has seen ours yet:
  // removing it is safe.
  const raced = await conflictOf(deps, kind, input, tenantId, now, created.request.id);
  if (raced) {
    await deps.repo.remove(request.id);
    return refuse(raced);
  }
  const notes = checked.notes;
  // A request that needs no approver says so from its first entry (the audit channel offers no Approve on it).
  const byPolicy = policyOf(kind, deps.actionPolicy).approval === 'none';
  if (!(await journal(deps, entryOf(deps, created.request, { ...notes, ...(byPolicy ? { approval: 'none' } : {}) })))) {
    // Not journaled, so it must not exist: nobody has seen it yet (the card is posted after we return).
    const undone = await deps.repo.remove(request.id).then(() => true, (err: unknown) => (deps.warn('containment.remove-failed', { requestId: request.id, error: String(err) }), false));
    return { ok: false, reason: 'audit-unavailable', undone };
  }
  const accepted = byPolicy ? await runByPolicy(deps, created.request, actor, options) : { ok: true as const, request: created.request };
  if (!accepted.ok) return accepted;
  return notes ? { ok: true, request: accepted.request, notes } : { ok: true, request: accepted.request };
}

/**
 * A kind whose policy needs no approval: approved by policy (journaled like an approval, the
 * decision marked `byPolicy`), then executed exactly once, as an approver's click would. If the
 * journal refuses the approval, it is undone and the request waits as any other (an approver may
 * still decide it, or it expires).
 */
async function runByPolicy(deps: ServiceDeps, request: ContainmentRequest, actor: Actor, options: ExecuteOptions): Promise<Exclude<RequestResult, { reason: 'invalid-input' | 'precheck-failed' | 'precheck-refused' }>> {
  const approved = await commitStep(deps, request, { type: 'approveByPolicy' });
  if (!approved.ok) return approved.reason === 'conflict' ? { ok: false, reason: 'already-decided' } : approved;
  return execute(deps, approved.request, actor, options);
}

type Precheck =
  | { ok: true; facts?: Record<string, unknown>; notes?: Record<string, unknown> }
  | Extract<RequestResult, { reason: 'precheck-refused' | 'precheck-failed' }>;

/**
 * The kind's conflict rule against the tenant's requests in flight (src/containment/open-requests.ts);
 * with `self` (just stored), only against those listed before it (the race check).
 */
async function conflictOf(deps: ServiceDeps, kind: ActionKind, input: ValidInput, tenantId: string, now: number, self?: string): Promise<Exclude<Precheck, { ok: true }> | null> {
  if (!kind.conflict) return null;
  const others = await inFlightRequests(deps, tenantId, now, self);
  const refusal = kind.conflict({ target: input.target, parameters: input.parameters }, others);
  return refusal ? { ok: false, reason: 'precheck-refused', refusal } : null;
}

async function precheck(kind: ActionKind, input: ValidInput, now: number): Promise<Precheck> {
  try {
    const result = await kind.precheck({ target: input.target, parameters: input.parameters }, { now });
    return result.ok ? result : { ok: false, reason: 'precheck-refused', refusal: { reason: result.reason, detail: result.detail } };
  } catch (err) {
    if (isMdeError(err)) return { ok: false, reason: 'precheck-failed', error: err };
    throw err;
  }
}

function errorDetail(error: Extract<RequestResult, { reason: 'precheck-failed' }>['error']): Record<string, unknown> {
  return { error: { kind: error.kind, code: error.code, correlationId: error.target, operation: error.operation } };
}

function newRequest(deps: ServiceDeps, kind: ActionKind, input: ValidInput, actor: Actor, tenantId: string, conversation: RequestArgs['conversation'], now: number, facts: Record<string, unknown> = {}): ContainmentRequest {
  const at = new Date(now).toISOString();
  const requester = personOf(actor);
  const { reason, ...what } = input;
  // Only the facts the kind declares: a pre-check cannot overwrite a field of the core's.
  const stored = Object.fromEntries((kind.storedFacts ?? []).filter((key) => facts[key] !== undefined).map((key) => [key, facts[key]]));
  const candidate = {
    ...what,
    ...stored,
    id: deps.ids(),
    state: 'requested',
    tenantId,
    requester,
    createdAt: at,
    expiresAt: new Date(now + deps.policy.ttlMs).toISOString(),
    reason,
    conversation: conversationOf(conversation),
    history: [{ at, from: null, to: 'requested', by: requester }],
    revision: 0,
  };
  // Whatever we are about to store must load again: fail here, loudly, rather than on the click.
  return kind.stored.parse(candidate);
}

function conversationOf(c: RequestArgs['conversation']): ContainmentRequest['conversation'] {
  const serviceUrl = c.serviceUrl && serviceUrlSchema.safeParse(c.serviceUrl).success ? c.serviceUrl : undefined;
  // Where the requester's news goes: kept only when within the stored limits (activity data).
  const fits = (v: string | undefined, max: number): v is string => typeof v === 'string' && v !== '' && v.length <= max;
  return {
    id: c.id,
    ...(c.activityId ? { activityId: c.activityId } : {}),
    ...(serviceUrl ? { serviceUrl } : {}),
    ...(fits(c.originActivityId, 1024) ? { originActivityId: c.originActivityId } : {}),
    ...(fits(c.type, 64) ? { type: c.type } : {}),
    ...(fits(c.requesterId, 256) ? { requesterId: c.requesterId } : {}),
  };
}
