import { cancel, decide, type ClickArgs } from './decide-flow';
import type { DecideResult, RequestResult, ServiceDeps, Warn } from './deps';
import type { ExecuteOptions } from './execute';
import { followActions, type FollowItem, type FollowSchedule } from './follow-actions';
import type { ContainmentRequest } from './model';
import { DEFAULT_POLICY, type ContainmentPolicy } from './policy';
import type { AuditSink, Clock, IdGenerator, IndicatorGateway, MachineActionGateway, StateStore } from './ports';
import { expireDue, recoverInFlight, type RecoveryItem } from './recover';
import { createContainmentRepository } from './repository';
import { randomRequestId } from './request-id';
import { requestContainment, type RequestArgs } from './request-flow';

export interface ContainmentServiceOptions {
  /** botbuilder Storage (MemoryStorage, BlobsStorage, src/store's file store): eTag-checked writes. */
  store: StateStore;
  audit: AuditSink;
  indicators: IndicatorGateway;
  machines: MachineActionGateway;
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
  request(args: RequestArgs): Promise<RequestResult>;
  decide(verdict: 'approve' | 'deny', args: ClickArgs, options?: ExecuteOptions): Promise<DecideResult>;
  cancel(args: Omit<ClickArgs, 'comment'>): Promise<DecideResult>;
  /** The request for a card, in the caller's tenant only. */
  get(id: string, tenantId: string): Promise<ContainmentRequest | undefined>;
  /** Remembers the approval card's message id so a decision can redraw it for everyone. */
  attachCard(id: string, tenantId: string, activityId: string): Promise<{ ok: true; request: ContainmentRequest } | { ok: false; reason: 'not-found' | 'conflict' | 'invalid' }>;
  expireDue(): Promise<ContainmentRequest[]>;
  recoverInFlight(options?: { staleAfterMs?: number }): Promise<RecoveryItem[]>;
  /** Looks at the MachineActions of accepted isolations that are due a look; returns what changed. */
  followActions(): Promise<FollowItem[]>;
}

export function createContainmentService(options: ContainmentServiceOptions): ContainmentService {
  const deps: ServiceDeps = {
    repo: createContainmentRepository(options.store, { isConflict: options.isConflict }),
    audit: options.audit,
    indicators: options.indicators,
    machines: options.machines,
    clock: options.clock ?? Date.now,
    ids: options.ids ?? randomRequestId,
    policy: { ...DEFAULT_POLICY, ...options.policy },
    warn: options.warn ?? (() => undefined),
  };

  const schedule: FollowSchedule = new Map();
  return {
    request: (args) => requestContainment(deps, args),
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
  };
}
