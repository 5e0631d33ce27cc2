import { exportEntries } from '../../src/audit/export';
import type { AuditEntry } from '../../src/audit/journal';
import type { OutcomeBatchEntry } from '../../src/audit/outcome-batches';
import type { BulkAction } from '../../src/devices/bulk/bulk-action';
import { executeRun, newRun } from '../../src/devices/bulk/bulk-runner';
import { createBulkRuns } from '../../src/devices/bulk/bulk-runs';
import type { BulkJournal } from '../../src/devices/bulk/ports';
import { runComment } from '../../src/devices/bulk/send-device';
import { bulkHarness, deviceId, devices, fakeBulkMde, T0 } from './devices-bulk-fakes';

const SCAN: BulkAction = { kind: 'scan', scanType: 'Quick' };

/** A journal that keeps what it took, with what MDE had finished when it took it; `fail(n)` refuses the next n appends. */
function fakeJournal(fake: ReturnType<typeof fakeBulkMde>) {
  const entries: OutcomeBatchEntry[] = [];
  const mdeDoneAtAppend: boolean[] = [];
  let failures = 0;
  let refused = 0;
  const journal: BulkJournal = {
    kindOf: (kind) => `device-${kind}`,
    async append(entry) {
      if (failures > 0) {
        failures--;
        refused++;
        throw new Error('journal disk full');
      }
      entries.push(JSON.parse(JSON.stringify(entry)) as OutcomeBatchEntry);
      mdeDoneAtAppend.push(fake.actions.length > 0 && fake.actions.every((a) => a.status === 'Succeeded'));
    },
  };
  return { journal, entries, mdeDoneAtAppend, fail: (n: number) => void (failures = n), refused: () => refused };
}

const outcomesOf = (entries: OutcomeBatchEntry[]) => entries.map((e) => (e.data.deviceOutcomes as { machineId: string }[]).map((o) => o.machineId));
const asEntry = (e: OutcomeBatchEntry, seq: number): AuditEntry => ({ seq, at: new Date(T0).toISOString(), type: 'containment.action-status', actor: { name: 'verdict' }, requestId: e.requestId, data: e.data, prev: 'p', hash: 'h' });

async function create(h: ReturnType<typeof bulkHarness>, id: string, count: number) {
  await h.store.create(newRun({ id, action: SCAN, comment: runComment(id, 'IR-13'), requestedBy: 'Alex', devices: devices(count) }, T0));
}

describe('bulk run outcomes in the audit journal', () => {
  it('when 60 of 120 devices are settled at once (already pending), then 50 are journaled before the run ends, and never one entry per device', async () => {
    const fake = fakeBulkMde({ script: (id) => (parseInt(id, 16) <= 60 ? { kind: 'already-pending', actionId: `theirs-${id.slice(-3)}` } : undefined) });
    const j = fakeJournal(fake);
    const h = bulkHarness(fake, { journal: j.journal });
    await create(h, 'r1', 120);
    await executeRun(h.deps, h.store, h.locks, 'r1');

    expect(j.entries.map((e) => (e.data.deviceOutcomes as unknown[]).length)).toEqual([50, 50, 20]);
    // The first batch went out while MDE was still running the scans: the run was not over.
    expect(j.mdeDoneAtAppend[0]).toBe(false);
    expect(j.entries[0]?.data).toMatchObject({ kind: 'device-scan', final: false, devices: 120, journaledSoFar: 50, requestedBy: 'Alex' });
    expect(String(j.entries[0]?.data.to)).toMatch(/^Running: /);
    expect(String(j.entries[0]?.data.devicesInWords)).toMatch(/^ws-1: already-pending; ws-2: already-pending/);
    expect(j.entries.at(-1)?.data).toMatchObject({ final: true, to: 'Completed: 60 ok, 60 already pending, 0 failed', journaledSoFar: 120 });
    // Each device exactly once, and the run is closed only now.
    const all = outcomesOf(j.entries).flat();
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
    expect(await h.store.openIds()).toEqual([]);
    const stored = await h.store.load('r1');
    expect(stored.ok && stored.run.devices.every((d) => d.journaled === true)).toBe(true);
  });

  it('when fewer than 50 have settled and the timer ticks, then those are journaled as a partial batch and the rest at the end', async () => {
    const fake = fakeBulkMde({ script: (id) => (id === deviceId(1) || id === deviceId(2) ? { kind: 'already-pending' } : undefined) });
    const j = fakeJournal(fake);
    const ticks: (() => void)[] = [];
    const h = bulkHarness(fake, { journal: j.journal, journalTimer: (tick) => (ticks.push(tick), () => void ticks.splice(ticks.indexOf(tick), 1)) });
    const sleep = h.deps.sleep;
    h.deps.sleep = async (ms) => {
      for (const tick of ticks) tick();
      await sleep(ms);
    };
    await create(h, 'r2', 10);
    await executeRun(h.deps, h.store, h.locks, 'r2');
    expect(outcomesOf(j.entries)).toEqual([[deviceId(1), deviceId(2)], Array.from({ length: 8 }, (_, i) => deviceId(i + 3))]);
    expect(j.entries.map((e) => e.data.final)).toEqual([false, true]);
    expect(ticks).toHaveLength(0); // the timer is stopped with the run
  });

  it('when the journal refuses, then the run stays open, the warning is logged, and a later try journals each device once before closing it', async () => {
    const fake = fakeBulkMde();
    const j = fakeJournal(fake);
    const warnings: string[] = [];
    const openWhileWaiting: string[][] = [];
    const h = bulkHarness(fake, { journal: j.journal, warn: (event) => warnings.push(event) });
    const sleep = h.deps.sleep;
    h.deps.sleep = async (ms) => {
      if (j.refused() > 0) openWhileWaiting.push(await h.store.openIds());
      await sleep(ms);
    };
    await create(h, 'r3', 5);
    j.fail(2);
    const run = await executeRun(h.deps, h.store, h.locks, 'r3');
    expect(run.devices.every((d) => d.mdeStatus === 'Succeeded')).toBe(true);
    expect(j.refused()).toBe(2);
    expect(warnings.filter((w) => w === 'bulk.outcomes-not-journaled')).toHaveLength(2);
    expect(openWhileWaiting.length).toBeGreaterThanOrEqual(2);
    expect(openWhileWaiting.every((ids) => ids.includes('r3'))).toBe(true);
    expect(outcomesOf(j.entries)).toEqual([Array.from({ length: 5 }, (_, i) => deviceId(i + 1))]);
    expect(await h.store.openIds()).toEqual([]);
  });

  it('when a full batch cannot be journaled mid-run, then the devices go on being sent and those outcomes are journaled later, once', async () => {
    const fake = fakeBulkMde({ script: (id) => (parseInt(id, 16) <= 55 ? { kind: 'already-pending' } : undefined) });
    const j = fakeJournal(fake);
    const h = bulkHarness(fake, { journal: j.journal });
    await create(h, 'r4', 70);
    j.fail(1);
    await executeRun(h.deps, h.store, h.locks, 'r4');
    expect(fake.sends).toHaveLength(70);
    expect(j.refused()).toBe(1);
    // Refused mid-run, tried again at the end.
    expect(j.entries.map((e) => (e.data.deviceOutcomes as unknown[]).length)).toEqual([50, 20]);
    expect(j.entries.map((e) => e.data.final)).toEqual([true, true]);
    const all = outcomesOf(j.entries).flat();
    expect(all).toHaveLength(70);
    expect(new Set(all).size).toBe(70);
    expect(j.entries.every((e) => (e.data.deviceOutcomes as unknown[]).length <= 50)).toBe(true);
  });

  it('when the process stops while the journal refuses, then the next start journals what was left, sends nothing, and closes the run', async () => {
    const fake = fakeBulkMde({ script: (id) => (id === deviceId(3) ? { kind: 'already-pending' } : undefined) });
    const j = fakeJournal(fake);
    const h = bulkHarness(fake);
    let stopping = false;
    const sleep = h.deps.sleep;
    const errors: string[] = [];
    const first = createBulkRuns(
      {
        ...h.deps,
        journal: { ...j.journal, append: async () => ((stopping = true), Promise.reject(new Error('journal down'))) },
        sleep: async (ms) => (stopping ? Promise.reject(new Error('shutting down')) : sleep(ms)),
      },
      h.storage,
      (_id, err) => errors.push(String(err)),
    );
    await first.begin({ id: 'r5', action: SCAN, comment: runComment('r5', 'IR-13'), requestedBy: 'Alex', devices: devices(4) });
    await first.idle();
    expect(errors).toEqual(['Error: shutting down']);
    const stopped = await first.get('r5');
    expect(stopped?.meta.finishedAt).toBeDefined();
    expect(stopped?.devices.some((d) => d.journaled)).toBe(false);
    const sent = fake.sends.length;
    const lists = fake.lists();

    const second = createBulkRuns({ ...h.deps, journal: j.journal }, h.storage, (_id, err) => errors.push(String(err)));
    expect(await second.resumeOpen()).toBe(1);
    await second.idle();
    expect(outcomesOf(j.entries)).toEqual([Array.from({ length: 4 }, (_, i) => deviceId(i + 1))]);
    expect(j.entries[0]?.data).toMatchObject({ final: true, to: 'Completed: 3 ok, 1 already pending, 0 failed' });
    expect([fake.sends.length, fake.lists()]).toEqual([sent, lists]);
    expect(await h.store.openIds()).toEqual([]);
    expect(errors).toHaveLength(1);
    // A third start has nothing to resume, so nothing is journaled twice.
    expect(await createBulkRuns({ ...h.deps, journal: j.journal }, h.storage, () => undefined).resumeOpen()).toBe(0);
  });

  it('when the process stops mid-run after a batch was journaled, then the resumed run journals only the other devices', async () => {
    const fake = fakeBulkMde({ script: (id) => (parseInt(id, 16) <= 55 ? { kind: 'already-pending' } : undefined) });
    const j = fakeJournal(fake);
    const h = bulkHarness(fake, { journal: j.journal });
    const sleep = h.deps.sleep;
    const first = createBulkRuns(
      {
        ...h.deps,
        // Stops at its first wait (following the accepted scans) once the first batch is in the journal.
        sleep: async (ms) => {
          await new Promise((r) => setImmediate(r));
          if (j.entries.length > 0) throw new Error('shutting down');
          await sleep(ms);
        },
      },
      h.storage,
      () => undefined,
    );
    await first.begin({ id: 'r7', action: SCAN, comment: runComment('r7', 'IR-13'), requestedBy: 'Alex', devices: devices(70) });
    await first.idle();
    expect(outcomesOf(j.entries).map((b) => b.length)).toEqual([50]);
    expect(await h.store.openIds()).toEqual(['r7']);

    const second = createBulkRuns(h.deps, h.storage, () => undefined);
    await second.resumeOpen();
    await second.idle();
    const all = outcomesOf(j.entries).flat();
    expect(all).toHaveLength(70);
    expect(new Set(all).size).toBe(70);
    expect(await h.store.openIds()).toEqual([]);
  });

  it('when a run restarts with part of its outcomes journaled, then only the rest are, and the export has one row per device', async () => {
    const fake = fakeBulkMde();
    const j = fakeJournal(fake);
    const h = bulkHarness(fake, { journal: j.journal });
    const run = newRun({ id: 'r6', action: SCAN, comment: runComment('r6', 'IR-13'), requestedBy: 'Alex', devices: devices(80) }, T0);
    run.meta.startedAt = run.meta.createdAt;
    run.devices = run.devices.map((d, i) => ({ ...d, state: 'accepted', mdeId: `old-${i}`, mdeStatus: i < 70 ? 'Succeeded' : 'InProgress', ...(i < 50 ? { journaled: true as const } : {}) }));
    for (let i = 70; i < 80; i++) fake.seed({ id: `old-${i}`, type: 'RunAntiVirusScan', status: 'InProgress', machineId: deviceId(i + 1), requestorComment: runComment('r6', 'IR-13'), creationDateTimeUtc: new Date(T0).toISOString() });
    await h.store.create(run);

    const runs = createBulkRuns(h.deps, h.storage, () => undefined);
    expect(await runs.resumeOpen()).toBe(1);
    await runs.idle();
    const journaled = outcomesOf(j.entries).flat();
    expect(journaled).toEqual(Array.from({ length: 30 }, (_, i) => deviceId(i + 51)));
    expect(fake.sends).toEqual([]);
    const csv = exportEntries(j.entries.map(asEntry), 'csv').trim().split('\r\n');
    expect(csv).toHaveLength(31);
    expect(await h.store.openIds()).toEqual([]);
  });
});
