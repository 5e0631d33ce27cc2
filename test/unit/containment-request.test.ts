import { createContainmentService } from '../../src/containment/service';
import { as, ALICE, blockInput, deferred, DAVE, isolateInput, MACHINE, mdeError, MINUTE, setup, SHA1, SHA256, T0, TENANT, type Harness } from './containment-fakes';
import { responseActions } from '../../src/response-actions/registry';

const conversation = { id: '19:soc@thread.tacv2' };
const ask = (h: Harness, input: object, actor = as(ALICE, 'responder')) => h.service.request({ actor, tenantId: TENANT, conversation, input });
const existing = (over: object = {}) => ({ id: '4711', action: 'Block', expirationTime: null, createdBy: 'soc-lead@contoso.com', ...over });

describe('containment request', () => {
  it('when a responder asks to block a hash, then the request is stored, journaled and returned with quota use', async () => {
    const h = setup();
    const result = await ask(h, blockInput());
    expect(result).toMatchObject({
      ok: true,
      request: { state: 'requested', kind: 'block-file', tenantId: TENANT, requester: ALICE, createdAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + 60 * MINUTE).toISOString(), target: { sha256: SHA256 } },
      notes: { quota: { used: 10, limit: 15_000, nearLimit: false } },
    });
    expect(h.audit.entries).toEqual([
      expect.objectContaining({ type: 'containment.requested', actor: ALICE, requestId: result.ok && result.request.id, data: expect.objectContaining({ reason: 'Malware in INC-4211', quota: { used: 10, limit: 15_000, nearLimit: false } }) }),
    ]);
    expect(result.ok && (await h.service.get(result.request.id, TENANT))).toEqual(result.ok && result.request);
  });

  it('when the request id generator is the default, then ids are 22 unguessable base64url characters', async () => {
    const h = setup();
    const service = createContainmentService({ store: h.store, audit: h.audit, kinds: responseActions(h).map((a) => a.kind), clock: h.clock.now });
    const result = await service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation, input: blockInput() });
    expect(result.ok && result.request.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it.each([
    ['a reader', as(DAVE, 'reader')],
    ['an approver who is not a responder', as(DAVE, 'approver')],
    ['someone with no roles', as(DAVE)],
  ])('when %s asks, then it is refused as not-allowed and journaled, before any MDE call', async (_who, actor) => {
    const h = setup();
    expect(await ask(h, blockInput(), actor)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(h.indicators.finds).toEqual([]);
    expect(h.audit.entries).toEqual([expect.objectContaining({ type: 'containment.refused', actor: DAVE, data: expect.objectContaining({ verb: 'request', reason: 'not-allowed' }) })]);
  });

  it('when the input is invalid, then the issues come back, are journaled, and nothing is stored', async () => {
    const h = setup();
    const result = await ask(h, blockInput({ reason: '' }));
    expect(result).toEqual({ ok: false, reason: 'invalid-input', issues: ['reason: reason is required'] });
    expect(h.audit.types()).toEqual(['containment.refused']);
    expect(await h.store.read(['containment-index/open'])).toEqual({});
  });

  it('when an indicator already exists on the SHA-256, then it is already-blocked with the existing indicator', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, existing({ expirationTime: '2026-06-01T00:00:00Z' }));
    expect(await ask(h, blockInput())).toEqual({ ok: false, reason: 'precheck-refused', refusal: { reason: 'already-blocked', detail: { existing: existing({ expirationTime: '2026-06-01T00:00:00Z' }) } } });
    expect(h.audit.entries[0]).toMatchObject({ type: 'containment.refused', data: { reason: 'already-blocked', detail: { existing: { id: '4711' } } } });
  });

  it('when only the SHA-1 has a Block indicator, then the file is already-blocked too (either hash covers it)', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA1, existing());
    expect(await ask(h, blockInput())).toMatchObject({ ok: false, reason: 'precheck-refused', refusal: { reason: 'already-blocked', detail: { existing: { action: 'Block' } } } });
    expect(h.indicators.finds).toEqual([SHA256, SHA1]);
  });

  it('when the device is isolated already (its newest settled isolation action is a Succeeded Isolate), then isolation is refused as already-isolated, journaled', async () => {
    const h = setup();
    const action = { id: 'ma-iso-1', type: 'Isolate', status: 'Succeeded', creationDateTimeUtc: '2026-03-01T08:00:00Z' };
    h.machines.isolatedBy = action;
    expect(await ask(h, isolateInput())).toEqual({ ok: false, reason: 'precheck-refused', refusal: { reason: 'already-isolated', detail: { existing: action } } });
    expect(h.audit.entries[0]).toMatchObject({ type: 'containment.refused', data: { reason: 'already-isolated', detail: { existing: { id: 'ma-iso-1' } } } });
    expect(h.machines.isolations).toEqual([]);
  });

  it('when the existing indicator has expired, then it does not stop a new request', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, existing({ expirationTime: new Date(T0 - 1).toISOString() }));
    expect(await ask(h, blockInput())).toMatchObject({ ok: true });
  });

  it.each([
    [11_999, { ok: true, notes: { quota: { used: 11_999, limit: 15_000, nearLimit: false } } }],
    [12_000, { ok: true, notes: { quota: { used: 12_000, limit: 15_000, nearLimit: true } } }],
    [14_999, { ok: true, notes: { quota: { used: 14_999, limit: 15_000, nearLimit: true } } }],
    [15_000, { ok: false, reason: 'precheck-refused', refusal: { reason: 'quota-exceeded', detail: { quota: { used: 15_000, limit: 15_000, nearLimit: true } } } }],
  ])('when %i indicators are active, then the result is %o', async (count, expected) => {
    const h = setup();
    h.indicators.count = count;
    expect(await ask(h, blockInput())).toMatchObject(expected);
  });

  it('when an isolation is already pending on the device, then it is already-pending with that action', async () => {
    const h = setup();
    h.machines.pending = { id: 'ma-77', type: 'Isolate', status: 'Pending' };
    expect(await ask(h, isolateInput())).toEqual({ ok: false, reason: 'precheck-refused', refusal: { reason: 'already-pending', detail: { existing: { id: 'ma-77', type: 'Isolate', status: 'Pending' } } } });
    expect(h.audit.entries[0]).toMatchObject({ data: { reason: 'already-pending', detail: { target: { machineId: MACHINE } } } });
  });

  it('when a pre-check fails in MDE, then the MdeError comes back as a value for the failure card', async () => {
    const h = setup();
    const err = mdeError({ kind: 'forbidden', status: 403, code: 'Forbidden', target: 'corr-9', operation: 'indicators.list', permissions: ['Ti.ReadWrite.All'] });
    h.indicators.findImpl = async () => Promise.reject(err);
    expect(await ask(h, blockInput())).toEqual({ ok: false, reason: 'precheck-failed', error: err });
    expect(h.audit.entries[0]).toMatchObject({ data: { reason: 'precheck-failed', detail: { error: { code: 'Forbidden', correlationId: 'corr-9' } } } });
  });

  it('when the journal is slow, then the request does not resolve before its entry is appended', async () => {
    const h = setup();
    const gate = deferred();
    h.audit.before = () => gate.promise;
    let settled = false;
    const pending = ask(h, blockInput()).then((r) => ((settled = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    gate.resolve();
    expect(await pending).toMatchObject({ ok: true });
    expect(h.audit.types()).toEqual(['containment.requested']);
  });

  it('when the journal refuses the requested entry, then the request is audit-unavailable and does not exist', async () => {
    const h = setup();
    h.audit.failWhen = () => true;
    expect(await ask(h, blockInput())).toEqual({ ok: false, reason: 'audit-unavailable', undone: true });
    expect(await h.service.get('req0000000000000000001', TENANT)).toBeUndefined();
    expect(await h.service.recoverInFlight({ staleAfterMs: 0 })).toEqual([]);
  });

  it('when the card is posted, then its activity id is remembered on the request', async () => {
    const h = setup();
    const result = await ask(h, isolateInput());
    const id = result.ok ? result.request.id : '';
    expect(await h.service.attachCard(id, TENANT, '1:activity')).toMatchObject({ ok: true, request: { conversation: { id: conversation.id, activityId: '1:activity' } } });
    expect(await h.service.attachCard(id, 'another-tenant', '1:x')).toEqual({ ok: false, reason: 'not-found' });
  });
});
