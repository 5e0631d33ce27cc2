import { as, BOB, blockInput, deferred, isolateInput, MACHINE, mdeError, MINUTE, opened, setup, SHA256, T0, TENANT, type Harness } from './containment-fakes';

const approve = (h: Harness, id: string) => h.service.decide('approve', { id, actor: as(BOB, 'approver'), tenantId: TENANT });
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!check()) throw new Error('condition never became true');
};

/** A process that dies inside the MDE call: `executing` is stored, the call never returns. */
async function diedDuringCall(input: object = blockInput()) {
  const before = setup();
  const request = await opened(before, input);
  before.indicators.submitImpl = () => new Promise(() => undefined);
  before.machines.isolateImpl = () => new Promise(() => undefined);
  void approve(before, request.id);
  await waitFor(() => before.indicators.submits.length + before.machines.isolations.length === 1);
  const after = setup({ store: before.store, clock: before.clock });
  return { before, after, request };
}

describe('containment recovery', () => {
  it('when a block was executing at restart and MDE holds the indicator, then it is reconciled as succeeded, not re-executed', async () => {
    const { after, before, request } = await diedDuringCall();
    after.indicators.byValue.set(SHA256, { id: '9100', action: 'Block', expirationTime: null, createdBy: 'verdict-app' });
    after.clock.advance(10 * MINUTE);
    const report = await after.service.recoverInFlight();
    expect(report).toEqual([{ id: request.id, action: 'reconciled', request: expect.objectContaining({ state: 'succeeded', execution: expect.objectContaining({ mdeId: '9100', note: 'reconciled' }) }) }]);
    expect(after.indicators.submits).toEqual([]);
    expect(before.indicators.submits).toHaveLength(1);
    expect(after.audit.entries).toEqual([expect.objectContaining({ type: 'containment.succeeded', actor: { name: 'verdict' }, data: expect.objectContaining({ recovered: true, note: 'reconciled' }) })]);
  });

  it('when a block was executing at restart and MDE has no indicator, then it failed as interrupted', async () => {
    const { after, request } = await diedDuringCall();
    after.clock.advance(10 * MINUTE);
    expect(await after.service.recoverInFlight()).toMatchObject([{ id: request.id, action: 'reconciled', request: { state: 'failed', execution: { note: 'interrupted', error: { kind: 'interrupted' } } } }]);
    expect(after.indicators.submits).toEqual([]);
  });

  it('when an isolation was executing at restart, then the machine recent actions decide it, searched from the start time', async () => {
    const { after, request } = await diedDuringCall(isolateInput());
    after.machines.recent = { id: 'ma-9', type: 'Isolate', status: 'Succeeded' };
    after.clock.advance(10 * MINUTE);
    expect(await after.service.recoverInFlight()).toMatchObject([{ action: 'reconciled', request: { state: 'succeeded', execution: { mdeId: 'ma-9', mdeStatus: 'Succeeded' } } }]);
    expect(after.machines.recentQueries).toEqual([{ machineId: MACHINE, since: new Date(T0 - 5 * MINUTE).toISOString() }]);
    expect(after.machines.isolations).toEqual([]);
    expect((await after.service.get(request.id, TENANT))?.state).toBe('succeeded');
  });

  it('when the executing request is younger than the stale limit, then it is left alone (another instance may be calling MDE)', async () => {
    const { after, request } = await diedDuringCall();
    after.clock.advance(9 * MINUTE);
    expect(await after.service.recoverInFlight()).toEqual([]);
    expect((await after.service.get(request.id, TENANT))?.state).toBe('executing');
    expect(await after.service.recoverInFlight({ staleAfterMs: 0 })).toMatchObject([{ action: 'reconciled' }]);
  });

  it('when MDE cannot be asked during recovery, then the request stays executing, the failure is reported and retried next sweep', async () => {
    const { after, request } = await diedDuringCall();
    after.indicators.findImpl = async () => Promise.reject(mdeError({ kind: 'network', operation: 'indicators.list' }));
    after.clock.advance(10 * MINUTE);
    expect(await after.service.recoverInFlight()).toMatchObject([{ id: request.id, action: 'unresolved' }]);
    expect(after.audit.types()).toEqual([]); // no step was taken, so nothing to journal
    expect(after.warnings).toEqual(['containment.reconcile-failed']);
    after.indicators.findImpl = async () => null;
    expect(await after.service.recoverInFlight()).toMatchObject([{ action: 'reconciled', request: { state: 'failed' } }]);
    expect(after.indicators.submits).toEqual([]);
  });

  it('when a slow call returns after recovery already settled it, then its outcome is still journaled, marked late', async () => {
    const before = setup();
    const request = await opened(before);
    const call = deferred<{ id: string }>();
    before.indicators.submitImpl = () => call.promise;
    const slow = approve(before, request.id);
    await waitFor(() => before.indicators.submits.length === 1);
    const after = setup({ store: before.store, clock: before.clock });
    after.clock.advance(10 * MINUTE);
    expect(await after.service.recoverInFlight()).toMatchObject([{ request: { state: 'failed' } }]);
    call.resolve({ id: '9200' });
    expect(await slow).toMatchObject({ ok: false, reason: 'already-decided', state: 'failed' });
    expect(before.audit.entries.at(-1)).toMatchObject({ type: 'containment.succeeded', data: { late: true, storedState: 'failed', outcome: { mdeId: '9200' } } });
  });

  it('when an approver resumes a request while recovery is failing it as interrupted, then recovery leaves it to the running execution', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.executing';
    await approve(h, request.id);
    h.audit.failWhen = () => false;
    h.clock.advance(10 * MINUTE);
    const call = deferred<{ id: string }>();
    h.indicators.submitImpl = () => call.promise;
    // Recovery reads the stale approval; before it writes "interrupted", the approver's click starts it.
    const write = h.store.write.bind(h.store);
    let resumed: Promise<unknown> | undefined;
    h.store.write = async (changes) => {
      if (!resumed && JSON.stringify(changes).includes('"interrupted"')) {
        resumed = approve(h, request.id);
        await waitFor(() => h.indicators.submits.length === 1);
      }
      return write(changes);
    };
    const report = await h.service.recoverInFlight();
    expect(report).toMatchObject([{ id: request.id, action: 'unresolved' }]);
    call.resolve({ id: '9300' });
    expect(await resumed).toMatchObject({ ok: true, request: { state: 'succeeded', execution: { mdeId: '9300' } } });
    expect(h.audit.types().filter((t) => t === 'containment.failed')).toEqual([]);
  });

  it('when a request was approved but never started, then recovery fails it as interrupted without calling MDE', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.executing';
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'audit-unavailable' });
    h.audit.failWhen = () => false;
    h.clock.advance(10 * MINUTE);
    expect(await h.service.recoverInFlight()).toMatchObject([{ action: 'interrupted', request: { state: 'failed', execution: { note: 'interrupted' } } }]);
    expect(h.indicators.submits).toEqual([]);
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.approved', 'containment.failed']);
  });

  it('when an outcome was stored but not journaled, then recovery journals it once, marked redelivered', async () => {
    const h = setup();
    const request = await opened(h);
    h.audit.failWhen = (e) => e.type === 'containment.succeeded';
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'audit-unavailable', request: { state: 'succeeded', auditPending: true } });
    h.audit.failWhen = () => false;
    expect(await h.service.recoverInFlight()).toMatchObject([{ action: 'journaled', request: { state: 'succeeded' } }]);
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.succeeded', data: { redelivered: true, seq: 3, mdeId: '9001' } });
    expect((await h.service.get(request.id, TENANT))?.auditPending).toBeUndefined();
    expect(await h.service.recoverInFlight()).toEqual([]);
    expect(h.indicators.submits).toHaveLength(1);
  });

  it('when the TTL passes with no decision, then expireDue expires it (journaled) and leaves fresh requests alone', async () => {
    const h = setup();
    const old = await opened(h);
    h.clock.advance(30 * MINUTE);
    const fresh = await opened(h);
    h.clock.advance(30 * MINUTE);
    expect((await h.service.expireDue()).map((r) => [r.id, r.state])).toEqual([[old.id, 'expired']]);
    expect((await h.service.get(fresh.id, TENANT))?.state).toBe('requested');
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.requested', 'containment.expired']);
    expect(await h.service.expireDue()).toEqual([]);
  });
});
