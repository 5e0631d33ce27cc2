import type { KeyValueStore } from '../../util/key-value-store';
import { executeRun, newRun, type NewRun } from './bulk-runner';
import { DeviceLocks } from './device-locks';
import type { BulkDeps } from './ports';
import type { BulkRun } from './run-state';
import { createRunStore } from './run-store';

/**
 * The bulk runs of one Verdict process: `begin` stores a run and starts it in the background
 * (idempotent by id: a run that exists is not started twice), `get` reads one as stored,
 * `resumeOpen` picks up every run a restart interrupted (or that ended with outcomes not journaled
 * yet). One lock table for all runs.
 */
export interface BulkRuns {
  begin(input: NewRun): Promise<BulkRun>;
  get(id: string): Promise<BulkRun | null>;
  resumeOpen(): Promise<number>;
  /** Resolves when every run started here has ended (tests, shutdown). */
  idle(): Promise<void>;
}

export function createBulkRuns(deps: BulkDeps, storage: KeyValueStore, onError: (runId: string, err: unknown) => void): BulkRuns {
  const store = createRunStore(storage);
  const locks = new DeviceLocks();
  const running = new Map<string, Promise<void>>();
  const start = (id: string) => {
    if (running.has(id)) return;
    const done = executeRun(deps, store, locks, id)
      .then(() => undefined)
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
