import { fakeRuns } from './devices-bulk-fakes';
import { DEVICE_ACTIONS } from '../../src/response-actions/device-set/actions';
import { deviceSetKind } from '../../src/response-actions/device-set/kind';
import { ALICE, as, BOB, setup, TENANT } from './containment-fakes';

const spec = (action: string) => DEVICE_ACTIONS.find((a) => a.action === action) ?? (() => { throw new Error(action); })();
const devices = [{ id: 'a'.repeat(40), name: 'ws-1' }, { id: 'b'.repeat(40), name: 'ws-2' }];
const input = (kind: string, action: object) => ({ kind, target: { setId: 'set-0001', source: 'a pasted list of 2 entries', devices }, parameters: { action }, reason: 'IR-13' });

describe('device-set kinds on the containment core', () => {
  it('when a responder asks for an AV scan, then it runs at once by policy: one bulk run for the whole set', async () => {
    const runs = fakeRuns();
    const h = setup({ kinds: [deviceSetKind(spec('scan'), { runs: runs.api })] });
    const result = await h.service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation: { id: 'c' }, input: input('device-av-scan', { kind: 'scan', scanType: 'Quick' }) });
    expect(result).toMatchObject({ ok: true, request: { state: 'succeeded', decision: { byPolicy: true }, execution: { mdeId: expect.any(String), mdeStatus: 'Running: 0/2 sent, 0 done, 0 failed' } } });
    expect(runs.begun).toHaveLength(1);
    expect(runs.begun[0]).toMatchObject({ action: { kind: 'scan', scanType: 'Quick' }, devices, comment: expect.stringContaining('[verdict:') });
  });

  it('when a responder asks to isolate a set, then nothing runs until an approver approves, and then once', async () => {
    const runs = fakeRuns();
    const h = setup({ kinds: [deviceSetKind(spec('isolate'), { runs: runs.api })] });
    const asked = await h.service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation: { id: 'c' }, input: input('device-set-isolate', { kind: 'isolate', isolationType: 'Full' }) });
    if (!asked.ok) throw new Error(asked.reason);
    expect(asked.request.state).toBe('requested');
    expect(runs.begun).toHaveLength(0);
    await h.service.decide('approve', { id: asked.request.id, actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'ok' });
    await h.service.decide('approve', { id: asked.request.id, actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'again' });
    expect(runs.begun).toHaveLength(1);
  });

  it('when the run completes, then following reads its end as a final status', async () => {
    const runs = fakeRuns();
    const kind = deviceSetKind(spec('release'), { runs: runs.api });
    const run = await runs.api.begin({ id: 'r1', action: { kind: 'release' }, comment: 'c', requestedBy: 'A', devices });
    expect(kind.follow?.isFinal((await kind.follow.status(run.meta.id)) ?? '')).toBe(false);
    runs.finish('r1');
    const status = (await kind.follow?.status('r1')) ?? '';
    expect(status).toBe('Completed: 2 ok, 0 already pending, 0 failed');
    expect(kind.follow?.isFinal(status)).toBe(true);
    expect(await kind.follow?.status('nope')).toBeNull();
  });

  it('when the form names another action than the kind, or more than 1,000 devices, then the input is refused', async () => {
    const h = setup({ kinds: [deviceSetKind(spec('scan'), { runs: fakeRuns().api })] });
    const wrong = await h.service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation: { id: 'c' }, input: input('device-av-scan', { kind: 'isolate', isolationType: 'Full' }) });
    expect(wrong).toMatchObject({ ok: false, reason: 'invalid-input' });
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: i.toString(16).padStart(40, '0'), name: `ws-${i}` }));
    const big = await h.service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation: { id: 'c' }, input: { ...input('device-av-scan', { kind: 'scan', scanType: 'Quick' }), target: { setId: 'set-0001', source: 's', devices: many } } });
    expect(big).toMatchObject({ ok: false, reason: 'invalid-input' });
  });
});
