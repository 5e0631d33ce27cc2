import type { Logger } from 'pino';
import type { ContainmentService } from '../containment/service';

/**
 * Runs containment housekeeping at start and then every `intervalMs`: requests left in
 * `executing` by a crash are reconciled by looking in MDE (never by calling it again), and
 * requests past their TTL are expired. Runs never overlap; a failure is logged and retried next time.
 */
export function startContainmentHousekeeping(
  service: Pick<ContainmentService, 'recoverInFlight' | 'expireDue'>,
  logger: Logger,
  intervalMs = 60_000,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= (async () => {
      try {
        const recovered = await service.recoverInFlight();
        const expired = await service.expireDue();
        if (recovered.length > 0 || expired.length > 0) logger.info({ recovered: recovered.length, expired: expired.length }, 'containment housekeeping');
      } catch (err) {
        logger.error({ err }, 'containment housekeeping failed; retrying at the next interval');
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
