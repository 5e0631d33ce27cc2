import type { KeyValueStore } from '../../util/key-value-store';
import { outcomeBatches, type OutcomeBatchEntry } from '../../audit/outcome-batches';
import { executeRun, newRun, type NewRun } from './bulk-runner';
import { DeviceLocks } from './device-locks';
import type { BulkDeps } from './ports';
import { progressOf } from './progress';
import type { BulkRun } from './run-state';
import { createRunStore } from './run-store';

/** A run's state in at most 64 characters (a request's stored MDE status); final ones start "Completed". */
export function runStatus(run: BulkRun): string {
  const p = progressOf(run);
  const ok = p.succeeded + p.done;
  const notOk = p.failed + p.endedBadly + p.conflict;
  if (run.meta.finishedAt) return `Completed: ${ok} ok, ${p.alreadyPending} already pending, ${notOk} failed`.slice(0, 64);
  return `Running: ${p.total - p.queued}/${p.total} sent, ${ok} done, ${notOk} failed`.slice(0, 64);
}

export const isFinalRunStatus = (status: string): boolean => status.startsWith('Completed');

/**
 * The bulk runs of one Verdict process: `begin` stores a run and starts it in the background
 * (idempotent by id: a run that exists is not started twice), `get` reads one as stored,
 * `resumeOpen` picks up every run a restart interrupted. One lock table for all runs.
 */
export interface BulkRuns {
  begin(input: NewRun): Promise<BulkRun>;
  get(id: string): Promise<BulkRun | null>;
  resumeOpen(): Promise<number>;
  /** Resolves when every run started here has ended (tests, shutdown). */
  idle(): Promise<void>;
}

/** One journal entry's worth of final device outcomes (plain JSON; the audit export makes a row of each). */
export function outcomeEntries(run: BulkRun, kind: string): OutcomeBatchEntry[] {
  const devices = run.devices.map((d) => ({
    machineId: d.id,
    name: d.name,
    outcome: d.state,
    ...(d.mdeId ? { mdeId: d.mdeId } : {}),
    ...(d.mdeStatus ? { mdeStatus: d.mdeStatus } : {}),
    ...(d.existingId ? { existingId: d.existingId } : {}),
    ...(d.error ? { error: d.error } : {}),
    ...(d.detail ? { detail: d.detail } : {}),
  }));
  const head = { kind, action: run.meta.action, requestedBy: run.meta.requestedBy, approvedBy: run.meta.approvedBy ?? null, final: true, to: runStatus(run) };
  return outcomeBatches(run.meta.id, devices, { outcomesKey: 'deviceOutcomes', wordsKey: 'devicesInWords' }, (d) => `${d.name}: ${d.mdeStatus ?? d.outcome}`, head);
}

export function createBulkRuns(deps: BulkDeps, storage: KeyValueStore, onError: (runId: string, err: unknown) => void, onFinished?: (run: BulkRun) => Promise<void>): BulkRuns {
  const store = createRunStore(storage);
  const locks = new DeviceLocks();
  const running = new Map<string, Promise<void>>();
  const start = (id: string) => {
    if (running.has(id)) return;
    const done = executeRun(deps, store, locks, id)
      .then((run) => onFinished?.(run))
      .catch((err: unknown) => onError(id, err))
      .finally(() => running.delete(id));
    running.set(id, done);
  };
  return {
    async begin(input) {
      const existing = await store.load(input.id);
      if (existing.ok) {
        if (!existing.run.meta.finishedAt) start(input.id);
        return existing.run;
      }
      const run = newRun(input, deps.clock());
      await store.create(run);
      start(input.id);
      return run;
    },
    async get(id) {
      const loaded = await store.load(id);
      return loaded.ok ? loaded.run : null;
    },
    async resumeOpen() {
      const ids = await store.openIds();
      for (const id of ids) start(id);
      return ids.length;
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
