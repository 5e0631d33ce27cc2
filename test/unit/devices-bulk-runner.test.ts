import { executeRun, newRun } from '../../src/devices/bulk/bulk-runner';
import { progressLine, progressOf } from '../../src/devices/bulk/progress';
import type { BulkAction } from '../../src/devices/bulk/bulk-action';
import { runComment } from '../../src/devices/bulk/send-device';
import { simpleGate } from '../../src/devices/bulk/p-queue-gate';
import { bulkHarness, deviceId, devices, fakeBulkMde, mdeError, T0 } from './devices-bulk-fakes';

const SCAN: BulkAction = { kind: 'scan', scanType: 'Quick' };

async function start(h: ReturnType<typeof bulkHarness>, id: string, action: BulkAction, count: number) {
  await h.store.create(newRun({ id, action, comment: runComment(id, 'IR-42'), requestedBy: 'Alex', devices: devices(count) }, T0));
  return executeRun(h.deps, h.store, h.locks, id);
}

describe('bulk runner', () => {
  it('when 25 devices are scanned, then each gets one action, every action is followed to Succeeded and the run is closed', async () => {
    const fake = fakeBulkMde();
    const h = bulkHarness(fake);
    const progress: string[] = [];
    h.deps.onProgress = (run, p) => progress.push(progressLine(run, p));
    const run = await start(h, 'r1', SCAN, 25);
    expect(fake.sends).toHaveLength(25);
    expect(new Set(fake.sends).size).toBe(25);
    expect(progressOf(run)).toMatchObject({ total: 25, accepted: 25, succeeded: 25, running: 0, failed: 0 });
    expect(run.meta.followEnded).toBe('final');
    expect(progress).toContain('Scanning (Quick) 25 devices: 25 accepted. In Defender: 25 still running…');
    expect(progress.at(-1)).toBe('Scanning (Quick) 25 devices: 25 accepted. In Defender: 25 succeeded.');
    expect(await h.store.openIds()).toEqual([]);
    // Follow-through lists the action type once per look, never one GET per device.
    expect(fake.lists()).toBeLessThan(10);
  });

  it('when MDE already has an action under way on a device, then that device is reported already pending with the existing action', async () => {
    const fake = fakeBulkMde({ script: (id) => (id === deviceId(2) ? { kind: 'already-pending', actionId: 'theirs-1' } : undefined) });
    const run = await start(bulkHarness(fake), 'r2', SCAN, 3);
    expect(run.devices[1]).toMatchObject({ state: 'already-pending', existingId: 'theirs-1' });
    expect(progressLine(run)).toBe('Scanning (Quick) 3 devices: 2 accepted, 1 already pending. In Defender: 2 succeeded.');
  });

  it('when MDE answers 429 mid-batch, then the device waits and is sent again, and nothing fails', async () => {
    let throttled = 0;
    const fake = fakeBulkMde({ script: (id) => (id === deviceId(3) && throttled++ < 2 ? mdeError({ kind: 'throttled', status: 429, retryAfterMs: 7_000 }) : undefined) });
    const run = await start(bulkHarness(fake), 'r3', SCAN, 5);
    expect(progressOf(run)).toMatchObject({ accepted: 5, failed: 0 });
    expect(run.devices[2]).toMatchObject({ state: 'accepted', throttled: 2 });
  });

  it('when MDE refuses with 403, then every device fails naming the permission and no call is sent after the refusal', async () => {
    const fake = fakeBulkMde({ script: () => mdeError({ kind: 'forbidden', status: 403, permissions: ['Machine.Scan'] }) });
    // One at a time: with a wider gate, the calls already in flight when the 403 comes back still go out.
    const h = bulkHarness(fake, { gate: simpleGate(1) });
    const run = await start(h, 'r4', SCAN, 10);
    expect(fake.sends).toHaveLength(1);
    expect(run.devices.every((d) => d.state === 'failed' && d.error?.permissions?.[0] === 'Machine.Scan')).toBe(true);
  });

  it('when an isolation of a device is in flight in one run, then a release of it in another run is refused as a conflict', async () => {
    const fake = fakeBulkMde();
    const h = bulkHarness(fake);
    await h.store.create(newRun({ id: 'iso', action: { kind: 'isolate', isolationType: 'Full' }, comment: 'c [verdict:iso]', requestedBy: 'A', devices: devices(2) }, T0));
    h.locks.claim(deviceId(1), 'isolation', 'iso');
    const run = await start(h, 'rel', { kind: 'release' }, 2);
    expect(run.devices[0]).toMatchObject({ state: 'conflict', detail: 'Verdict request iso has a conflicting action in flight on this device' });
    expect(run.devices[1]).toMatchObject({ state: 'accepted' });
    expect(fake.sends).toEqual([deviceId(2)]);
  });

  it('when an answer is lost (timeout) but MDE shows our action, then it counts as accepted and is not sent again', async () => {
    const fake = fakeBulkMde();
    const send = fake.mde.send.bind(fake.mde);
    fake.mde.send = async (id, action, comment) => {
      const made = await send(id, action, comment);
      if (id === deviceId(1)) throw mdeError({ kind: 'timeout' });
      return made;
    };
    const run = await start(bulkHarness(fake), 'r5', SCAN, 2);
    expect(fake.sends).toEqual([deviceId(1), deviceId(2)]);
    expect(run.devices[0]).toMatchObject({ state: 'accepted', mdeId: 'act-1', mdeStatus: 'Succeeded' });
  });

  it('when the bot restarts mid-batch, then devices MDE took are not sent again and the rest are sent', async () => {
    const fake = fakeBulkMde();
    const h = bulkHarness(fake);
    const run = newRun({ id: 'r6', action: SCAN, comment: runComment('r6', 'IR'), requestedBy: 'A', devices: devices(4) }, T0);
    run.meta.startedAt = new Date(T0).toISOString();
    run.devices[0] = { ...run.devices[0]!, state: 'accepted', mdeId: 'old-1', mdeStatus: 'Pending' };
    run.devices[1] = { ...run.devices[1]!, state: 'sending' }; // MDE took it before the crash
    run.devices[2] = { ...run.devices[2]!, state: 'sending' }; // MDE never got it
    fake.seed({ id: 'old-1', type: 'RunAntiVirusScan', status: 'Pending', machineId: deviceId(1), requestorComment: runComment('r6', 'IR'), creationDateTimeUtc: new Date(T0).toISOString() });
    fake.seed({ id: 'old-2', type: 'RunAntiVirusScan', status: 'InProgress', machineId: deviceId(2), requestorComment: runComment('r6', 'IR'), creationDateTimeUtc: new Date(T0).toISOString() });
    fake.seed({ id: 'other', type: 'RunAntiVirusScan', status: 'Pending', machineId: deviceId(3), requestorComment: 'someone else [verdict:r7]', creationDateTimeUtc: new Date(T0).toISOString() });
    await h.store.create(run);
    const ended = await executeRun(h.deps, h.store, h.locks, 'r6');
    expect(fake.sends).toEqual([deviceId(3), deviceId(4)]);
    expect(ended.devices.map((d) => d.mdeId)).toEqual(['old-1', 'old-2', 'act-1', 'act-2']);
    expect(progressOf(ended)).toMatchObject({ accepted: 4, succeeded: 4 });
  });

  it('when MDE never finishes an action, then following gives up after followForMs and says so', async () => {
    const fake = fakeBulkMde();
    fake.advance = () => undefined;
    const run = await start(bulkHarness(fake, { followForMs: 60_000 }), 'r8', SCAN, 2);
    expect(run.meta.followEnded).toBe('gave-up');
    expect(progressOf(run)).toMatchObject({ running: 2 });
  });

  it('when 1,000 devices are tagged, then two bulk tag calls of 500 tag them all', async () => {
    const fake = fakeBulkMde();
    const run = await start(bulkHarness(fake), 'r9', { kind: 'tag', value: 'IR-42', tagAction: 'Add' }, 1000);
    expect(fake.tagCalls.map((c) => c.length)).toEqual([500, 500]);
    expect(fake.sends).toEqual([]);
    expect(progressLine(run)).toBe('Tagging (IR-42) 1000 devices: 1000 tagged.');
  });
});
