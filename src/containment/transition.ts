import { POLICY_DECIDER, type ContainmentRequest, type ExecutionError, type ExecutionNote, type Person, type RequestState } from './model';
import { decisionRefusal, mayDecide, type Decider } from './may-decide';
import { refuse, sameId, type Refusal } from './refusal';

/**
 * The containment state machine, pure: no I/O, no clock of its own, no roles (policy.ts checks
 * those first). It owns the lifecycle rules: TTL on every decision, four-eyes, who may cancel,
 * and which steps may follow which.
 *
 *   requested ─approve─▶ approved ─startExecution─▶ executing ─succeed/fail─▶ succeeded | failed
 *       ├─deny─▶ denied   ├─cancel (requester)─▶ cancelled   └─expire (ttl)─▶ expired
 *   requested ─approveByPolicy─▶ approved: a kind that needs no approver (journaled as Verdict's step).
 *   approved ─fail─▶ failed is for recovery only: approved but never started (process died).
 */
export type ContainmentEvent =
  | { type: 'approve'; by: Person; comment?: string }
  | { type: 'deny'; by: Person; comment?: string }
  | { type: 'cancel'; by: Person }
  /** A kind whose policy needs no approval (ActionPolicy `approval: 'none'`): approved as it is requested. */
  | { type: 'approveByPolicy' }
  | { type: 'expire' }
  /** `by`: the approver whose click resumed an approval whose first start was undone. */
  | { type: 'startExecution'; by?: Person }
  | { type: 'succeed'; mdeId?: string; status: string; note?: ExecutionNote }
  | { type: 'fail'; error: ExecutionError; note?: ExecutionNote };

export interface TransitionContext {
  now: number;
  /** The requester may not approve their own request. */
  fourEyes: boolean;
}

export type TransitionResult = { ok: true; request: ContainmentRequest } | Refusal;

const DECISIONS: Readonly<Record<'approve' | 'deny' | 'cancel', RequestState>> = { approve: 'approved', deny: 'denied', cancel: 'cancelled' };

export function transition(request: ContainmentRequest, event: ContainmentEvent, context: TransitionContext): TransitionResult {
  const at = new Date(context.now).toISOString();
  const due = context.now >= Date.parse(request.expiresAt);
  const move = (to: RequestState, changes: Partial<ContainmentRequest>, by?: Person): TransitionResult => ({
    ok: true,
    request: {
      ...request,
      ...changes,
      state: to,
      history: [...request.history, by ? { at, from: request.state, to, by } : { at, from: request.state, to }],
    } as ContainmentRequest,
  });

  switch (event.type) {
    case 'approve':
    case 'deny':
    case 'cancel': {
      if (request.state === 'expired') return refuse('expired', request.state);
      if (request.state !== 'requested') return refuse('already-decided', request.state);
      // Card buttons never expire (AdaptiveCards #5223): the TTL is enforced here, whatever the click.
      if (due) return refuse('expired', request.state);
      // A decision (approve or deny) is the second pair of eyes; the requester can cancel instead.
      if (event.type !== 'cancel') {
        const may = mayDecide(authorized(event.by), request, context);
        if (!may.ok) return refuse(decisionRefusal(may.reason), request.state);
      }
      if (event.type === 'cancel' && !sameId(event.by.aadObjectId, request.requester.aadObjectId)) return refuse('not-requester', request.state);
      const comment = event.type === 'cancel' ? undefined : event.comment?.trim() || undefined;
      const decision = comment === undefined ? { by: event.by, at } : { by: event.by, at, comment };
      return move(DECISIONS[event.type], { decision }, event.by);
    }
    case 'approveByPolicy':
      if (request.state !== 'requested') return refuse('already-decided', request.state);
      if (due) return refuse('expired', request.state);
      return move('approved', { decision: { by: { ...POLICY_DECIDER }, at, byPolicy: true } });
    case 'expire':
      if (request.state !== 'requested') return refuse(request.state === 'expired' ? 'expired' : 'already-decided', request.state);
      return due ? move('expired', {}) : refuse('invalid', request.state);
    case 'startExecution':
      if (request.state !== 'approved') return refuse('invalid', request.state);
      return move('executing', { execution: { startedAt: at }, resumable: undefined }, event.by);
    case 'succeed': {
      if (request.state !== 'executing') return refuse('invalid', request.state);
      const execution = { ...request.execution, finishedAt: at, mdeStatus: event.status, mdeId: event.mdeId, note: event.note };
      return move('succeeded', { execution: withoutUndefined(execution) });
    }
    case 'fail': {
      if (request.state !== 'executing' && request.state !== 'approved') return refuse('invalid', request.state);
      if (request.state === 'approved' && event.note !== 'interrupted') return refuse('invalid', request.state);
      const execution = { ...request.execution, finishedAt: at, error: event.error, note: event.note };
      return move('failed', { execution: withoutUndefined(execution) });
    }
  }
}

/**
 * The decider as policy.authorize() admitted them: roles are checked before any event reaches the
 * state machine (it has none of its own), so here only the state and four-eyes can refuse.
 */
const authorized = (by: Person): Decider => ({ aadObjectId: by.aadObjectId, roles: APPROVER });
const APPROVER: ReadonlySet<'approver'> = new Set(['approver']);

/** Stored JSON drops undefined anyway; dropping it here keeps in-memory and reloaded values equal. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
