import { backoffMs, jitterAbove } from './retry-delay';

/**
 * How a failed attempt may be repeated, as the client judged it: `throttled` (429: the server
 * refused before doing anything, so any call may repeat), `transient` (5xx, timeouts, network:
 * only calls that cannot act twice), `never`.
 */
export type RetryClass = 'throttled' | 'transient' | 'never';

export interface RetryLimits {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** A server asking for a longer wait than this ends the call, carrying the wait. */
  maxRetryAfterMs: number;
  random: () => number;
}

export interface FailedAttempt {
  retry: RetryClass;
  /** The server's Retry-After, in ms. */
  hintedMs?: number;
  /** A throttled answer without Retry-After that names a quota: wait this long instead of a short backoff. */
  quotaMs?: number;
  /** Retries already made. */
  retries: number;
}

/**
 * What to do after a failed attempt: wait and repeat, or stop with the error (carrying the wait
 * the server asked for, or the one we would have made, for a throttled call). `askedMs` is the
 * pause a throttled answer imposes, for a limiter to hold its other callers.
 */
export type RetryStep = { type: 'wait'; waitMs: number; askedMs?: number } | { type: 'stop'; retryAfterMs?: number; askedMs?: number };

export function retryStep(failed: FailedAttempt, limits: RetryLimits): RetryStep {
  const { hintedMs, retries } = failed;
  if (failed.retry === 'never') return { type: 'stop', retryAfterMs: hintedMs };
  if (failed.retry === 'throttled') {
    const askedMs = hintedMs ?? failed.quotaMs ?? backoffMs(retries, limits.random);
    if (askedMs > limits.maxRetryAfterMs || retries >= limits.maxRetries) return { type: 'stop', retryAfterMs: askedMs, askedMs };
    // Never earlier than asked: an early retry only earns another 429.
    return { type: 'wait', waitMs: jitterAbove(askedMs, limits.random), askedMs };
  }
  if (retries >= limits.maxRetries || (hintedMs !== undefined && hintedMs > limits.maxRetryAfterMs)) return { type: 'stop', retryAfterMs: hintedMs };
  return { type: 'wait', waitMs: hintedMs !== undefined ? jitterAbove(hintedMs, limits.random) : backoffMs(retries, limits.random) };
}
