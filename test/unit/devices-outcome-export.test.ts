import { exportEntries } from '../../src/audit/export';
import type { AuditEntry } from '../../src/audit/journal';
import { newRun } from '../../src/devices/bulk/bulk-runner';
import { deviceOutcomeEntry } from '../../src/devices/bulk/run-journal';
import type { BulkRun } from '../../src/devices/bulk/run-state';
import { devices, T0 } from './devices-bulk-fakes';

function finishedRun(count: number) {
  const run = newRun({ id: 'req-1', action: { kind: 'isolate', isolationType: 'Full' }, comment: 'c', requestedBy: 'Alex Wilber', approvedBy: 'Megan Bowen', devices: devices(count) }, T0);
  run.meta.finishedAt = new Date(T0).toISOString();
  run.devices = run.devices.map((d, i) =>
    i === 1 ? { ...d, state: 'already-pending', existingId: 'theirs' } : i === 2 ? { ...d, state: 'failed', error: { kind: 'forbidden', code: 'Forbidden', permissions: ['Machine.Isolate'] } } : { ...d, state: 'accepted', mdeId: `act-${i}`, mdeStatus: 'Succeeded' },
  );
  return run;
}

const asEntry = (e: { requestId: string; data: Record<string, unknown> }, seq: number): AuditEntry => ({ seq, at: new Date(T0).toISOString(), type: 'containment.action-status', actor: { name: 'verdict' }, requestId: e.requestId, data: e.data, prev: 'p', hash: 'h' });
/** The whole run in entries of ≤ 50 devices, as its end journals what is left. */
const outcomeEntries = (run: BulkRun, kind: string) =>
  Array.from({ length: Math.ceil(run.devices.length / 50) }, (_, b) => {
    const indexes = Array.from({ length: Math.min(50, run.devices.length - b * 50) }, (_, i) => b * 50 + i);
    const entry = deviceOutcomeEntry(run, kind, indexes);
    for (const i of indexes) run.devices[i] = { ...run.devices[i]!, journaled: true };
    return entry;
  });

describe('device outcomes in the journal and the export', () => {
  it('when a finished 120-device run is journaled 50 at a time, then each entry carries its devices, the final status and how many are journaled so far', () => {
    const entries = outcomeEntries(finishedRun(120), 'device-set-isolate');
    expect(entries.map((e) => (e.data.deviceOutcomes as unknown[]).length)).toEqual([50, 50, 20]);
    expect(entries[0]?.data).toMatchObject({ kind: 'device-set-isolate', devices: 120, journaledSoFar: 50, final: true, to: 'Completed: 118 ok, 1 already pending, 1 failed', requestedBy: 'Alex Wilber', approvedBy: 'Megan Bowen' });
    expect(entries.map((e) => e.data.journaledSoFar)).toEqual([50, 100, 120]);
    expect(String(entries[0]?.data.devicesInWords)).toMatch(/^ws-1: Succeeded; ws-2: already-pending; ws-3: failed/);
  });

  it('when exported as CSV, then each device is one row: request, device, action, machine action, status, who asked, who approved', () => {
    const csv = exportEntries(outcomeEntries(finishedRun(3), 'device-set-isolate').map(asEntry), 'csv').trim().split('\r\n');
    expect(csv).toHaveLength(4);
    const [header, ...rows] = csv.map((l) => l.split(','));
    const col = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(rows.map((r) => [col(r, 'request_id'), col(r, 'target_name'), col(r, 'action'), col(r, 'mde_id'), col(r, 'status'), col(r, 'actor_name'), col(r, 'decision')])).toEqual([
      ['req-1', 'ws-1', 'isolate Full', 'act-0', 'Succeeded', 'Alex Wilber', 'approved by Megan Bowen'],
      ['req-1', 'ws-2', 'isolate Full', 'theirs', 'already-pending', 'Alex Wilber', 'approved by Megan Bowen'],
      ['req-1', 'ws-3', 'isolate Full', '', 'failed', 'Alex Wilber', 'approved by Megan Bowen'],
    ]);
    expect(col(rows[2], 'error')).toBe('Forbidden: needs Machine.Isolate');
  });

  it('when a batch was journaled twice (a crash before the run store noted it), then the CSV still has one row per device', () => {
    const run = finishedRun(3);
    const again = deviceOutcomeEntry(run, 'device-set-isolate', [0, 1]);
    const entries = [...outcomeEntries(run, 'device-set-isolate'), again].map(asEntry);
    const csv = exportEntries(entries, 'csv').trim().split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv.slice(1).map((l) => l.split(',')[csv[0]!.split(',').indexOf('target_name')])).toEqual(['ws-1', 'ws-2', 'ws-3']);
    // The JSON export keeps every entry as journaled.
    expect(JSON.parse(exportEntries(entries, 'json'))).toHaveLength(2);
  });
});
