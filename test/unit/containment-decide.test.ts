import type { Actor, ContainmentRole } from '../../src/containment/ports';
import { ALICE, as, BOB, blockInput, CAROL, DAVE, MINUTE, opened, OTHER_TENANT, setup, SHA256, TENANT, type Harness } from './containment-fakes';

const approve = (h: Harness, id: string, actor: Actor = as(BOB, 'approver'), tenantId = TENANT) => h.service.decide('approve', { id, actor, tenantId, comment: 'confirmed malicious' });
const deny = (h: Harness, id: string, actor: Actor = as(BOB, 'approver')) => h.service.decide('deny', { id, actor, tenantId: TENANT, comment: 'false positive' });

describe('containment decide', () => {
  it('when an approver approves, then MDE gets exactly the approved indicator once and the request succeeds with its id', async () => {
    const h = setup();
    const request = await opened(h);
    const result = await approve(h, request.id);
    expect(result).toMatchObject({ ok: true, request: { state: 'succeeded', decision: { by: BOB, comment: 'confirmed malicious' }, execution: { mdeId: '9001', mdeStatus: 'Active' } } });
    expect(h.indicators.submits).toEqual([
      {
        indicatorValue: SHA256,
        indicatorType: 'FileSha256',
        action: 'Block',
        title: 'Verdict: block invoice.exe',
        description: 'Dropped by the phishing campaign in INC-4211',
        expirationTime: blockInput().parameters.expirationTime,
        severity: 'High',
        generateAlert: true,
      },
    ]);
    expect(result.ok && result.request.history.map((s) => s.to)).toEqual(['requested', 'approved', 'executing', 'succeeded']);
    expect(result.ok && result.request.auditPending).toBeUndefined();
    expect(await h.service.recoverInFlight({ staleAfterMs: 0 })).toEqual([]); // nothing left open
  });

  it('when the request runs to success, then the journal holds requested → approved → executing → succeeded, in order', async () => {
    const h = setup();
    const request = await opened(h);
    await approve(h, request.id);
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.approved', 'containment.executing', 'containment.succeeded']);
    expect(h.audit.entries.map((e) => e.data.seq)).toEqual([0, 1, 2, 3]);
    expect(h.audit.entries[1]).toMatchObject({ actor: BOB, requestId: request.id, data: { comment: 'confirmed malicious' } });
    expect(h.audit.entries[2]).toMatchObject({ actor: { name: 'verdict' }, data: { mde: { operation: 'indicators.submit', indicatorValue: SHA256, action: 'Block' } } });
    expect(h.audit.entries[3]).toMatchObject({ data: { mdeId: '9001', mdeStatus: 'Active' } });
  });

  it('when an approver denies, then the request is denied with the comment and MDE is not called', async () => {
    const h = setup();
    const request = await opened(h);
    expect(await deny(h, request.id)).toMatchObject({ ok: true, request: { state: 'denied', decision: { by: BOB, comment: 'false positive' } } });
    expect(h.indicators.submits).toEqual([]);
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.denied']);
  });

  it.each([
    ['a responder', ['responder']],
    ['a reader', ['reader']],
    ['someone with no roles', []],
  ] as [string, ContainmentRole[]][])('when %s approves, then it is not-allowed, journaled, and nothing changes', async (_who, roles) => {
    const h = setup();
    const request = await opened(h);
    expect(await approve(h, request.id, as(DAVE, ...roles))).toMatchObject({ ok: false, reason: 'not-allowed' });
    expect(await h.service.get(request.id, TENANT)).toMatchObject({ state: 'requested' });
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.refused', actor: DAVE, requestId: request.id, data: { verb: 'approve', reason: 'not-allowed' } });
  });

  it.each([
    [true, { ok: false, reason: 'four-eyes' }],
    [false, { ok: true, request: { state: 'succeeded' } }],
  ])('when four-eyes is %s and the requester (also an approver) approves their own request, then %o', async (fourEyes, expected) => {
    const h = setup({ policy: { fourEyes } });
    const request = await opened(h);
    expect(await approve(h, request.id, as(ALICE, 'responder', 'approver'))).toMatchObject(expected);
  });

  it('when the roles passed for this click lack approver, then an earlier approver role and card claims do not count', async () => {
    const h = setup();
    const request = await opened(h);
    const roles = new Set<ContainmentRole>(['responder']);
    const has = jest.spyOn(roles, 'has');
    // A "forged" actor: extra claims next to the roles do nothing; only `roles` is consulted.
    const forged = { ...BOB, roles, role: 'approver', isApprover: true } as Actor;
    expect(await h.service.decide('approve', { id: request.id, actor: forged, tenantId: TENANT, comment: '{"roles":["approver"]}' })).toMatchObject({ ok: false, reason: 'not-allowed' });
    expect(has).toHaveBeenCalledWith('approver');
    expect(JSON.stringify(await h.store.read([`containment/${request.id}`]))).not.toMatch(/roles|approver"/);
  });

  it('when a request of another tenant is clicked, then it is not-found and the journal keeps the real reason', async () => {
    const h = setup();
    const request = await opened(h);
    expect(await approve(h, request.id, as(BOB, 'approver'), OTHER_TENANT)).toEqual({ ok: false, reason: 'not-found' });
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.refused', requestId: request.id, data: { reason: 'wrong-tenant', tenantId: OTHER_TENANT } });
    expect(await h.service.get(request.id, TENANT)).toMatchObject({ state: 'requested' });
  });

  it.each(['req0000000000000000404', '../containment-index/open', 'x'])('when the clicked id is %j and unknown, then it is not-found', async (id) => {
    const h = setup();
    expect(await approve(h, id)).toEqual({ ok: false, reason: 'not-found' });
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.refused', data: { reason: 'not-found' } });
  });

  it('when a decided request is clicked again, then it is already-decided with its state and the card data to redraw', async () => {
    const h = setup();
    const request = await opened(h);
    await deny(h, request.id);
    const again = await approve(h, request.id, as(CAROL, 'approver'));
    expect(again).toMatchObject({ ok: false, reason: 'already-decided', state: 'denied', request: { id: request.id, state: 'denied' } });
    expect(h.indicators.submits).toEqual([]);
  });

  it('when approve is clicked after the TTL, then the request expires (journaled) and the click is refused as expired', async () => {
    const h = setup();
    const request = await opened(h);
    h.clock.advance(60 * MINUTE);
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'expired', state: 'expired' });
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.expired', 'containment.refused']);
    expect(h.indicators.submits).toEqual([]);
  });

  it('when the TTL is configured shorter, then it applies', async () => {
    const h = setup({ policy: { ttlMs: 5 * MINUTE } });
    const request = await opened(h);
    h.clock.advance(5 * MINUTE);
    expect(await deny(h, request.id)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('when the requester cancels, then it is cancelled; when someone else does, then it is not-requester', async () => {
    const h = setup();
    const request = await opened(h);
    expect(await h.service.cancel({ id: request.id, actor: as(CAROL, 'responder'), tenantId: TENANT })).toMatchObject({ ok: false, reason: 'not-requester' });
    expect(await h.service.cancel({ id: request.id, actor: as(ALICE, 'responder'), tenantId: TENANT })).toMatchObject({ ok: true, request: { state: 'cancelled' } });
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'already-decided', state: 'cancelled' });
  });

  it('when two approvers click at the same instant, then MDE is called once and the loser is told already-decided', async () => {
    const h = setup();
    const request = await opened(h);
    const write = h.store.write.bind(h.store);
    const conflicts: unknown[] = [];
    h.store.write = (changes) => write(changes).catch((err: unknown) => Promise.reject((conflicts.push(err), err)));
    const results = await Promise.all([approve(h, request.id, as(BOB, 'approver')), approve(h, request.id, as(CAROL, 'approver'))]);
    expect(conflicts).toHaveLength(1); // the eTag decided it, not the scheduling
    expect(h.indicators.submits).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ reason: 'already-decided' })]);
    expect(h.audit.types().filter((t) => t === 'containment.approved')).toHaveLength(1);
  });

  it('when two processes share the store and both approvers click at once, then MDE is still called once', async () => {
    const first = setup();
    const second = setup({ store: first.store, clock: first.clock });
    second.indicators.submitImpl = first.indicators.submitImpl;
    const request = await opened(first);
    const results = await Promise.all([approve(first, request.id, as(BOB, 'approver')), approve(second, request.id, as(CAROL, 'approver'))]);
    expect(first.indicators.submits.length + second.indicators.submits.length).toBe(1);
    expect(results.map((r) => (r.ok ? r.request.state : r.reason)).sort()).toEqual(['already-decided', 'succeeded']);
  });

  it('when one approver double-clicks, then the second click is already-decided', async () => {
    const h = setup();
    const request = await opened(h);
    const [a, b] = await Promise.all([approve(h, request.id), approve(h, request.id)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(h.indicators.submits).toHaveLength(1);
  });

  it('when approve races deny, then exactly one wins and MDE is called only if approve won', async () => {
    const h = setup();
    const request = await opened(h);
    const [approved, denied] = await Promise.all([approve(h, request.id, as(BOB, 'approver')), deny(h, request.id, as(CAROL, 'approver'))]);
    expect([approved.ok, denied.ok].filter(Boolean)).toHaveLength(1);
    expect(h.indicators.submits).toHaveLength(approved.ok ? 1 : 0);
  });

  it('when the comment is over 1,000 characters, then the click is invalid and nothing changes', async () => {
    const h = setup();
    const request = await opened(h);
    expect(await h.service.decide('deny', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'x'.repeat(1001) })).toEqual({ ok: false, reason: 'invalid' });
    expect(await h.service.get(request.id, TENANT)).toMatchObject({ state: 'requested' });
    // Journaled under its request, so it shows in that request's audit thread.
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.refused', requestId: request.id, data: { verb: 'deny', reason: 'invalid' } });
  });

  it('when an over-long Deny names a request that does not exist, then the refusal names no request', async () => {
    const h = setup();
    await h.service.decide('deny', { id: 'constructor', actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'x'.repeat(1001) });
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.refused', data: { reason: 'invalid' } });
    expect(h.audit.entries.at(-1)).not.toHaveProperty('requestId');
  });

  it('when the approval card\'s message id is attached between the approval and the start, then the request still runs at once, once, and keeps the id', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.before = async (entry) => {
      if (entry.type === 'containment.approved') expect(await h.service.attachCard(request.id, TENANT, '1:approval-card')).toMatchObject({ ok: true });
    };
    expect(await h.service.decide('approve', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT })).toMatchObject({ ok: true, request: { state: 'succeeded' } });
    expect(h.indicators.submits).toHaveLength(1);
    expect(await h.service.get(request.id, TENANT)).toMatchObject({ state: 'succeeded', conversation: { activityId: '1:approval-card' } });
  });

  it('when an approver clicks a request id no request has ("constructor", "__proto__"), then not-found is journaled naming no request, the id kept as clicked', async () => {
    const h = setup();
    for (const id of ['constructor', '__proto__', 'toString']) {
      expect(await h.service.decide('approve', { id, actor: as(BOB, 'approver'), tenantId: TENANT })).toEqual({ ok: false, reason: 'not-found' });
    }
    expect(h.audit.entries.map((e) => [e.requestId, e.data.reason, (e.data.detail as { unknownRequestId?: string }).unknownRequestId])).toEqual([
      [undefined, 'not-found', 'constructor'],
      [undefined, 'not-found', '__proto__'],
      [undefined, 'not-found', 'toString'],
    ]);
  });

  it('when the approver has a very long display name, then it is clipped and the request still loads', async () => {
    const h = setup();
    const request = await opened(h);
    const result = await h.service.decide('deny', { id: request.id, actor: { ...as(BOB, 'approver'), name: 'B'.repeat(300) }, tenantId: TENANT });
    expect(result.ok && result.request.decision?.by.name).toHaveLength(256);
    expect(await h.service.get(request.id, TENANT)).toMatchObject({ state: 'denied' });
  });

  it.each(['', ' ', 'has space', 'x'.repeat(129)])('when the clicker object id is %j, then nothing is allowed', async (aadObjectId) => {
    const h = setup();
    const request = await opened(h);
    expect(await h.service.decide('approve', { id: request.id, actor: { aadObjectId, name: 'x', roles: new Set(['approver']) }, tenantId: TENANT })).toMatchObject({ reason: 'not-allowed' });
  });

  it('when an approval of a block-file uses the SHA-1 only, then the indicator type is FileSha1', async () => {
    const h = setup();
    const request = await opened(h, blockInput({ target: { sha256: undefined } }));
    await approve(h, request.id);
    expect(h.indicators.submits[0]).toMatchObject({ indicatorType: 'FileSha1', indicatorValue: request.kind === 'block-file' ? request.target.sha1 : '' });
  });
});
