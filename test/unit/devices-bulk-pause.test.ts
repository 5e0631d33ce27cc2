import { createBulkRuns } from '../../src/devices/bulk/bulk-runs';
import { executeRun, newRun } from '../../src/devices/bulk/bulk-runner';
import type { BulkAction } from '../../src/devices/bulk/bulk-action';
import { simpleGate } from '../../src/devices/bulk/p-queue-gate';
import { RunPaused } from '../../src/devices/bulk/run-state';
import { runComment } from '../../src/devices/bulk/send-device';
import { bulkHarness, devices, fakeBulkMde, T0 } from './devices-bulk-fakes';

/*
 * A run goes on in one process at a time: a paused process (shutdown, or another instance leads
 * now) sends nothing more and leaves the run open with its unsent devices queued, never failed;
 * whoever resumes it sends only those. And where the process may not start runs (not the leader),
 * `begin` stores the run for the leader without starting it.
 */
const SCAN: BulkAction = { kind: 'scan', scanType: 'Quick' };
const newScan = (id: string, count: number) => newRun({ id, action: SCAN, comment: runComment(id, 'IR-42'), requestedBy: 'Alex', devices: devices(count) }, T0);

describe('bulk runs: one process at a time', () => {
  it('when the process is paused mid-run, then no device is sent after that, the rest stay queued and the run stays open; resuming sends only the rest', async () => {
    let paused = false;
    const fake = fakeBulkMde({ script: (_id, call) => ((paused = paused || call === 4), undefined) });
    const h = bulkHarness(fake, { gate: simpleGate(1), paused: () => paused });
    await h.store.create(newScan('p1', 10));
    await expect(executeRun(h.deps, h.store, h.locks, 'p1')).rejects.toBeInstanceOf(RunPaused);
    expect(fake.sends).toHaveLength(4);
    const stored = await h.store.load('p1');
    if (!stored.ok) throw new Error(stored.reason);
    expect(stored.run.devices.map((d) => d.state)).toEqual([...Array(4).fill('accepted'), ...Array(6).fill('queued')]);
    expect(await h.store.openIds()).toEqual(['p1']);

    paused = false;
    const resumed = bulkHarness(fake, { gate: simpleGate(1) });
    const run = await executeRun(resumed.deps, h.store, resumed.locks, 'p1');
    expect(fake.sends).toHaveLength(10);
    expect(new Set(fake.sends).size).toBe(10);
    expect(run.devices.every((d) => d.state === 'accepted' && d.mdeStatus === 'Succeeded')).toBe(true);
  });

  it('when paused while following, then the run stops without giving up on its devices, and stays open', async () => {
    let paused = false;
    const fake = fakeBulkMde();
    const h = bulkHarness(fake, {
      paused: () => paused,
      sleep: async () => {
        paused = true;
      },
    });
    await h.store.create(newScan('p2', 3));
    await expect(executeRun(h.deps, h.store, h.locks, 'p2')).rejects.toBeInstanceOf(RunPaused);
    const stored = await h.store.load('p2');
    expect(stored.ok && stored.run.meta.followEnded).toBeUndefined();
    expect(stored.ok && stored.run.meta.finishedAt).toBeUndefined();
    expect(await h.store.openIds()).toEqual(['p2']);
  });

  it('when this process may not start runs (another instance leads), then begin stores the run without sending; once it may, resumeOpen runs it', async () => {
    let leads = false;
    const fake = fakeBulkMde();
    const h = bulkHarness(fake);
    const runs = createBulkRuns(h.deps, h.storage, (id, err) => {
      throw new Error(`run ${id} failed: ${String(err)}`);
    }, { mayStart: () => leads });
    await runs.begin({ id: 'p3', action: SCAN, comment: runComment('p3', 'IR-42'), requestedBy: 'Alex', devices: devices(3) });
    await runs.idle();
    expect(fake.sends).toEqual([]);
    expect((await runs.get('p3'))?.devices.map((d) => d.state)).toEqual(['queued', 'queued', 'queued']);

    leads = true;
    expect(await runs.resumeOpen()).toBe(1);
    await runs.idle();
    expect(fake.sends).toHaveLength(3);
    expect((await runs.get('p3'))?.meta.finishedAt).toEqual(expect.any(String));
  });
});
