/**
 * Work that outlives the turn that started it (an approval whose MDE call is still running when
 * the click must be answered). Tracked so a graceful stop waits for it before the audit journal
 * closes; a crash instead leaves the request `executing`, which the recovery sweep settles.
 */
export interface Background {
  /** Runs `task` detached; its failure is reported to `onError`, never thrown at the caller. */
  run(task: () => Promise<void>): void;
  /** Resolves once every task started so far has ended. */
  drain(): Promise<void>;
}

export function createBackground(onError: (err: unknown) => void): Background {
  const running = new Set<Promise<void>>();
  return {
    run(task) {
      const done: Promise<void> = Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => running.delete(done));
      running.add(done);
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
