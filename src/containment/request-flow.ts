import { isMdeError } from '../mde/errors';
import { refusalEntry, transitionEntry } from './audit-entries';
import { journal, refused } from './commit';
import type { Quota, RequestResult, ServiceDeps } from './deps';
import { checkExistingIndicator } from './existing-indicator';
import { QUOTA_WARNING_RATIO } from './limits';
import { containmentRequestSchema, serviceUrlSchema, type ContainmentRequest, type SupersededIndicator } from './model';
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

/** Opens a request: role, input, pre-checks against MDE, then stored and journaled, in that order. */
export async function requestContainment(deps: ServiceDeps, args: RequestArgs): Promise<RequestResult> {
  const { actor, tenantId, conversation } = args;
  const auth = authorize('request', actor, tenantId);
  if (!auth.ok) return refused(deps, 'request', actor, auth.reason, { tenantId });

  const now = deps.clock();
  const valid = validateInput(args.input, { now, ttlMs: deps.policy.ttlMs, maxIndicatorLifetimeMs: deps.policy.maxIndicatorLifetimeMs });
  const issues = valid.ok ? [] : valid.issues;
  if (!tenantId.trim() || tenantId.length > 128) issues.push('tenantId: required, at most 128 characters');
  if (!conversation.id.trim() || conversation.id.length > 1024) issues.push('conversation.id: required, at most 1024 characters');
  if ((conversation.activityId?.length ?? 0) > 1024) issues.push('conversation.activityId: at most 1024 characters');
  if (!valid.ok || issues.length > 0) {
    if (!(await journal(deps, refusalEntry('request', actor, 'invalid', { tenantId, detail: issues })))) return { ok: false, reason: 'audit-unavailable' };
    return { ok: false, reason: 'invalid-input', issues };
  }

  const checked = await precheck(deps, valid.input);
  if (!checked.ok) {
    const detail = { kind: valid.input.kind, target: valid.input.target, ...precheckDetail(checked) };
    if (!(await journal(deps, refusalEntry('request', actor, checked.reason, { tenantId, detail })))) return { ok: false, reason: 'audit-unavailable' };
    return checked;
  }

  const request = newRequest(deps, valid.input, actor, tenantId, conversation, now, checked.supersedes);
  const created = await deps.repo.create(request);
  if (!created.ok) throw new Error(`containment request id ${request.id} already exists: the id generator repeated itself`);
  const quota = checked.quota;
  if (!(await journal(deps, transitionEntry(created.request, quota ? { quota } : {})))) {
    // Not journaled, so it must not exist: nobody has seen it yet (the card is posted after we return).
    const undone = await deps.repo.remove(request.id).then(() => true, (err: unknown) => (deps.warn('containment.remove-failed', { requestId: request.id, error: String(err) }), false));
    return { ok: false, reason: 'audit-unavailable', undone };
  }
  return quota ? { ok: true, request: created.request, quota } : { ok: true, request: created.request };
}

type Precheck = { ok: true; quota?: Quota; supersedes?: SupersededIndicator } | Extract<RequestResult, { reason: 'already-blocked' | 'already-pending' | 'quota-exceeded' | 'precheck-failed' }>;

async function precheck(deps: ServiceDeps, input: ValidInput): Promise<Precheck> {
  try {
    if (input.kind === 'isolate-device') {
      const pending = await deps.machines.pendingIsolation(input.target.machineId);
      return pending ? { ok: false, reason: 'already-pending', existing: pending } : { ok: true };
    }
    // Refused only when a live indicator already does at least what is asked; a weaker or opposite
    // one (e.g. Allowed, when Block is asked) goes to the approver as `supersedes`.
    const existing = await checkExistingIndicator(deps.indicators, input.target, input.parameters.action, deps.clock());
    if (existing.covered) return { ok: false, reason: 'already-blocked', existing: existing.covered };
    const supersedes = existing.supersedes;
    const limit = deps.policy.indicatorLimit;
    const used = await deps.indicators.activeCount();
    const quota = { used, limit, nearLimit: used >= limit * QUOTA_WARNING_RATIO };
    // Updating an indicator in place does not add one, so a full quota does not stop it.
    if (used >= limit && !supersedes?.replaced) return { ok: false, reason: 'quota-exceeded', quota };
    return supersedes ? { ok: true, quota, supersedes } : { ok: true, quota };
  } catch (err) {
    if (isMdeError(err)) return { ok: false, reason: 'precheck-failed', error: err };
    throw err;
  }
}

function precheckDetail(failed: Exclude<Precheck, { ok: true }>): Record<string, unknown> {
  switch (failed.reason) {
    case 'already-blocked':
    case 'already-pending':
      return { existing: failed.existing };
    case 'quota-exceeded':
      return { quota: failed.quota };
    case 'precheck-failed':
      return { error: { kind: failed.error.kind, code: failed.error.code, correlationId: failed.error.target, operation: failed.error.operation } };
  }
}

function newRequest(deps: ServiceDeps, input: ValidInput, actor: Actor, tenantId: string, conversation: RequestArgs['conversation'], now: number, supersedes?: SupersededIndicator): ContainmentRequest {
  const at = new Date(now).toISOString();
  const requester = personOf(actor);
  const { reason, ...what } = input;
  const candidate = {
    ...what,
    ...(supersedes && what.kind === 'block-file' ? { supersedes } : {}),
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
  return containmentRequestSchema.parse(candidate);
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
