import type { Logger } from 'pino';

/**
 * Runs `task` now and then every `intervalMs`. Runs never overlap (a tick that finds one running
 * skips); a failure is logged and the next tick tries again; the timer does not keep the process up.
 */
export function runPeriodically(task: () => Promise<void>, intervalMs: number, logger: Logger, what: string): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= (async () => {
      try {
        await task();
      } catch (err) {
        logger.error({ err }, `${what} failed; retrying at the next interval`);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
