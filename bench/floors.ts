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
