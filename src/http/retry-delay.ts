/** Delays for retries: the server's Retry-After, and jittered exponential backoff when it gives none. */

/**
 * Milliseconds to wait according to a `Retry-After` header: delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so concurrent
 * clients spread out but nobody retries immediately. `retry` counts from 0.
 */
export function backoffMs(retry: number, random: () => number, baseMs = 500, capMs = 8_000): number {
  const step = Math.min(capMs, baseMs * 2 ** retry);
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * Retry-After plus a little jitter on top, never below what the server asked for: retrying early only
 * earns another 429, and many clients waking together earn one each.
 */
export function jitterAbove(ms: number, random: () => number): number {
  return Math.round(ms + Math.min(1_000, Math.max(100, ms * 0.1)) * random());
}
