import type { Telemetry } from './telemetry';

export interface ServiceReadings {
  /** Callers waiting per MDE API family (the rate limiter's stats). */
  limiterQueued(): Record<string, number>;
  /** The journal's head seq and the audit outbox's delivered position. */
  outbox(): Promise<{ headSeq: number; deliveredSeq: number }>;
  /** Isolations still followed in MDE. */
  followBacklog(): Promise<number>;
}

/**
 * The gauges an on-call engineer watches, read at each metric export. A reading that fails (the
 * store unreachable) is left out of that export rather than reported as 0: /readyz says why.
 */
export function observeService(telemetry: Telemetry, read: ServiceReadings): void {
  if (!telemetry.enabled) return;
  telemetry.observe('verdict.mde.limiter.queued', () => Object.entries(read.limiterQueued()).map(([family, value]) => ({ value, attributes: { 'api.family': family } })));
  telemetry.observe('verdict.audit.outbox.lag', async () => {
    const position = await read.outbox().catch(() => undefined);
    return position ? [{ value: Math.max(0, position.headSeq - position.deliveredSeq) }] : [];
  });
  telemetry.observe('verdict.containment.follow_backlog', async () => {
    const backlog = await read.followBacklog().catch(() => undefined);
    return backlog === undefined ? [] : [{ value: backlog }];
  });
}
