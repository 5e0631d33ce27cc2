import { MemoryStorage } from 'botbuilder';
import type { ContainmentRequest } from '../../src/containment/model';
import { conflictAuditWords, conflictInWords, deviceConflict, deviceIdsOf, opposes } from '../../src/response-actions/device-conflicts';
import { DEVICE_ACTIONS } from '../../src/response-actions/device-set/actions';
import { deviceSetKind } from '../../src/response-actions/device-set/kind';
import { ALICE, as, BOB, deferred, isolateInput, MACHINE, MINUTE, OTHER_TENANT, setup, TENANT, type Harness } from './containment-fakes';
import { fakeRuns } from './devices-bulk-fakes';

const spec = (action: string) => DEVICE_ACTIONS.find((a) => a.action === action) ?? (() => { throw new Error(action); })();
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const set = (ids: string[]) => ({ setId: 'set-0001', source: 'a pasted list', devices: ids.map((id, i) => ({ id, name: `ws-${i + 1}<b>` })) });
const setInput = (kind: string, action: object, ids: string[]) => ({ kind, target: set(ids), parameters: { action }, reason: 'IR-13' });
const RELEASE = { kind: 'release' };
const ISOLATE = { kind: 'isolate', isolationType: 'Full' };

/** A service running every device-set kind on one fake bulk runner (and the registry's isolate-device). */
function harness(over: Parameters<typeof setup>[0] = {}) {
  const runs = fakeRuns();
  const kinds = DEVICE_ACTIONS.map((s) => deviceSetKind(s, { runs: runs.api }));
  return { ...setup({ ...over, kinds }), runs };
}
const ask = (h: Harness, input: object, tenantId = TENANT) => h.service.request({ actor: as(ALICE, 'responder'), tenantId, conversation: { id: 'c' }, input });

describe('device conflicts: the rule', () => {
  it('opposes isolate/release and restrict/unrestrict only: the same action twice, scans, tags and quarantines never', () => {
    expect(opposes({ kind: 'isolate', isolationType: 'Full' }, { kind: 'release' })).toBe(true);
    expect(opposes({ kind: 'unrestrict' }, { kind: 'restrict' })).toBe(true);
    expect(opposes({ kind: 'isolate', isolationType: 'Full' }, { kind: 'isolate', isolationType: 'Selective' })).toBe(false);
    expect(opposes({ kind: 'release' }, { kind: 'restrict' })).toBe(false);
    expect(opposes({ kind: 'scan', scanType: 'Quick' }, { kind: 'collect' })).toBe(false);
    expect(opposes({ kind: 'tag', value: 'x', tagAction: 'Add' }, { kind: 'tag', value: 'x', tagAction: 'Remove' })).toBe(false);
  });

  it('reads the devices of either target shape, and none from a target of another shape (hostile stored data)', () => {
    expect(deviceIdsOf({ target: { machineId: A.toUpperCase() } })).toEqual([A]);
    expect(deviceIdsOf({ target: set([A, B]) })).toEqual([A, B]);
    expect(deviceIdsOf({ target: { sha256: 'x' } })).toEqual([]);
    expect(deviceIdsOf({ target: { devices: 'constructor' } as unknown as Record<string, unknown> })).toEqual([]);
  });

  it('names the first opposing request with devices in common, at most five names and the count', () => {
    const other = { id: 'req-isolate-1', kind: 'device-set-isolate', state: 'requested', requester: { name: 'Lee' }, target: set([A, B, C]), parameters: { action: ISOLATE } } as unknown as ContainmentRequest;
    const refusal = deviceConflict({ action: { kind: 'release' }, target: set([C, B]) }, [other]);
    expect(refusal).toEqual({ reason: 'conflicting-request', detail: { conflict: { requestId: 'req-isolate-1', kind: 'device-set-isolate', action: 'isolate', state: 'requested', requestedBy: 'Lee', devices: 2, named: ['ws-2<b>', 'ws-1<b>'] } } });
    expect(deviceConflict({ action: { kind: 'release' }, target: set([A]) }, [{ ...other, target: set([B]) } as ContainmentRequest])).toBeNull();
    const words = conflictInWords('conflicting-request', (refusal as { detail: Record<string, unknown> }).detail);
    expect(words).toEqual({
      title: 'an isolation waits for approval on 2 of these devices',
      detail: 'Verdict request req-isolate-1 (isolation, asked by Lee) is waiting for an approver and covers 2 of these devices (ws-2<b>, ws-1<b>). Opposite actions are never in flight together on one device.',
      audit: 'request req-isolate-1 (isolation, asked by Lee, waiting for an approver) covers 2 of these devices (ws-2<b>, ws-1<b>)',
    });
    const running = { conflict: { requestId: 'r', kind: 'device-release', action: 'release', state: 'executing', requestedBy: '', devices: 1, named: ['ws-9'] } };
    expect(conflictInWords('conflicting-request', running)?.title).toBe('a release from isolation is under way on this device');
    // The audit channel's title is escaped; the problem card escapes its own text.
    expect(conflictAuditWords('conflicting-request', (refusal as { detail: Record<string, unknown> }).detail)).not.toContain('<b>');
    expect(conflictInWords('already-pending', {})).toBeUndefined();
    expect(conflictInWords('conflicting-request', { conflict: { requestId: 7 } })?.title).toMatch(/opposite action/);
  });
});

describe('device conflicts on the containment core (shared store)', () => {
  it('when an isolation of a device waits for approval, then a release of a set holding it is refused, journaled, and nothing is stored or run', async () => {
    const h = harness();
    const isolation = await ask(h, setInput('device-set-isolate', ISOLATE, [A, B]));
    expect(isolation.ok).toBe(true);
    const release = await ask(h, setInput('device-release', RELEASE, [C, B]));
    expect(release).toMatchObject({ ok: false, reason: 'precheck-refused', refusal: { reason: 'conflicting-request', detail: { conflict: { requestId: isolation.ok && isolation.request.id, devices: 1, named: ['ws-2<b>'] } } } });
    expect(h.audit.entries.at(-1)).toMatchObject({ type: 'containment.refused', data: { verb: 'request', reason: 'conflicting-request' } });
    expect(await h.store.read(['containment-index/open'])).toMatchObject({ 'containment-index/open': { ids: [isolation.ok && isolation.request.id] } });
    expect(h.runs.begun).toHaveLength(0);
  });

  it('when the devices do not overlap, or the action is the same, or another kind of action, then it is not a conflict', async () => {
    const h = harness();
    expect((await ask(h, setInput('device-set-isolate', ISOLATE, [A]))).ok).toBe(true);
    expect((await ask(h, setInput('device-release', RELEASE, [B]))).ok).toBe(true);
    expect((await ask(h, setInput('device-set-isolate', { kind: 'isolate', isolationType: 'Selective' }, [A]))).ok).toBe(true);
    expect((await ask(h, setInput('device-restrict', { kind: 'restrict' }, [A]))).ok).toBe(true);
    expect((await ask(h, setInput('device-av-scan', { kind: 'scan', scanType: 'Quick' }, [A]))).ok).toBe(true);
    expect(await ask(h, setInput('device-unrestrict', { kind: 'unrestrict' }, [A]))).toMatchObject({ ok: false, refusal: { reason: 'conflicting-request' } });
  });

  it('when the single-device isolation waits, a release set is refused; when a release set waits, the single isolation is refused before asking Defender', async () => {
    const h = harness();
    expect((await ask(h, isolateInput())).ok).toBe(true);
    expect(await ask(h, setInput('device-release', RELEASE, [MACHINE]))).toMatchObject({ ok: false, refusal: { reason: 'conflicting-request', detail: { conflict: { kind: 'isolate-device', action: 'isolate' } } } });

    const other = harness();
    expect((await ask(other, setInput('device-release', RELEASE, [MACHINE]))).ok).toBe(true);
    let asked = 0;
    other.machines.pendingIsolation = async () => (asked++, null);
    expect(await ask(other, isolateInput())).toMatchObject({ ok: false, refusal: { reason: 'conflicting-request', detail: { conflict: { kind: 'device-release' } } } });
    expect(asked).toBe(0);
  });

  it('when the other request has ended (denied, expired, cancelled, or its run completed), or is another tenant\'s, then it no longer blocks', async () => {
    const h = harness();
    const waiting = await ask(h, setInput('device-set-isolate', ISOLATE, [A]));
    if (!waiting.ok) throw new Error(waiting.reason);
    await h.service.decide('deny', { id: waiting.request.id, actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'no' });
    expect((await ask(h, setInput('device-release', RELEASE, [A]))).ok).toBe(true);

    const expiring = harness();
    expect((await ask(expiring, setInput('device-set-isolate', ISOLATE, [A]))).ok).toBe(true);
    expiring.clock.advance(61 * MINUTE);
    expect((await ask(expiring, setInput('device-release', RELEASE, [A]))).ok).toBe(true);

    const tenants = harness();
    expect((await ask(tenants, setInput('device-set-isolate', ISOLATE, [A]), OTHER_TENANT)).ok).toBe(true);
    expect((await ask(tenants, setInput('device-release', RELEASE, [A]))).ok).toBe(true);
  });

  it('when an approved run is still followed, then it blocks; once its run completes, it does not', async () => {
    const h = harness();
    const asked = await ask(h, setInput('device-set-isolate', ISOLATE, [A]));
    if (!asked.ok) throw new Error(asked.reason);
    const approved = await h.service.decide('approve', { id: asked.request.id, actor: as(BOB, 'approver'), tenantId: TENANT, comment: 'go' });
    expect(approved).toMatchObject({ ok: true, request: { state: 'succeeded' } });
    expect(await ask(h, setInput('device-release', RELEASE, [A]))).toMatchObject({ ok: false, refusal: { reason: 'conflicting-request', detail: { conflict: { state: 'succeeded' } } } });
    h.runs.finish(asked.request.id);
    h.clock.advance(MINUTE);
    await h.service.followActions();
    expect(await h.service.get(asked.request.id, TENANT)).toMatchObject({ execution: { mdeStatus: expect.stringMatching(/^Completed/) } });
    expect((await ask(h, setInput('device-release', RELEASE, [A]))).ok).toBe(true);
  });

  it('when two instances open opposing requests at once (both pass the first check), then exactly one is kept: the one listed first in the shared open index', async () => {
    const store = new MemoryStorage();
    let n = 0;
    const one = harness({ store });
    const two = harness({ store, ids: () => `two${String(++n).padStart(19, '0')}` });
    // Instance one's isolation is held at its Defender pre-check, after its conflict check passed.
    const gate = deferred<null>();
    one.machines.pendingIsolation = () => gate.promise;
    const isolating = ask(one, isolateInput());
    await new Promise((r) => setImmediate(r));
    const releasing = await ask(two, setInput('device-release', RELEASE, [MACHINE]));
    expect(releasing.ok).toBe(true);
    gate.resolve(null);
    expect(await isolating).toMatchObject({ ok: false, reason: 'precheck-refused', refusal: { reason: 'conflicting-request', detail: { conflict: { kind: 'device-release' } } } });
    const open = (await store.read(['containment-index/open']))['containment-index/open'] as { ids: string[] };
    expect(open.ids).toEqual([releasing.ok && releasing.request.id]);
    expect(one.audit.types()).toEqual(['containment.refused']);
  });

  it.each([
    ['its record', (k: string) => k.startsWith('containment/req')],
    ['its id in the open index, before its record exists', (k: string) => k === 'containment-index/open'],
  ])('when one instance pauses right after writing %s and the other asks meanwhile, then the one listed later withdraws (never both kept)', async (_what, pauseAfter) => {
    const gate = deferred();
    let paused = false;
    class PausingStorage extends MemoryStorage {
      override async write(changes: Record<string, unknown>): Promise<void> {
        await super.write(changes as never);
        if (!paused && Object.keys(changes).some(pauseAfter)) {
          paused = true;
          await gate.promise;
        }
      }
    }
    const store = new PausingStorage();
    let n = 0;
    const one = harness({ store });
    const two = harness({ store, ids: () => `two${String(++n).padStart(19, '0')}` });
    const isolating = ask(one, isolateInput());
    while (!paused) await new Promise((r) => setImmediate(r));
    const releasing = ask(two, setInput('device-release', RELEASE, [MACHINE]));
    // Instance one's record lands while two waits for it (the index lists it a write earlier).
    setTimeout(() => gate.resolve(), 20);
    expect(await releasing).toMatchObject({ ok: false, refusal: { reason: 'conflicting-request', detail: { conflict: { kind: 'isolate-device' } } } });
    const kept = await isolating;
    expect(kept.ok).toBe(true);
    const open = (await store.read(['containment-index/open']))['containment-index/open'] as { ids: string[] };
    expect(open.ids).toEqual([kept.ok && kept.request.id]);
  });
});
