/**
 * Delays that `stop()` can cut short, so a sandbox with latency or slow faults never keeps the
 * process (or a jest worker) alive after it was stopped.
 */
export interface Sleeper {
  /** Resolves true when the time has passed, false when cancelled. */
  sleep(ms: number): Promise<boolean>;
  cancelAll(): void;
}

export function createSleeper(): Sleeper {
  const pending = new Map<NodeJS.Timeout, (elapsed: boolean) => void>();
  let cancelled = false;

  return {
    sleep(ms) {
      if (cancelled) return Promise.resolve(false);
      if (ms <= 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve(true);
        }, ms);
        pending.set(timer, resolve);
      });
    },
    cancelAll() {
      cancelled = true;
      for (const [timer, resolve] of pending) {
        clearTimeout(timer);
        resolve(false);
      }
      pending.clear();
    },
  };
}
