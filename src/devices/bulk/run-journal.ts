import { OUTCOMES_PER_ENTRY, type OutcomeBatchEntry } from '../../audit/outcome-batches';
import type { BulkDeps, BulkJournal } from './ports';
import { isFinalRunStatus, runStatus } from './progress';
import { settled, type BulkRun, type DeviceOutcome } from './run-state';
import type { RunStore } from './run-store';

/**
 * One journal entry for these devices of a run (plain JSON): `deviceOutcomes` for the export's row
 * per device, `devicesInWords` for the audit thread (it shows no arrays of objects), `to` the run's
 * status when it was written ("Running: …" while the run goes on, "Completed: …" once it ended;
 * `final` says which), and how many of the run's devices are journaled with it.
 */
export function deviceOutcomeEntry(run: BulkRun, kind: string, indexes: readonly number[]): OutcomeBatchEntry {
  const devices = indexes.map((i) => run.devices[i] as DeviceOutcome).map((d) => ({
    machineId: d.id,
    name: d.name,
    outcome: d.state,
    ...(d.mdeId ? { mdeId: d.mdeId } : {}),
    ...(d.mdeStatus ? { mdeStatus: d.mdeStatus } : {}),
    ...(d.existingId ? { existingId: d.existingId } : {}),
    ...(d.error ? { error: d.error } : {}),
    ...(d.detail ? { detail: d.detail } : {}),
  }));
  const to = runStatus(run);
  const before = run.devices.filter((d) => d.journaled).length;
  return {
    requestId: run.meta.id,
    data: {
      kind,
      action: run.meta.action,
      requestedBy: run.meta.requestedBy,
      approvedBy: run.meta.approvedBy ?? null,
      final: isFinalRunStatus(to),
      to,
      devices: run.devices.length,
      journaledSoFar: before + devices.length,
      devicesInWords: devices.map((d) => `${d.name}: ${d.mdeStatus ?? d.outcome}`).join('; '),
      deviceOutcomes: devices,
    },
  };
}

export interface RunJournal {
  /** Devices whose change was stored: the settled ones wait for a batch; 50 waiting are journaled at once (in the background). */
  changed(indexes: readonly number[]): void;
  /** The timer: whatever waits is journaled now, a partial batch too. */
  tick(): void;
  /** The run ended: every device not journaled yet is, settled or not (one followed until Verdict gave up, with its last status). True once all are. */
  finish(): Promise<boolean>;
}

/**
 * Journals a run's device outcomes as they become final, never one entry per device: an entry per
 * 50 settled devices, a partial one on each timer tick and at the end. One append at a time; the
 * run's own steps never wait for it. A device is flagged `journaled` in the run store only after
 * the journal took its entry, so the outcome is journaled exactly once in normal operation and at
 * least once across a crash between the append and the flag (the next start journals it again;
 * the CSV export keeps one row per device). A failed append is a warning: its devices keep
 * waiting, no full-batch append is tried until the next tick or the end, and the run stays open
 * until all are journaled.
 */
export function runJournal(deps: Pick<BulkDeps, 'warn'>, journal: BulkJournal, store: RunStore, run: BulkRun): RunJournal {
  /** Settled, not journaled: in the order they settled. */
  const waiting = new Set<number>();
  const note = (i: number) => {
    const d = run.devices[i];
    if (d && !d.journaled && settled(d)) waiting.add(i);
  };
  run.devices.forEach((_, i) => note(i));
  let failing = false;
  let queue: Promise<boolean> = Promise.resolve(true);
  const queued = { full: false, partial: false };

  async function journalWaiting(all: boolean): Promise<boolean> {
    while (waiting.size >= OUTCOMES_PER_ENTRY || (all && waiting.size > 0)) {
      const batch = [...waiting].slice(0, OUTCOMES_PER_ENTRY).sort((a, b) => a - b);
      try {
        await journal.append(deviceOutcomeEntry(run, journal.kindOf(run.meta.action.kind), batch));
      } catch (err) {
        failing = true;
        deps.warn?.('bulk.outcomes-not-journaled', { runId: run.meta.id, devices: batch.length, error: String(err) });
        return false;
      }
      failing = false;
      for (const i of batch) {
        run.devices[i] = { ...(run.devices[i] as DeviceOutcome), journaled: true };
        waiting.delete(i);
      }
      try {
        await store.saveDevices(run, batch);
      } catch (err) {
        // Journaled all the same; the flag goes with the part's next write (or they repeat after a restart).
        deps.warn?.('bulk.journaled-flag-not-stored', { runId: run.meta.id, devices: batch.length, error: String(err) });
      }
    }
    return true;
  }
  const enqueue = (kind: keyof typeof queued, all: boolean): Promise<boolean> => {
    queued[kind] = true;
    queue = queue.then(() => {
      queued[kind] = false;
      return journalWaiting(all);
    }).catch(() => false);
    return queue;
  };

  return {
    changed(indexes) {
      for (const i of indexes) note(i);
      if (!failing && !queued.full && waiting.size >= OUTCOMES_PER_ENTRY) void enqueue('full', false);
    },
    tick() {
      if (!queued.partial && waiting.size > 0) void enqueue('partial', true);
    },
    finish() {
      run.devices.forEach((d, i) => {
        if (!d.journaled) waiting.add(i);
      });
      return enqueue('partial', true);
    },
  };
}
