import type { FileProfileResult } from './client';

/**
 * The batches of the profile batcher: one open batch gathers hashes for `gatherMs`, then leaves
 * as one getFileProfiles call (one hunting call per gather window at most), as long as fewer than
 * `maxPerWindow` batches left in the last `windowMs`: single lookups never take more than that
 * share of hunting's budget (45 a minute, shared with bulk lookups), however steady the load. A
 * batch that reaches `maxHashes` leaves at once. Each batch's answer is a map by hash, or the
 * error hunting failed with.
 */
export interface BatchQueue {
  /** Puts `hash` in the open batch; resolves with that batch's answers. */
  add(hash: string): { answers: Promise<ReadonlyMap<string, FileProfileResult>>; leave(): void };
  /** ms until the batch a hash joining now would leave: what is left of its gathering, or of the budget's wait. */
  untilFlushMs(): number;
  stats(): { batches: number; inFlight: number };
}

export interface BatchQueueOptions {
  run(hashes: readonly string[]): Promise<FileProfileResult[]>;
  gatherMs: number;
  maxHashes: number;
  /** At most `maxPerWindow` batches leave in any `windowMs`. */
  maxPerWindow: number;
  windowMs: number;
  now(): number;
  /** Runs `fn` after `ms`; default setTimeout. */
  schedule(fn: () => void, ms: number): void;
}

interface Batch {
  hashes: Set<string>;
  openedAt: number;
  gathered: boolean;
  left: boolean;
  resolve(answers: ReadonlyMap<string, FileProfileResult>): void;
  reject(err: unknown): void;
  answers: Promise<ReadonlyMap<string, FileProfileResult>>;
}

export function createBatchQueue(options: BatchQueueOptions): BatchQueue {
  let open: Batch | undefined;
  let inFlight = 0;
  let batches = 0;
  let budgetTimer = false;
  const launches: number[] = []; // when recent batches left, oldest first

  /** ms until the budget lets another batch leave. */
  const budgetWaitMs = (): number => {
    const t = options.now();
    while (launches.length > 0 && (launches[0] as number) <= t - options.windowMs) launches.shift();
    return launches.length < options.maxPerWindow ? 0 : (launches[0] as number) + options.windowMs - t;
  };

  const openBatch = (): Batch => {
    let resolve!: Batch['resolve'];
    let reject!: Batch['reject'];
    const answers = new Promise<ReadonlyMap<string, FileProfileResult>>((res, rej) => ((resolve = res), (reject = rej)));
    answers.catch(() => undefined); // each member handles it; an empty batch has none
    const batch: Batch = { hashes: new Set(), openedAt: options.now(), gathered: false, left: false, resolve, reject, answers };
    options.schedule(() => {
      batch.gathered = true;
      flushIfDue();
    }, options.gatherMs);
    return batch;
  };

  const flushIfDue = () => {
    if (!open) return;
    if (open.hashes.size >= options.maxHashes) return send(open);
    if (!open.gathered) return;
    const wait = budgetWaitMs();
    if (wait <= 0) return send(open);
    if (budgetTimer) return;
    budgetTimer = true;
    options.schedule(() => {
      budgetTimer = false;
      flushIfDue();
    }, wait);
  };

  const send = (batch: Batch) => {
    if (open === batch) open = undefined;
    batch.left = true;
    const hashes = [...batch.hashes];
    if (hashes.length === 0) return batch.resolve(new Map());
    batches += 1;
    inFlight += 1;
    launches.push(options.now());
    // Through a promise constructor, so a run() that throws synchronously still rejects.
    new Promise<FileProfileResult[]>((res) => res(options.run(hashes)))
      .then((results) => batch.resolve(new Map(results.map((r) => [r.hash.toLowerCase(), r]))), batch.reject)
      .finally(() => void (inFlight -= 1));
  };

  return {
    add(hash) {
      open ??= openBatch();
      const batch = open;
      batch.hashes.add(hash);
      flushIfDue();
      // A member that gives up before its batch leaves is taken out, so hunting is not asked for it.
      return { answers: batch.answers, leave: () => void (!batch.left && batch.hashes.delete(hash)) };
    },
    untilFlushMs() {
      const gathering = open ? (open.gathered ? 0 : Math.max(0, open.openedAt + options.gatherMs - options.now())) : options.gatherMs;
      return Math.max(gathering, budgetWaitMs());
    },
    stats: () => ({ batches, inFlight }),
  };
}
