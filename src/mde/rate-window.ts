/**
 * The calls of one API family, for sliding-window limits ("N per minute and M per hour").
 *
 * A call is stamped when its answer arrives, not when it leaves: MDE counts a call when it
 * arrives, which is somewhere between the two, so a slot is only reused once the *answer* is a
 * full window old, and latency can never squeeze N+1 arrivals into MDE's window. Until its answer
 * arrives a call holds a slot in every window.
 */
export interface RateWindow {
  max: number;
  lengthMs: number;
}

export interface CallLog {
  /** 0: a call may start at `t`. Else ms until one may; Infinity when only a running call's end can free a slot. */
  waitMs(t: number): number;
  started(): void;
  finished(t: number): void;
  /** Calls counted in a window of `lengthMs` ending at `t` (running ones included). */
  inWindow(t: number, lengthMs: number): number;
  /**
   * An estimate (never Infinity) of the ms until the `nth` call from now (1 = the next) may start,
   * when n − 1 others start first. Running calls are taken to answer about now (their slot frees a
   * window later), and each call started later holds the slot it took for a window.
   */
  estimateWaitMs(t: number, nth: number): number;
}

/** `t` must never go backwards (a monotonic clock). */
export function createCallLog(windows: readonly RateWindow[]): CallLog {
  for (const w of windows) {
    if (!(Number.isInteger(w.max) && w.max >= 1 && w.lengthMs > 0)) throw new Error(`invalid rate window ${JSON.stringify(w)}`);
  }
  const longest = Math.max(0, ...windows.map((w) => w.lengthMs));
  const done: number[] = []; // answer times, ascending
  let running = 0;

  const firstInside = (t: number, lengthMs: number): number => {
    let lo = 0;
    let hi = done.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((done[mid] as number) > t - lengthMs) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const prune = (t: number) => {
    const drop = firstInside(t, longest);
    if (drop > 0) done.splice(0, drop);
  };

  return {
    waitMs(t) {
      prune(t);
      let wait = 0;
      for (const w of windows) {
        const first = firstInside(t, w.lengthMs);
        const excess = running + (done.length - first) - w.max + 1;
        if (excess <= 0) continue;
        // The `excess`-th oldest answered call must leave the window; running ones cannot yet.
        const index = first + excess - 1;
        if (index >= done.length) return Infinity;
        wait = Math.max(wait, (done[index] as number) + w.lengthMs - t);
      }
      return wait;
    },
    started: () => void (running += 1),
    finished(t) {
      running = Math.max(0, running - 1);
      done.push(t);
    },
    inWindow(t, lengthMs) {
      return running + done.length - firstInside(t, lengthMs);
    },
    estimateWaitMs(t, nth) {
      let wait = 0;
      for (const w of windows) {
        const first = firstInside(t, w.lengthMs);
        const inside = done.length - first;
        const held = inside + running;
        // Slots free up in order: answered calls as they age out, then running ones (say, a window
        // from now); a call started later frees its slot a window after the one it took.
        let k = held - w.max + Math.max(1, nth) - 1;
        if (k < 0) continue;
        let rounds = 0;
        while (k >= held) {
          k -= w.max;
          rounds += 1;
        }
        const base = k < 0 ? 0 : k < inside ? (done[first + k] as number) + w.lengthMs - t : w.lengthMs;
        wait = Math.max(wait, base + rounds * w.lengthMs);
      }
      return Math.max(0, wait);
    },
  };
}
