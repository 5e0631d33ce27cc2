/**
 * Sliding-window admission over a log of call timestamps. MDE publishes its limits as "N calls per
 * minute and M per hour"; a fixed window would let 2N calls through around a window edge, a log of
 * timestamps counts exactly the calls made in the last `lengthMs`, whenever you look.
 */
export interface RateWindow {
  max: number;
  lengthMs: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

export interface WindowLimiter {
  /** Admits and records one call, or says how long until a slot frees. Refused calls are not recorded. */
  tryAcquire(): Admission;
  /** Calls recorded in the window of the given length (for stats and tests). */
  inWindow(lengthMs: number): number;
}

/** `now` must not go backwards (use a monotonic clock such as `performance.now`). */
export function createWindowLimiter(windows: readonly RateWindow[], now: () => number): WindowLimiter {
  const longest = Math.max(0, ...windows.map((w) => w.lengthMs));
  // Ascending, because `now` is monotonic and calls are appended as they are admitted.
  const stamps: number[] = [];

  /** Index of the first timestamp still inside a window of `lengthMs` ending at `t`. */
  const firstInside = (t: number, lengthMs: number): number => {
    let lo = 0;
    let hi = stamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((stamps[mid] as number) > t - lengthMs) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const prune = (t: number): void => {
    const drop = firstInside(t, longest);
    if (drop > 0) stamps.splice(0, drop);
  };

  return {
    tryAcquire() {
      const t = now();
      prune(t);
      let waitMs = 0;
      for (const w of windows) {
        const first = firstInside(t, w.lengthMs);
        const count = stamps.length - first;
        if (count >= w.max) {
          // The call that makes room is the one `max` places from the newest: once it leaves the
          // window, `max - 1` calls remain and one more fits.
          const freeing = stamps[stamps.length - w.max] as number;
          waitMs = Math.max(waitMs, freeing + w.lengthMs - t);
        }
      }
      if (waitMs > 0) return { ok: false, retryAfterMs: waitMs };
      stamps.push(t);
      return { ok: true };
    },
    inWindow(lengthMs) {
      const t = now();
      return stamps.length - firstInside(t, lengthMs);
    },
  };
}
