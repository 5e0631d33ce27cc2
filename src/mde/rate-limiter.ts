import { performance } from 'node:perf_hooks';
import { limitsOf, type FamilyLimits } from './api-families';
import { abortableSleep } from '../util/abortable-sleep';
import { createCallLog, type CallLog } from './rate-window';

/** Ends a call's hold on its slot; call it once the answer (or failure) is in. Idempotent. */
export type ReleaseSlot = () => void;

export interface FamilyStats {
  /** Calls admitted. */
  calls: number;
  /** Of those, how many had to queue, and for how long in all (ms of the injected clock). */
  waited: number;
  waitedMs: number;
  /** 429s MDE sent anyway (each pauses the family for its Retry-After). */
  throttled: number;
  /** Waiting now, and the most that ever waited at once. */
  queued: number;
  maxQueued: number;
}

export interface MdeRateLimiter {
  /**
   * Waits, first come first served per family, until a call fits every window; rejects with the
   * signal's reason if it aborts first. `retry`: this call already waited out a Retry-After itself,
   * so the pause that 429 put on the family does not hold it again (the windows still do).
   */
  acquire(family: string, signal?: AbortSignal, options?: { retry?: boolean }): Promise<ReleaseSlot>;
  /** MDE said 429 anyway: hold the family's other callers for `retryAfterMs`. */
  throttled(family: string, retryAfterMs: number): void;
  /** How much longer a 429 holds the family (0 when it does not), so a caller can give up at once rather than queue for a quota cycle. */
  pausedMs?(family: string): number;
  /** A copy, per family. */
  stats(): Record<string, FamilyStats>;
  /**
   * Read-only: about how long a call of `family` asked now would wait for its slot, given the
   * family's windows, the callers already queued ahead of it and any 429 pause. An estimate (the
   * profile batcher weighs it against a hunting round trip), never Infinity. `outstanding`: calls
   * of this family the asker has started and not seen answered; those the limiter has not admitted
   * or queued yet (still fetching a token, say) are counted as queued ahead.
   */
  expectedWaitMs(family: string, options?: { outstanding?: number }): number;
}

export interface RateLimiterOptions {
  /** Replaces the numbers for every family (tests and benchmarks use tiny limits, like the sandbox's `limits`). */
  limits?: Partial<FamilyLimits>;
  /** Per family, on top of `limits`. */
  familyLimits?: Readonly<Record<string, Partial<FamilyLimits>>>;
  /** Window length multiplier, as the sandbox's: 0.01 makes a minute 600 ms. Default 1. */
  timeScale?: number;
  /** Monotonic milliseconds; default performance.now. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface Waiter {
  since: number;
  admit(release: ReleaseSlot): void;
  detach(): void;
}

interface Lane {
  log: CallLog;
  queue: Waiter[];
  pumping: boolean;
  pausedUntil: number;
  stats: FamilyStats;
  /** Cuts the pump's current wait short (a release when only a release can help, or an empty queue). */
  interrupt?: () => void;
}

/**
 * Paces MDE calls under the published limits, per API family, shared by every user of one
 * client (create one per client, in the composition root). Over the limit it queues instead of
 * failing: callers wait their turn in order, and MDE never has to say 429.
 */
export function createMdeRateLimiter(options: RateLimiterOptions = {}): MdeRateLimiter {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? abortableSleep;
  const scale = options.timeScale ?? 1;
  if (!(scale > 0)) throw new Error('rate limiter: timeScale must be positive');
  const lanes = new Map<string, Lane>();

  const laneFor = (family: string): Lane => {
    let lane = lanes.get(family);
    if (!lane) {
      const base = limitsOf(family);
      const own = options.familyLimits?.[family];
      const perMinute = own?.perMinute ?? options.limits?.perMinute ?? base.perMinute;
      const perHour = own?.perHour ?? options.limits?.perHour ?? base.perHour;
      const log = createCallLog([
        { max: perMinute, lengthMs: 60_000 * scale },
        { max: perHour, lengthMs: 3_600_000 * scale },
      ]);
      lane = { log, queue: [], pumping: false, pausedUntil: -Infinity, stats: { calls: 0, waited: 0, waitedMs: 0, throttled: 0, queued: 0, maxQueued: 0 } };
      lanes.set(family, lane);
    }
    return lane;
  };

  const readyIn = (lane: Lane, ignorePause = false): number => {
    const t = now();
    return Math.max(lane.log.waitMs(t), ignorePause ? 0 : lane.pausedUntil - t, 0);
  };

  const admit = (lane: Lane, waitedMs: number): ReleaseSlot => {
    lane.log.started();
    lane.stats.calls += 1;
    if (waitedMs > 0) {
      lane.stats.waited += 1;
      lane.stats.waitedMs += waitedMs;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.log.finished(now());
      lane.interrupt?.();
    };
  };

  const pump = async (lane: Lane): Promise<void> => {
    if (lane.pumping) return;
    lane.pumping = true;
    try {
      while (lane.queue.length > 0) {
        const wait = readyIn(lane);
        if (wait <= 0) {
          const next = lane.queue.shift() as Waiter;
          lane.stats.queued -= 1;
          next.detach();
          next.admit(admit(lane, now() - next.since));
          continue;
        }
        const cut = new AbortController();
        lane.interrupt = () => cut.abort();
        if (wait === Infinity) await new Promise<void>((resolve) => cut.signal.addEventListener('abort', () => resolve(), { once: true }));
        else await sleep(wait, cut.signal).catch(() => undefined);
        lane.interrupt = undefined;
      }
    } finally {
      lane.pumping = false;
    }
  };

  return {
    acquire(family, signal, options = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const lane = laneFor(family);
      if (lane.queue.length === 0 && !lane.pumping && readyIn(lane, options.retry) === 0) return Promise.resolve(admit(lane, 0));
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const onAbort = () => {
          const index = lane.queue.indexOf(waiter);
          if (index >= 0) lane.queue.splice(index, 1);
          lane.stats.queued -= 1;
          reject(signal?.reason);
          if (lane.queue.length === 0) lane.interrupt?.();
        };
        const waiter: Waiter = { since: now(), admit: resolve, detach: () => signal?.removeEventListener('abort', onAbort) };
        signal?.addEventListener('abort', onAbort, { once: true });
        lane.queue.push(waiter);
        lane.stats.queued += 1;
        lane.stats.maxQueued = Math.max(lane.stats.maxQueued, lane.stats.queued);
        void pump(lane);
      });
    },
    throttled(family, retryAfterMs) {
      const lane = laneFor(family);
      lane.stats.throttled += 1;
      lane.pausedUntil = Math.max(lane.pausedUntil, now() + Math.max(0, retryAfterMs));
    },
    pausedMs(family) {
      const lane = lanes.get(family);
      return lane ? Math.max(0, lane.pausedUntil - now()) : 0;
    },
    expectedWaitMs(family, options = {}) {
      const lane = laneFor(family);
      const t = now();
      const ahead = Math.max(lane.queue.length, (options.outstanding ?? 0) - lane.log.inWindow(t, 0)); // inWindow(t, 0): the running calls
      return Math.max(lane.log.estimateWaitMs(t, ahead + 1), lane.pausedUntil - t, 0);
    },
    stats() {
      return Object.fromEntries([...lanes].map(([family, lane]) => [family, { ...lane.stats }]));
    },
  };
}
