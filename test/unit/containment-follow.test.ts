import { as, BOB, isolateInput, MACHINE, opened, setup, TENANT, type Harness } from './containment-fakes';

const ACTION = 'a1b2c3d4-0000-4000-8000-000000000001';
const SECOND = 1000;

/** An isolation approved by Bob and accepted by MDE (MachineAction Pending). */
async function accepted(h: Harness) {
  const request = await opened(h, isolateInput());
  h.machines.actions.set(ACTION, { id: ACTION, type: 'Isolate', status: 'Pending' });
  const result = await h.service.decide('approve', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT });
  if (!result.ok) throw new Error(`approval failed: ${JSON.stringify(result)}`);
  return result.request;
}

const status = (h: Harness, value: string) => h.machines.actions.set(ACTION, { id: ACTION, type: 'Isolate', status: value });
const statusEntries = (h: Harness) => h.audit.entries.filter((e) => e.type === 'containment.action-status').map((e) => e.data);

describe('following an isolation to its final status', () => {
  it.each(['Succeeded', 'Failed', 'TimeOut', 'Cancelled'])('when the MachineAction ends %s, then the change is journaled, stored, and polling stops', async (final) => {
    const h = setup();
    const request = await accepted(h);
    expect(await h.service.followActions()).toEqual([]); // not due yet: first look after followFirstMs
    h.clock.advance(5 * SECOND);
    status(h, 'InProgress');
    const first = await h.service.followActions();
    expect(first.map((i) => [i.change, i.request.execution?.mdeStatus])).toEqual([['status', 'InProgress']]);

    status(h, final);
    h.clock.advance(5 * SECOND);
    const second = await h.service.followActions();
    expect(second.map((i) => [i.change, i.request.execution?.mdeStatus])).toEqual([['final', final]]);
    expect(statusEntries(h)).toEqual([
      expect.objectContaining({ mdeId: ACTION, machineId: MACHINE, from: 'Pending', to: 'InProgress', final: false }),
      expect.objectContaining({ mdeId: ACTION, from: 'InProgress', to: final, final: true }),
    ]);
    expect((await h.service.get(request.id, TENANT))?.execution?.mdeStatus).toBe(final);

    // Ended: no more MDE calls, however long we wait.
    let lookups = 0;
    const getAction = h.machines.getAction;
    h.machines.getAction = async (id) => (lookups++, getAction(id));
    for (let i = 0; i < 5; i++) {
      h.clock.advance(10 * 60 * SECOND);
      expect(await h.service.followActions()).toEqual([]);
    }
    expect(lookups).toBe(0);
  });

  it('when the status does not change, then looks back off, doubling up to the maximum interval', async () => {
    const h = setup({ policy: { followFirstMs: 5 * SECOND, followMaxIntervalMs: 60 * SECOND } });
    await accepted(h);
    const lookedAt: number[] = [];
    const getAction = h.machines.getAction;
    h.machines.getAction = async (id) => (lookedAt.push(h.clock.now()), getAction(id));
    const start = h.clock.now();
    for (let t = 0; t < 300; t++) {
      await h.service.followActions();
      h.clock.advance(SECOND);
    }
    const gaps = lookedAt.slice(1).map((t, i) => (t - (lookedAt[i] ?? 0)) / SECOND);
    expect((lookedAt[0] ?? 0) - start).toBe(5 * SECOND);
    expect(gaps.slice(0, 4)).toEqual([10, 20, 40, 60]);
    expect(new Set(gaps.slice(4))).toEqual(new Set([60]));
    expect(statusEntries(h)).toEqual([]);
  });

  it('when the service restarts (a new instance over the same store), then it goes on following and ends once', async () => {
    const h = setup();
    const request = await accepted(h);
    const restarted = setup({ store: h.store, clock: h.clock });
    restarted.machines.actions.set(ACTION, { id: ACTION, type: 'Isolate', status: 'Succeeded' });
    h.clock.advance(5 * SECOND);
    const changes = await restarted.service.followActions();
    expect(changes.map((c) => [c.id, c.change])).toEqual([[request.id, 'final']]);
    expect(statusEntries(restarted)).toEqual([expect.objectContaining({ from: 'Pending', to: 'Succeeded', final: true })]);
    h.clock.advance(60 * SECOND);
    expect(await restarted.service.followActions()).toEqual([]);
    expect(await h.service.followActions()).toEqual([]);
  });

  it('when MDE fails a look (429/500), then nothing is journaled and it is tried again later', async () => {
    const h = setup();
    await accepted(h);
    let failing = true;
    const getAction = h.machines.getAction;
    h.machines.getAction = async (id) => {
      if (failing) throw new Error('HTTP 500');
      return getAction(id);
    };
    h.clock.advance(5 * SECOND);
    expect(await h.service.followActions()).toEqual([]);
    expect(h.warnings).toContain('containment.follow-lookup-failed');
    failing = false;
    status(h, 'Succeeded');
    h.clock.advance(10 * SECOND);
    expect((await h.service.followActions()).map((c) => c.change)).toEqual(['final']);
  });

  it('when the journal refuses the change, then the request is not changed and the change is journaled on a later look', async () => {
    const h = setup();
    const request = await accepted(h);
    status(h, 'Succeeded');
    h.audit.failWhen = (e) => e.type === 'containment.action-status';
    h.clock.advance(5 * SECOND);
    expect(await h.service.followActions()).toEqual([]);
    expect((await h.service.get(request.id, TENANT))?.execution?.mdeStatus).toBe('Pending');
    h.audit.failWhen = () => false;
    h.clock.advance(10 * SECOND);
    expect((await h.service.followActions()).map((c) => c.change)).toEqual(['final']);
    expect(statusEntries(h)).toHaveLength(1);
  });

  it('when MDE no longer knows the action (404), then following ends, saying so', async () => {
    const h = setup();
    await accepted(h);
    h.machines.actions.delete(ACTION);
    h.clock.advance(5 * SECOND);
    const [item] = await h.service.followActions();
    expect(item?.change).toBe('not-found');
    expect(item?.request.execution?.followEnded).toBe('not-found');
    expect(statusEntries(h)).toEqual([expect.objectContaining({ followEnded: 'not-found', to: 'Pending' })]);
  });

  it('when the action stays pending past followForMs, then Verdict stops following and says so', async () => {
    const h = setup({ policy: { followForMs: 60 * 60 * SECOND, followMaxIntervalMs: 10 * 60 * SECOND } });
    await accepted(h);
    let item;
    for (let i = 0; i < 20 && !item; i++) {
      h.clock.advance(10 * 60 * SECOND);
      [item] = await h.service.followActions();
    }
    expect(item?.change).toBe('gave-up');
    expect(statusEntries(h)).toEqual([expect.objectContaining({ followEnded: 'gave-up' })]);
  });

  it('when a block is approved, or an isolation fails, then nothing is followed', async () => {
    const h = setup();
    const block = await opened(h);
    await h.service.decide('approve', { id: block.id, actor: as(BOB, 'approver'), tenantId: TENANT });
    h.machines.isolateImpl = async () => {
      throw new Error('network down');
    };
    const isolation = await opened(h, isolateInput());
    await h.service.decide('approve', { id: isolation.id, actor: as(BOB, 'approver'), tenantId: TENANT });
    let lookups = 0;
    h.machines.getAction = async () => (lookups++, null);
    h.clock.advance(60 * SECOND);
    expect(await h.service.followActions()).toEqual([]);
    expect(lookups).toBe(0);
  });

  it('when the isolation was already final when MDE answered, then it is never followed', async () => {
    const h = setup();
    h.machines.isolateImpl = async () => ({ kind: 'created', action: { id: ACTION, type: 'Isolate', status: 'Succeeded' } });
    const request = await opened(h, isolateInput());
    await h.service.decide('approve', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT });
    let lookups = 0;
    h.machines.getAction = async () => (lookups++, null);
    h.clock.advance(60 * SECOND);
    await h.service.followActions();
    expect(lookups).toBe(0);
  });
});
