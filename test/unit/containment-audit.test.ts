import { requestKey } from '../../src/containment/repository';
import { ALICE, as, BOB, CAROL, DAVE, deferred, MINUTE, opened, setup, TENANT, type Harness } from './containment-fakes';

/**
 * The audit rule: a step is written first (the eTag picks one winner), journaled by the winner
 * before anything else happens, and undone if the journal refuses it while nothing outside has
 * changed yet. A user is never told a step worked unless its entry is in the journal.
 */
const approve = (h: Harness, id: string) => h.service.decide('approve', { id, actor: as(BOB, 'approver'), tenantId: TENANT });
const stateOf = async (h: Harness, id: string) => (await h.service.get(id, TENANT))?.state;

/** The journal refuses the approval and the store then fails the undo: 'approved' stands unjournaled. Both work again afterwards. */
async function approvalStandsUnjournaled(h: Harness, id: string): Promise<void> {
  const write = h.store.write.bind(h.store);
  h.audit.failWhen = (e) => e.type === 'containment.approved';
  h.audit.before = async (e) => {
    if (e.type === 'containment.approved') h.store.write = () => Promise.reject(new Error('disk gone'));
  };
  expect(await approve(h, id)).toEqual({ ok: false, reason: 'audit-unavailable', undone: false });
  h.store.write = write;
  h.audit.failWhen = () => false;
  h.audit.before = async () => undefined;
}

describe('containment audit guarantees', () => {
  it('when the approved entry is refused, then the approval is undone, MDE is not called, and a later retry works', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.approved';
    expect(await approve(h, request.id)).toEqual({ ok: false, reason: 'audit-unavailable', undone: true });
    expect(await stateOf(h, request.id)).toBe('requested');
    expect(h.indicators.submits).toEqual([]);

    h.audit.failWhen = () => false;
    expect(await approve(h, request.id)).toMatchObject({ ok: true, request: { state: 'succeeded' } });
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.approved', 'containment.executing', 'containment.succeeded']);
  });

  it('when the executing entry is refused, then nothing is sent, and an approver clicking again runs it exactly once, journaled as theirs', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.executing';
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'audit-unavailable', undone: true });
    expect(await h.service.get(request.id, TENANT)).toMatchObject({ state: 'approved', resumable: true });
    expect(h.indicators.submits).toEqual([]);

    h.audit.failWhen = () => false;
    // The requester may not push it on (four-eyes); another approver may, twice at once: one runs it.
    expect(await h.service.decide('approve', { id: request.id, actor: as(ALICE, 'responder', 'approver'), tenantId: TENANT })).toMatchObject({ ok: false, reason: 'four-eyes' });
    const [first, second] = await Promise.all([h.service.decide('approve', { id: request.id, actor: as(CAROL, 'approver'), tenantId: TENANT }), approve(h, request.id)]);
    expect([first, second].filter((r) => r.ok)).toHaveLength(1);
    expect([first, second].find((r) => !r.ok)).toMatchObject({ reason: 'already-decided' });
    expect(h.indicators.submits).toHaveLength(1);
    expect(h.audit.types().filter((t) => t !== 'containment.refused')).toEqual(['containment.requested', 'containment.approved', 'containment.executing', 'containment.succeeded']);
    // Who started it is on the record: the resuming approver, not "verdict".
    const started = h.audit.entries.find((e) => e.type === 'containment.executing');
    expect([CAROL.name, BOB.name]).toContain(started?.actor.name);
    expect(await h.service.get(request.id, TENANT)).not.toHaveProperty('resumable', true);
  });

  it('when an approval stands that the journal may not hold (journal and undo both failed), then a later click does not run it', async () => {
    const h = setup();
    const request = await opened(h);
    await approvalStandsUnjournaled(h, request.id);
    h.clock.advance(MINUTE);
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'already-decided' });
    expect(h.indicators.submits).toEqual([]);
  });

  it.each([
    ['deny', 'containment.denied', (h: Harness, id: string) => h.service.decide('deny', { id, actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'no' })],
    ['cancel', 'containment.cancelled', (h: Harness, id: string) => h.service.cancel({ id, actor: as(ALICE, 'responder'), tenantId: TENANT })],
  ] as const)('when the %s entry is refused, then the request is still waiting for a decision', async (_verb, type, act) => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === type;
    expect(await act(h, request.id)).toMatchObject({ ok: false, reason: 'audit-unavailable', undone: true });
    expect(await stateOf(h, request.id)).toBe('requested');
  });

  it('when a refusal cannot be journaled, then the click is answered audit-unavailable, not with the refusal', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.refused';
    expect(await h.service.decide('approve', { id: request.id, actor: as(DAVE, 'reader'), tenantId: TENANT })).toEqual({ ok: false, reason: 'audit-unavailable' });
    expect(await stateOf(h, request.id)).toBe('requested');
  });

  it('when the expiry found on a late click cannot be journaled, then the request stays for the sweep to expire', async () => {
    const h = setup();
    const request = await opened(h);
    h.clock.advance(61 * MINUTE);
    h.audit.failWhen = (e) => e.type === 'containment.expired';
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'audit-unavailable' });
    expect(await stateOf(h, request.id)).toBe('requested');
    h.audit.failWhen = () => false;
    expect((await h.service.expireDue()).map((r) => r.state)).toEqual(['expired']);
  });

  it('when the outcome entry is refused after MDE acted, then the answer is not ok but carries the real outcome to show', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.succeeded';
    const result = await approve(h, request.id);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: 'audit-unavailable', request: { state: 'succeeded', auditPending: true, execution: { mdeId: '9001' } } });
    expect(h.indicators.submits).toHaveLength(1);
  });

  it('when the journal and the store both fail on approval, then nothing is executed and recovery settles it without MDE', async () => {
    const h = setup();
    const request = await opened(h);
    await approvalStandsUnjournaled(h, request.id);
    expect(h.warnings).toContain('containment.undo-failed');
    h.clock.advance(10 * MINUTE);
    expect(await h.service.recoverInFlight()).toMatchObject([{ action: 'interrupted', request: { state: 'failed' } }]);
    expect(h.indicators.submits).toEqual([]);
  });

  it('when each entry is appended, then the step it records is already stored (written, then journaled)', async () => {
    const h = setup();
    const request = await opened(h);
    const seen: string[] = [];
    h.audit.before = async (e) => {
      const stored = (await h.store.read([requestKey(request.id)]))[requestKey(request.id)] as { state: string };
      seen.push(`${e.type}:${stored.state}:submits=${h.indicators.submits.length}`);
    };
    await approve(h, request.id);
    // Plain JSON, as the hash-chained journal requires: nothing lost or changed by a JSON round trip.
    expect(h.audit.entries.map((e) => JSON.parse(JSON.stringify(e)))).toStrictEqual(h.audit.entries);
    expect(seen).toEqual(['containment.approved:approved:submits=0', 'containment.executing:executing:submits=0', 'containment.succeeded:succeeded:submits=1']);
  });

  it('when the journal is slow on a deny, then the answer waits for the entry', async () => {
    const h = setup();
    const request = await opened(h);
    const gate = deferred();
    h.audit.before = () => gate.promise;
    let answered = false;
    const pending = h.service.decide('deny', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT }).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    gate.resolve();
    expect(await pending).toMatchObject({ ok: true, request: { state: 'denied' } });
  });
});
