import { cancel, decide, type ClickArgs } from './decide-flow';
import type { DecideResult, RequestResult, ServiceDeps, Warn } from './deps';
import { actionKinds, followsAction, type ActionKind, type ActionPolicy } from './action-kind';
import type { ExecuteOptions } from './execute';
import { followActions, type FollowItem, type FollowSchedule } from './follow-actions';
import type { ContainmentRequest } from './model';
import { DEFAULT_POLICY, type ContainmentPolicy } from './policy';
import type { AuditSink, Clock, IdGenerator, StateStore } from './ports';
import { expireDue, recoverInFlight, type RecoveryItem } from './recover';
import { createContainmentRepository } from './repository';
import { randomRequestId } from './request-id';
import { requestContainment, type RequestArgs } from './request-flow';

export interface ContainmentServiceOptions {
  /** botbuilder Storage (MemoryStorage, BlobsStorage, src/store's file store): eTag-checked writes. */
  store: StateStore;
  audit: AuditSink;
  /** The response actions this Verdict runs: src/response-actions/registry.ts's list. */
  kinds: readonly ActionKind<any>[];
  /** Per-kind policy over each kind's default (config's ACTION_POLICY); names must be registered kinds. */
  actionPolicy?: ReadonlyMap<string, ActionPolicy>;
  clock?: Clock;
  ids?: IdGenerator;
  policy?: Partial<ContainmentPolicy>;
  /** Recogniser for the store's eTag-conflict error; defaults to botbuilder's (see etag-conflict.ts). */
  isConflict?: (err: unknown) => boolean;
  /** Where housekeeping failures that change no outcome are reported (the composition root's logger). */
  warn?: Warn;
}

/**
 * Containment requests: open, decide, execute exactly once, recover. Roles are passed with every
 * call (resolved server-side for that click); the service keeps none and trusts nothing else.
 */
export interface ContainmentService {
  /** Opens a request; a kind whose policy needs no approval runs at once (`options` as for an approval). */
  request(args: RequestArgs, options?: ExecuteOptions): Promise<RequestResult>;
  decide(verdict: 'approve' | 'deny', args: ClickArgs, options?: ExecuteOptions): Promise<DecideResult>;
  cancel(args: Omit<ClickArgs, 'comment'>): Promise<DecideResult>;
  /** The request for a card, in the caller's tenant only. */
  get(id: string, tenantId: string): Promise<ContainmentRequest | undefined>;
  /** Remembers the approval card's message id so a decision can redraw it for everyone. */
  attachCard(id: string, tenantId: string, activityId: string): Promise<{ ok: true; request: ContainmentRequest } | { ok: false; reason: 'not-found' | 'conflict' | 'invalid' }>;
  expireDue(): Promise<ContainmentRequest[]>;
  recoverInFlight(options?: { staleAfterMs?: number }): Promise<RecoveryItem[]>;
  /** Looks at the actions MDE accepted that are followed and due a look; returns what changed. */
  followActions(): Promise<FollowItem[]>;
  /** Whether the request's action is still followed in MDE (its card will change again without a click). */
  follows(request: ContainmentRequest): boolean;
}

export function createContainmentService(options: ContainmentServiceOptions): ContainmentService {
  const kinds = actionKinds(options.kinds);
  const actionPolicy = options.actionPolicy ?? new Map<string, ActionPolicy>();
  for (const name of actionPolicy.keys()) if (!kinds.has(name)) throw new Error(`a policy is configured for "${name}", which is not a response action Verdict runs`);
  const deps: ServiceDeps = {
    repo: createContainmentRepository(options.store, { kinds, isConflict: options.isConflict }),
    audit: options.audit,
    kinds,
    actionPolicy,
    clock: options.clock ?? Date.now,
    ids: options.ids ?? randomRequestId,
    policy: { ...DEFAULT_POLICY, ...options.policy },
    warn: options.warn ?? (() => undefined),
  };

  const schedule: FollowSchedule = new Map();
  return {
    request: (args, requestOptions) => requestContainment(deps, args, requestOptions),
    decide: (verdict, args, executeOptions) => decide(deps, verdict, args, executeOptions),
    cancel: (args) => cancel(deps, args),
    async get(id, tenantId) {
      const found = await deps.repo.get(id, tenantId);
      return found.ok ? found.request : undefined;
    },
    async attachCard(id, tenantId, activityId) {
      if (!activityId || activityId.length > 1024) return { ok: false, reason: 'invalid' };
      for (let round = 1; round <= 3; round++) {
        const found = await deps.repo.get(id, tenantId);
        if (!found.ok) return { ok: false, reason: 'not-found' };
        const written = await deps.repo.update({ ...found.request, conversation: { ...found.request.conversation, activityId } });
        if (written.ok) return written;
      }
      return { ok: false, reason: 'conflict' };
    },
    expireDue: () => expireDue(deps),
    recoverInFlight: (recoveryOptions) => recoverInFlight(deps, recoveryOptions),
    followActions: () => followActions(deps, schedule),
    follows: (request) => followsAction(request, kinds.get(request.kind)),
  };
}
