import { type RequestState } from '../../src/containment/model';
import { containmentRequestSchema, type ContainmentRequest } from '../support/stored-request';
import { transition, type ContainmentEvent } from '../../src/containment/transition';
import { ALICE, BOB, MINUTE, SHA256, T0, TENANT } from './containment-fakes';

const at = (t: number) => new Date(t).toISOString();

function requestIn(state: RequestState, over: Partial<ContainmentRequest> = {}): ContainmentRequest {
  return containmentRequestSchema.parse({
    id: 'req0000000000000000001',
    kind: 'block-file',
    state,
    tenantId: TENANT,
    requester: ALICE,
    createdAt: at(T0),
    expiresAt: at(T0 + 60 * MINUTE),
    reason: 'Malware',
    target: { sha256: SHA256 },
    parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: at(T0 + 7 * 24 * 60 * MINUTE), title: 't', description: 'd' },
    conversation: { id: '19:soc' },
    history: [{ at: at(T0), from: null, to: 'requested', by: ALICE }],
    revision: 1,
    ...(state === 'executing' ? { execution: { startedAt: at(T0 + MINUTE) } } : {}),
    ...over,
  });
}

const ctx = { now: T0 + 10 * MINUTE, fourEyes: true };
const error = { kind: 'forbidden', code: 'Forbidden', message: 'lacks Ti.ReadWrite.All' };

const EVENTS: Record<string, ContainmentEvent> = {
  approve: { type: 'approve', by: BOB, comment: 'ok' },
  deny: { type: 'deny', by: BOB, comment: 'false positive' },
  cancel: { type: 'cancel', by: ALICE },
  expire: { type: 'expire' },
  startExecution: { type: 'startExecution' },
  succeed: { type: 'succeed', mdeId: '9001', status: 'Active' },
  fail: { type: 'fail', error },
};

// [from, event, expected]: a state name means the step is allowed and lands there; otherwise the refusal.
const TABLE: [RequestState, keyof typeof EVENTS, string][] = [
  ['requested', 'approve', '→approved'],
  ['requested', 'deny', '→denied'],
  ['requested', 'cancel', '→cancelled'],
  ['requested', 'expire', 'invalid'], // not due yet
  ['requested', 'startExecution', 'invalid'],
  ['requested', 'succeed', 'invalid'],
  ['requested', 'fail', 'invalid'],
  ['approved', 'approve', 'already-decided'],
  ['approved', 'deny', 'already-decided'],
  ['approved', 'cancel', 'already-decided'],
  ['approved', 'expire', 'already-decided'],
  ['approved', 'startExecution', '→executing'],
  ['approved', 'succeed', 'invalid'],
  ['approved', 'fail', 'invalid'], // only recovery's `interrupted` may fail an approved request
  ['executing', 'approve', 'already-decided'],
  ['executing', 'startExecution', 'invalid'],
  ['executing', 'succeed', '→succeeded'],
  ['executing', 'fail', '→failed'],
  ...(['succeeded', 'failed', 'denied', 'cancelled'] as const).flatMap((s) =>
    (['approve', 'deny', 'cancel', 'expire', 'startExecution', 'succeed', 'fail'] as const).map(
      (e): [RequestState, keyof typeof EVENTS, string] => [s, e, ['approve', 'deny', 'cancel', 'expire'].includes(e) ? 'already-decided' : 'invalid'],
    ),
  ),
  ['expired', 'approve', 'expired'],
  ['expired', 'deny', 'expired'],
  ['expired', 'cancel', 'expired'],
  ['expired', 'expire', 'expired'],
  ['expired', 'startExecution', 'invalid'],
];

describe('transition', () => {
  it.each(TABLE)('when a %s request gets %s, then the result is %s', (from, eventName, expected) => {
    const result = transition(requestIn(from), EVENTS[eventName]!, ctx);
    if (expected.startsWith('→')) {
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect(result.request.state).toBe(expected.slice(1));
      expect(result.request.history.at(-1)).toMatchObject({ at: at(ctx.now), from, to: expected.slice(1) });
      expect(containmentRequestSchema.safeParse(result.request).success).toBe(true);
    } else {
      expect(result).toMatchObject({ ok: false, reason: expected, state: from });
    }
  });

  it('when a request is approved, then the decision records who, when and the comment, and the input is not mutated', () => {
    const before = requestIn('requested');
    const result = transition(before, EVENTS.approve!, ctx);
    expect(result.ok && result.request.decision).toEqual({ by: BOB, at: at(ctx.now), comment: 'ok' });
    expect(before.state).toBe('requested');
    expect(before.history).toHaveLength(1);
  });

  it.each(['approve', 'deny', 'cancel'] as const)('when %s is clicked at or after expiresAt, then it is refused as expired', (name) => {
    const request = requestIn('requested');
    expect(transition(request, EVENTS[name]!, { ...ctx, now: Date.parse(request.expiresAt) })).toMatchObject({ ok: false, reason: 'expired' });
    expect(transition(request, EVENTS[name]!, { ...ctx, now: Date.parse(request.expiresAt) - 1 }).ok).toBe(true);
  });

  it('when the TTL has passed, then expire moves the request to expired without a person', () => {
    const result = transition(requestIn('requested'), EVENTS.expire!, { ...ctx, now: T0 + 60 * MINUTE });
    expect(result.ok && result.request.history.at(-1)).toEqual({ at: at(T0 + 60 * MINUTE), from: 'requested', to: 'expired' });
  });

  it.each([
    [true, { ok: false, reason: 'four-eyes' }],
    [false, { ok: true }],
  ])('when four-eyes is %s and the requester approves their own request, then %o', (fourEyes, expected) => {
    expect(transition(requestIn('requested'), { type: 'approve', by: ALICE }, { ...ctx, fourEyes })).toMatchObject(expected);
  });

  it('when the requester id differs only in case, then it is still the requester (Entra object ids are GUIDs)', () => {
    const shouting = { ...ALICE, aadObjectId: ALICE.aadObjectId.toUpperCase() };
    expect(transition(requestIn('requested'), { type: 'approve', by: shouting }, ctx)).toMatchObject({ reason: 'four-eyes' });
  });

  it('when someone other than the requester cancels, then it is refused as not-requester', () => {
    expect(transition(requestIn('requested'), { type: 'cancel', by: BOB }, ctx)).toMatchObject({ ok: false, reason: 'not-requester' });
  });

  it('when the requester denies their own request, then four-eyes refuses it (they can cancel instead)', () => {
    expect(transition(requestIn('requested'), { type: 'deny', by: ALICE }, ctx)).toMatchObject({ ok: false, reason: 'four-eyes' });
    expect(transition(requestIn('requested'), { type: 'cancel', by: ALICE }, ctx)).toMatchObject({ ok: true });
  });

  it('when execution succeeds, then the MDE id, status and finish time are kept with the start time', () => {
    const result = transition(requestIn('executing'), { type: 'succeed', mdeId: '9001', status: 'Active', note: 'reconciled' }, ctx);
    expect(result.ok && result.request.execution).toEqual({ startedAt: at(T0 + MINUTE), finishedAt: at(ctx.now), mdeId: '9001', mdeStatus: 'Active', note: 'reconciled' });
  });

  it('when execution fails, then the error is kept verbatim', () => {
    const result = transition(requestIn('executing'), EVENTS.fail!, ctx);
    expect(result.ok && result.request.execution?.error).toEqual(error);
  });

  it('when recovery fails an approved request as interrupted, then it is allowed (it never started)', () => {
    const result = transition(requestIn('approved'), { type: 'fail', error: { kind: 'interrupted', message: 'x' }, note: 'interrupted' }, ctx);
    expect(result).toMatchObject({ ok: true, request: { state: 'failed', execution: { note: 'interrupted' } } });
  });
});
