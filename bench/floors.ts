import { MDE_API_LIMITS } from '../src/mde/api-families';
import { REALISTIC_LATENCY } from '../src/sandbox/latency-model';

/**
 * What MDE's published limits allow at best (reference §0, §5, §6), computed, not measured: the
 * reference column beside each measured figure. Sliding windows: call k (0-based) can start no
 * sooner than ⌊k / perWindow⌋ windows after the first, and each call still takes its latency.
 */
export interface WindowLimit {
  perMinute: number;
  perHour: number;
}

/** Earliest start (real minutes) of the last of `calls` calls under both windows. */
export function lastCallStartMinutes(calls: number, limit: WindowLimit): number {
  if (calls <= 0) return 0;
  const byMinute = Math.floor((calls - 1) / limit.perMinute);
  const byHour = Math.floor((calls - 1) / limit.perHour) * 60;
  return Math.max(byMinute, byHour);
}

/** Hunting calls for an advisory: one FileProfile() query per ≤1,000 hashes of each kind. */
export function huntingCalls(countsByKind: readonly number[], batch = 1000): number {
  return countsByKind.reduce((n, c) => n + Math.ceil(c / batch), 0);
}

/** The slowest answer the latency model gives a device call (real ms): "one round trip" in the floor. */
export const machineRoundTripMs = (): number => {
  const l = REALISTIC_LATENCY.machines ?? REALISTIC_LATENCY['*'];
  return (l?.baseMs ?? 0) + (l?.jitterMs ?? 0);
};

/**
 * The 100/min floor for `calls` device actions (real ms): the earliest the last call may start under
 * MDE's sliding windows (100/min and 1,500/h: call k starts ≥ ⌊k/100⌋ minutes after the first, so
 * the 500th at 4 min), plus one round trip at the model's slowest, when its answer is in.
 */
export const deviceFloorMs = (calls: number): number => lastCallStartMinutes(calls, MDE_API_LIMITS.machines) * 60_000 + machineRoundTripMs();
