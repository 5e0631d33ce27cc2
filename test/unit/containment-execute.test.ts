import { as, BOB, deferred, isolateInput, MACHINE, mdeError, opened, setup, SHA1, SHA256, TENANT, type Harness } from './containment-fakes';

const approve = (h: Harness, id: string, options = {}) => h.service.decide('approve', { id, actor: as(BOB, 'approver'), tenantId: TENANT }, options);

describe('containment execution', () => {
  it('when MDE answers 403, then the request fails with the code, correlation id and the missing permission', async () => {
    const h = setup();
    const request = await opened(h);
    h.indicators.submitImpl = async () =>
      Promise.reject(mdeError({ kind: 'forbidden', status: 403, code: 'Forbidden', target: 'corr-403', operation: 'indicators.submit', permissions: ['Ti.ReadWrite.All'] }));
    const result = await approve(h, request.id);
    expect(result).toMatchObject({
      ok: true,
      request: {
        state: 'failed',
        execution: { error: { kind: 'forbidden', status: 403, code: 'Forbidden', correlationId: 'corr-403', operation: 'indicators.submit', permissions: ['Ti.ReadWrite.All'], message: expect.stringContaining('Ti.ReadWrite.All') } },
      },
    });
    expect(h.indicators.submits).toHaveLength(1);
    expect(h.indicators.finds).toEqual([SHA256, SHA1]); // the two pre-checks only: a 403 is certain, nothing to look for
    expect(h.audit.types().slice(-1)).toEqual(['containment.failed']);
  });

  it('when MDE answers 500 and shows no indicator, then the request fails and the POST is never repeated', async () => {
    const h = setup();
    const request = await opened(h);
    h.indicators.submitImpl = async () => Promise.reject(mdeError({ kind: 'server', status: 500, code: 'InternalServerError', target: 'corr-500' }));
    const result = await approve(h, request.id);
    expect(result).toMatchObject({ ok: true, request: { state: 'failed', execution: { error: { kind: 'server', code: 'InternalServerError', correlationId: 'corr-500' } } } });
    expect(h.indicators.submits).toHaveLength(1);
    // A later click or sweep does not try again either.
    expect(await approve(h, request.id)).toMatchObject({ ok: false, reason: 'already-decided', state: 'failed' });
    expect(await h.service.recoverInFlight({ staleAfterMs: 0 })).toEqual([]);
    expect(h.indicators.submits).toHaveLength(1);
  });

  it.each(['server', 'timeout', 'network', 'malformed'] as const)('when the POST ends %s but MDE holds our indicator, then it succeeded (confirmed by looking, not retrying)', async (kind) => {
    const h = setup();
    const request = await opened(h);
    h.indicators.submitImpl = async (input) => {
      h.indicators.byValue.set(input.indicatorValue, { id: '7777', action: input.action, expirationTime: input.expirationTime, createdBy: 'verdict-app' });
      return Promise.reject(mdeError({ kind }));
    };
    expect(await approve(h, request.id)).toMatchObject({ ok: true, request: { state: 'succeeded', execution: { mdeId: '7777', note: 'confirmed-after-error' } } });
    expect(h.indicators.submits).toHaveLength(1);
  });

  it('when the POST times out and the check fails too, then the request fails with outcome-unknown', async () => {
    const h = setup();
    const request = await opened(h);
    h.indicators.submitImpl = async () => Promise.reject(mdeError({ kind: 'timeout' }));
    h.indicators.findImpl = async () => Promise.reject(mdeError({ kind: 'throttled', operation: 'indicators.list' }));
    expect(await approve(h, request.id)).toMatchObject({ ok: true, request: { state: 'failed', execution: { note: 'outcome-unknown', error: { kind: 'timeout' } } } });
  });

  it('when the gateway throws something that is not an MdeError, then MDE is checked and the request fails as unknown', async () => {
    const h = setup();
    const request = await opened(h);
    h.indicators.submitImpl = async () => Promise.reject(new TypeError('adapter bug'));
    expect(await approve(h, request.id)).toMatchObject({ ok: true, request: { state: 'failed', execution: { error: { kind: 'unknown', message: 'Unexpected error during the MDE call: adapter bug' } } } });
    expect(h.indicators.finds).toEqual([SHA256, SHA1, SHA256]);
  });

  it('when a portal-made indicator with another action shows up after a 500, then it does not count as ours', async () => {
    const h = setup();
    const request = await opened(h);
    h.indicators.submitImpl = async (input) => {
      h.indicators.byValue.set(input.indicatorValue, { id: '1', action: 'Allowed', expirationTime: null, createdBy: 'admin@contoso.com' });
      return Promise.reject(mdeError({ kind: 'server', status: 500 }));
    };
    expect(await approve(h, request.id)).toMatchObject({ request: { state: 'failed' } });
  });

  it('when isolation is created (201), then the request succeeds with the machine action id, status and our comment', async () => {
    const h = setup();
    const request = await opened(h, isolateInput());
    expect(await approve(h, request.id)).toMatchObject({ ok: true, request: { state: 'succeeded', execution: { mdeId: 'a1b2c3d4-0000-4000-8000-000000000001', mdeStatus: 'Pending' } } });
    expect(h.machines.isolations).toEqual([{ machineId: MACHINE, isolationType: 'Full', comment: `Verdict ${request.id}: Active ransomware on ws-0042 (requested by Alice Responder)` }]);
  });

  it('when MDE says an isolation is already in progress (with its id), then it succeeded as already-pending with that action', async () => {
    const h = setup();
    const request = await opened(h, isolateInput());
    h.machines.actions.set('ma-1', { id: 'ma-1', type: 'Isolate', status: 'InProgress' });
    h.machines.isolateImpl = async () => ({ kind: 'already-pending', actionId: 'ma-1' });
    expect(await approve(h, request.id)).toMatchObject({ ok: true, request: { state: 'succeeded', execution: { mdeId: 'ma-1', mdeStatus: 'InProgress', note: 'already-pending' } } });
    expect(h.machines.isolations).toHaveLength(1);
  });

  it('when MDE says already in progress without an id, then the pending Isolate is looked up; an unidentified action is a failure, not a success', async () => {
    const h = setup();
    const request = await opened(h, isolateInput());
    h.machines.isolateImpl = async () => ({ kind: 'already-pending' });
    h.machines.pendingIsolation = async () => ({ id: 'ma-2', type: 'Isolate', status: 'Pending' });
    expect(await approve(h, request.id)).toMatchObject({ request: { execution: { mdeId: 'ma-2', note: 'already-pending' } } });

    const other = setup();
    const second = await opened(other, isolateInput());
    other.machines.isolateImpl = async () => ({ kind: 'already-pending' });
    const result = await approve(other, second.id);
    expect(result).toMatchObject({ request: { state: 'failed', execution: { note: 'already-pending', error: { kind: 'already-pending' } } } });
    expect(result.ok && result.request.execution?.mdeId).toBeFalsy();
  });

  it('when the action already under way is an Unisolate (someone is releasing the device), then the isolation fails and says so', async () => {
    const h = setup();
    const request = await opened(h, isolateInput());
    h.machines.isolateImpl = async () => ({ kind: 'already-pending' });
    h.machines.pendingIsolation = async () => ({ id: 'unisolate-1', type: 'Unisolate', status: 'InProgress' });
    const result = await approve(h, request.id);
    expect(result).toMatchObject({ request: { state: 'failed', execution: { error: { kind: 'already-pending' } } } });
    expect(JSON.stringify(result)).toContain('Unisolate action (unisolate-1, InProgress)');
  });

  it('when isolate is refused with 400, then it fails without looking for evidence (MDE did nothing)', async () => {
    const h = setup();
    const request = await opened(h, isolateInput());
    h.machines.isolateImpl = async () => Promise.reject(mdeError({ kind: 'bad-request', status: 400, code: 'OsPlatformNotSupported', operation: 'machines.isolate' }));
    expect(await approve(h, request.id)).toMatchObject({ request: { state: 'failed', execution: { error: { code: 'OsPlatformNotSupported' } } } });
    expect(h.machines.recentQueries).toEqual([]);
  });

  it('when onExecuting is given, then it sees the stored executing request before MDE is called', async () => {
    const h = setup();
    const request = await opened(h);
    const seen: string[] = [];
    await approve(h, request.id, { onExecuting: async (r: { state: string }) => void seen.push(`${r.state}; submits=${h.indicators.submits.length}; stored=${(await h.service.get(request.id, TENANT))?.state}`) });
    expect(seen).toEqual(['executing; submits=0; stored=executing']);
  });

  it('when onExecuting throws, then execution still happens once', async () => {
    const h = setup();
    const request = await opened(h);
    const result = await approve(h, request.id, { onExecuting: () => Promise.reject(new Error('card update failed')) });
    expect(result).toMatchObject({ ok: true, request: { state: 'succeeded' } });
    expect(h.warnings).toContain('containment.on-executing-failed');
  });

  it('when the executing entry is still being journaled, then MDE has not been called', async () => {
    const h = setup();
    const request = await opened(h);
    const gate = deferred();
    h.audit.before = (entry) => (entry.type === 'containment.executing' ? gate.promise : Promise.resolve());
    const pending = approve(h, request.id);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.indicators.submits).toEqual([]);
    gate.resolve();
    await pending;
    expect(h.indicators.submits).toHaveLength(1);
  });
});
