import type { Logger } from 'pino';
import type { ContainmentRequest } from './model';
import type { ContainmentService } from './service';
import { runPeriodically } from './periodic';

type Redraw = (request: ContainmentRequest) => Promise<unknown>;

/**
 * Runs containment housekeeping at start and then every `intervalMs`: requests left in
 * `executing` by a crash are reconciled by looking in MDE (never by calling it again), and
 * requests past their TTL are expired. Their approval cards are redrawn (`redraw`) so nobody is
 * left looking at live buttons on a request that is over.
 */
export function startContainmentHousekeeping(
  service: Pick<ContainmentService, 'recoverInFlight' | 'expireDue'>,
  logger: Logger,
  options: { intervalMs?: number; redraw?: Redraw } = {},
): { stop(): Promise<void> } {
  return runPeriodically(
    async () => {
      const recovered = await service.recoverInFlight();
      const expired = await service.expireDue();
      if (recovered.length > 0 || expired.length > 0) logger.info({ recovered: recovered.length, expired: expired.length }, 'containment housekeeping');
      for (const request of [...recovered.map((r) => r.request), ...expired]) if (request) await options.redraw?.(request);
    },
    options.intervalMs ?? 60_000,
    logger,
    'containment housekeeping',
  );
}

/**
 * Follows the actions MDE accepted for kinds with follow-through (an isolation's MachineAction;
 * service.followActions looks only at those due a
 * look, with backoff) and redraws each approval card whose status changed. `intervalMs` is how
 * often to ask which are due, not how often MDE is called.
 */
export function startActionFollower(
  service: Pick<ContainmentService, 'followActions'>,
  logger: Logger,
  options: { intervalMs?: number; redraw?: Redraw } = {},
): { stop(): Promise<void> } {
  return runPeriodically(
    async () => {
      for (const item of await service.followActions()) {
        logger.info({ requestId: item.id, change: item.change, status: item.request.execution?.mdeStatus }, 'followed action status changed');
        await options.redraw?.(item.request);
      }
    },
    options.intervalMs ?? 2_000,
    logger,
    'action status follow-up',
  );
}
