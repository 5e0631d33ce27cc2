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
 *
 * With several instances only the leader runs them (`mayStart`): a run begun elsewhere is stored
 * and left for the leader, whose `resumeOpen` (polled) starts it, so one run never goes on in two
 * processes at once; a process that stops leading pauses its runs (wiring.ts) for the next leader.
 */
export interface BulkRuns {
  begin(input: NewRun): Promise<BulkRun>;
  get(id: string): Promise<BulkRun | null>;
  resumeOpen(): Promise<number>;
  /** Resolves when every run started here has ended (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops working on runs for now (this instance no longer leads): they end stored as they are, and may start here again later. */
  pause?(): Promise<void>;
}

export function createBulkRuns(deps: BulkDeps, storage: KeyValueStore, onError: (runId: string, err: unknown) => void, options: { mayStart?: () => boolean } = {}): BulkRuns {
  const store = createRunStore(storage);
  const locks = new DeviceLocks();
  const running = new Map<string, Promise<void>>();
  const start = (id: string) => {
    if (running.has(id) || options.mayStart?.() === false) return;
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
