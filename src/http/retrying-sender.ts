import pino, { type Logger } from 'pino';
import { abortableSleep } from '../util/abortable-sleep';
import { fetchAttempt, type AttemptOutcome } from './fetch-attempt';
import { parseRetryAfter } from './retry-delay';
import { retryStep, type RetryClass } from './retry-step';

export type ResponseOutcome = Extract<AttemptOutcome, { type: 'response' }>;
export type FailedOutcome = Exclude<AttemptOutcome, { type: 'aborted' }>;

/** A failed attempt as the client reads it: its own failure value, and whether it may repeat. */
export interface Judged<F> {
  failure: F;
  retry: RetryClass;
  /** See `FailedAttempt.quotaMs`. */
  quotaMs?: number;
  /** What the client's logs say about the failure (its error code, correlation id), never a body. */
  logFields?: Record<string, unknown>;
}

/**
 * One call, as a client describes it. The client keeps what is its own: which statuses are an
 * answer, how a failure reads (its error kinds), and which error type the caller sees.
 */
export interface Exchange<F> {
  operation: string;
  url: string;
  init: (token: string) => RequestInit;
  /** The bearer token; `true` after a 401, once per call. */
  token: (forceRefresh: boolean) => Promise<string>;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Waits for a pacing slot before each attempt; the returned function frees it. */
  slot?: (retry: boolean) => Promise<() => void>;
  /** A throttled answer asked for this pause (Retry-After, quota, or our backoff). */
  onThrottled?: (askedMs: number) => void;
  /** Every attempt that got an outcome (for the client's telemetry): its number, status and type. */
  onAttempt?: (attempt: { attempt: number; status?: number; outcome: FailedOutcome['type'] }) => void;
  /** Statuses that end the call with the response (2xx; Graph also 404). */
  isAnswer: (status: number) => boolean;
  judge: (outcome: FailedOutcome) => Judged<F>;
  /** The caller's error for a failure that is not repeated. */
  toError: (failure: F, retryAfterMs: number | undefined) => Error;
  /** The caller's error when the call was aborted, or a slot or a wait was refused. */
  stopped: (reason: unknown) => Error;
}

/** How a client built on the core may be tuned; each client names its defaults. */
export interface RetryTuning {
  fetch?: typeof fetch;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt (which failures may repeat is the client's rule). */
  maxRetries?: number;
  /** A server asking for a longer wait than this ends the call at once (a 429 as throttled). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: Logger;
}

export interface RetryingSenderOptions extends Omit<RetryTuning, 'timeoutMs' | 'maxRetries' | 'maxRetryAfterMs'> {
  /** Log prefix: `${name} attempt`, `${name} retrying`. */
  name: string;
  maxRetries: number;
  maxRetryAfterMs: number;
}

export type RetryingSend = <F>(exchange: Exchange<F>) => Promise<ResponseOutcome>;

/**
 * The retry core the MDE and Graph clients share: bearer token (a fresh one once after a 401), a
 * pacing slot per attempt, a deadline per attempt, Retry-After or jittered backoff (`retryStep`),
 * and the caller's abort. It returns the answering response; every failure leaves as the client's
 * own error.
 */
export function createRetryingSender(opts: RetryingSenderOptions): RetryingSend {
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const limits = { maxRetries: opts.maxRetries, maxRetryAfterMs: opts.maxRetryAfterMs, random };
  const free = () => undefined;
  const takeSlot = <F>(x: Exchange<F>, retry: boolean): Promise<() => void> =>
    x.slot ? x.slot(retry).catch((reason: unknown) => Promise.reject(x.stopped(reason))) : Promise.resolve(free);

  return async function send<F>(x: Exchange<F>): Promise<ResponseOutcome> {
    const { operation, signal } = x;
    let token = await x.token(false);
    let refreshed = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      const release = await takeSlot(x, retries > 0);
      const started = now();
      let outcome: AttemptOutcome;
      try {
        outcome = await fetchAttempt(fetchFn, x.url, x.init(token), x.timeoutMs, signal);
      } finally {
        release();
      }
      if (outcome.type === 'aborted') throw x.stopped(outcome.reason);
      const status = outcome.type === 'response' ? outcome.status : undefined;
      x.onAttempt?.({ attempt, status, outcome: outcome.type });
      const logAttempt = (fields?: Record<string, unknown>) =>
        logger.debug({ operation, status, outcome: outcome.type, attempt, ms: now() - started, ...fields }, `${opts.name} attempt`);
      if (outcome.type === 'response' && x.isAnswer(outcome.status)) {
        logAttempt();
        return outcome;
      }
      const judged = x.judge(outcome);
      logAttempt(judged.logFields);

      if (status === 401 && !refreshed) {
        refreshed = true;
        logger.warn({ operation, status, attempt, ...judged.logFields }, `${opts.name} 401, retrying with a fresh token`);
        token = await x.token(true);
        continue;
      }

      const hintedMs = outcome.type === 'response' ? parseRetryAfter(outcome.headers.get('retry-after'), now()) : undefined;
      const step = retryStep({ retry: judged.retry, hintedMs, quotaMs: judged.quotaMs, retries }, limits);
      // A 429 the limiter should have prevented: everyone queued behind it waits too.
      if (step.askedMs !== undefined) x.onThrottled?.(step.askedMs);
      if (step.type === 'stop') throw x.toError(judged.failure, step.retryAfterMs);

      retries++;
      logger.warn({ operation, status, attempt, retry: retries, waitMs: step.waitMs, ...judged.logFields }, `${opts.name} retrying`);
      try {
        await sleep(step.waitMs, signal);
      } catch (reason) {
        throw x.stopped(reason);
      }
    }
  };
}
