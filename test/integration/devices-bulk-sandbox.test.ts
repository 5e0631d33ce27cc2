import { MemoryStorage } from 'botbuilder';
import { executeRun, newRun } from '../../src/devices/bulk/bulk-runner';
import { DeviceLocks } from '../../src/devices/bulk/device-locks';
import { bulkMdeOver } from '../../src/devices/bulk/mde-bulk-adapter';
import { simpleGate } from '../../src/devices/bulk/p-queue-gate';
import type { BulkDeps, BulkMde } from '../../src/devices/bulk/ports';
import { progressOf } from '../../src/devices/bulk/progress';
import { createRunStore } from '../../src/devices/bulk/run-store';
import { runComment } from '../../src/devices/bulk/send-device';
import { bulkRunsFor } from '../../src/devices/bulk/wiring';
import pino from 'pino';
import type { MdeDeviceApi } from '../../src/mde/device-api';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { syntheticMachines } from '../../src/sandbox/synthetic-machines';
import { sandboxDeviceApi } from '../support/sandbox-device-api';

/** The bulk runner with the real MDE client against the sandbox, in scaled time (a minute is 600 ms). */
jest.setTimeout(60_000);

const SCALE = 0.01;
const fleet = syntheticMachines().map((m) => ({ id: m.id, name: m.computerDnsName }));
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function depsFor(mde: BulkMde, over: Partial<BulkDeps> = {}): BulkDeps {
  return { mde, gate: simpleGate(8), clock: Date.now, sleep: realSleep, followFirstMs: 100, followMaxIntervalMs: 400, followForMs: 30_000, ...over };
}

describe('bulk runs against the sandbox', () => {
  let sb: Sandbox;
  let api: MdeDeviceApi;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: SCALE, containment: { actionPendingMs: 300, actionInProgressMs: 300 } });
    api = sandboxDeviceApi(sb, { limiter: createMdeRateLimiter({ timeScale: SCALE }) });
  });
  afterAll(() => sb.stop());

  it('when 500 devices are scanned, then MDE gets 500 calls paced under its limit (no 429) and every action ends Succeeded', async () => {
    const store = createRunStore(new MemoryStorage());
    await store.create(newRun({ id: 'scan-500', action: { kind: 'scan', scanType: 'Quick' }, comment: runComment('scan-500', 'IR-13'), requestedBy: 'Alex', devices: fleet.slice(0, 500) }, Date.now()));
    const before = sb.stats();
    const run = await executeRun(depsFor(bulkMdeOver(api)), store, new DeviceLocks(), 'scan-500');
    const after = sb.stats();
    expect(progressOf(run)).toMatchObject({ total: 500, accepted: 500, succeeded: 500, failed: 0 });
    expect((after.byFamily.machines ?? 0) - (before.byFamily.machines ?? 0)).toBe(500);
    expect(after.throttled - before.throttled).toBe(0);
  });

  it('when MDE answers 429 in the middle, then the devices wait and are sent again: none fails', async () => {
    sb.faults.inject({ family: 'machines', type: 'status', status: 429, retryAfterSeconds: 1, times: 6 });
    const store = createRunStore(new MemoryStorage());
    await store.create(newRun({ id: 'scan-429', action: { kind: 'scan', scanType: 'Full' }, comment: runComment('scan-429', 'IR-13'), requestedBy: 'Alex', devices: fleet.slice(500, 520) }, Date.now()));
    const run = await executeRun(depsFor(bulkMdeOver(api)), store, new DeviceLocks(), 'scan-429');
    expect(progressOf(run)).toMatchObject({ accepted: 20, failed: 0 });
  });

  it('when the bot stops mid-batch after MDE took a call, then the resumed run does not send it again', async () => {
    const storage = new MemoryStorage();
    const store = createRunStore(storage);
    const devices = fleet.slice(520, 560);
    await store.create(newRun({ id: 'iso-40', action: { kind: 'isolate', isolationType: 'Full' }, comment: runComment('iso-40', 'IR-13'), requestedBy: 'Alex', devices }, Date.now()));
    const real = bulkMdeOver(api);
    let sent = 0;
    const crashing: BulkMde = {
      ...real,
      async send(id, action, comment) {
        // A dead process sends nothing more and writes nothing more: later calls never return.
        if (sent >= 15) return new Promise<never>(() => undefined);
        const result = await real.send(id, action, comment);
        if (++sent === 15) throw new Error('process killed'); // MDE has the 15th; we never learn it
        return result;
      },
    };
    await expect(executeRun(depsFor(crashing, { gate: simpleGate(1) }), store, new DeviceLocks(), 'iso-40')).rejects.toThrow('process killed');
    expect(await store.openIds()).toEqual(['iso-40']);

    const resumed = await executeRun(depsFor(real), createRunStore(storage), new DeviceLocks(), 'iso-40');
    expect(progressOf(resumed)).toMatchObject({ accepted: 40, succeeded: 40, alreadyPending: 0 });
    const actions = await api.listActions({ type: 'Isolate' });
    for (const d of devices) expect(actions.filter((a) => a.machineId === d.id)).toHaveLength(1);
    expect(resumed.devices[14]).toMatchObject({ state: 'accepted', detail: 'found in Defender after an unconfirmed call' });
  });

  it('when the instance stops leading mid-run (pause), then it sends nothing more at once, the run stays open, and the next leader sends only the rest', async () => {
    const storage = new MemoryStorage();
    let leads = true;
    const runs = bulkRunsFor(api, storage, pino({ level: 'silent' }), Date.now, {}, { isLeader: () => leads });
    const devices = fleet.slice(300, 360);
    const ours = async () => (await api.listActions({ type: 'RunAntiVirusScan' })).filter((a) => (a.requestorComment ?? '').includes('[verdict:scan-60]'));
    const scans = async () => (await ours()).length;
    await runs.begin({ id: 'scan-60', action: { kind: 'scan', scanType: 'Quick' }, comment: runComment('scan-60', 'IR-13'), requestedBy: 'Alex', devices });
    while ((await scans()) < 10) await realSleep(20);
    leads = false;
    const pausedAt = Date.now();
    await runs.pause();
    // Paced at 100 a minute (600 ms here), the 50 left would take about 300 ms more to drain: a pause does not wait for them.
    const sentAtPause = await scans();
    expect(Date.now() - pausedAt).toBeLessThan(1_000);
    expect(sentAtPause).toBeLessThan(60);
    await realSleep(300);
    expect(await scans()).toBe(sentAtPause);
    expect((await runs.get('scan-60'))?.devices.filter((d) => d.state === 'queued').length).toBe(60 - sentAtPause);
    // Not the leader: a resume starts nothing.
    await runs.resumeOpen();
    await realSleep(100);
    expect(await scans()).toBe(sentAtPause);

    leads = true;
    expect(await runs.resumeOpen()).toBe(1);
    while ((await runs.get('scan-60'))?.devices.some((d) => d.state === 'queued' || d.state === 'sending')) await realSleep(50);
    await runs.stop();
    const actions = await ours();
    expect(actions).toHaveLength(60);
    expect(new Set(actions.map((a) => a.machineId)).size).toBe(60);
  });

  it('when 600 devices are tagged, then 2 MDE calls tag them all', async () => {
    const store = createRunStore(new MemoryStorage());
    await store.create(newRun({ id: 'tag-600', action: { kind: 'tag', value: 'IR-13', tagAction: 'Add' }, comment: 'x', requestedBy: 'Alex', devices: fleet }, Date.now()));
    const before = sb.stats().byFamily.machines ?? 0;
    const run = await executeRun(depsFor(bulkMdeOver(api)), store, new DeviceLocks(), 'tag-600');
    expect(progressOf(run)).toMatchObject({ done: 600, failed: 0 });
    expect((sb.stats().byFamily.machines ?? 0) - before).toBe(2);
  });
});
