import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { kindForStatus, parseMdeErrorBody } from './error-body';
import { MdeError, type MdeErrorKind } from './errors';
import { familyOf } from './api-families';
import { createRetryingSender, type FailedOutcome, type Judged, type RetryTuning } from '../http/retrying-sender';
import type { MdeRateLimiter } from './rate-limiter';
import type { TokenProvider } from './token-provider';
import { noTelemetry, type ActiveSpan, type Telemetry } from '../telemetry/telemetry';

/** One MDE API call, as an endpoint function describes it. */
export interface MdeRequestSpec<T> {
  /** Dotted operation name for logs and errors, e.g. `files.get`. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path and query after the base URL, e.g. `/api/files/{sha256}`. */
  path: string;
  /** Application permissions the call needs; named in 403 errors and cards. */
  permissions: readonly string[];
  /** True when repeating the call cannot do anything twice (GETs). Only these retry on 5xx/timeouts. */
  idempotent: boolean;
  body?: unknown;
  /** Validates the 2xx body (undefined when the body is empty, e.g. 204). */
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  /** Per attempt, instead of the pipeline's default (a hunting query may run for minutes). */
  timeoutMs?: number;
  /** False: a timed-out attempt is not repeated (a slow hunting query would only time out again, spending quota). */
  retryTimeouts?: boolean;
  /**
   * A 429 whose message names a quota (e.g. hunting's CPU quota) and that carries no Retry-After:
   * wait this long (the rest of the quota's cycle at most) rather than a short backoff.
   */
  quotaRetryAfterMs?: number;
}

export type MdeRequest = <T>(spec: MdeRequestSpec<T>) => Promise<T>;

/**
 * Defaults: 15 s per attempt, 3 retries (429 for any call; 5xx, timeouts, network only when
 * idempotent), Retry-After honoured up to 60 s.
 */
export interface MdeRequestOptions extends RetryTuning {
  baseUrl: string;
  tokenProvider: TokenProvider;
  /** Paces every attempt (retries included) per API family; none: calls go out unpaced. */
  limiter?: MdeRateLimiter;
  /** A span per call (with MDE's correlation id on failure), calls and 429s per family; default off. */
  telemetry?: Telemetry;
}

type Failure = { kind: MdeErrorKind; status?: number; code?: string; target?: string; mdeMessage?: string; cause?: unknown };

/**
 * The MDE request pipeline: the shared retry core (`src/http/retrying-sender.ts`: token, a pacing
 * slot from the limiter for every attempt held until the answer is in, timeout, Retry-After and
 * backoff) with MDE's own rules: 5xx and timeouts repeat only idempotent calls, a quota 429 waits
 * for the quota, failures are `MdeError`s, and the 2xx body is parsed with the endpoint's schema.
 */
export function createMdeRequest(opts: MdeRequestOptions): MdeRequest {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const send = createRetryingSender({ name: 'mde', fetch: opts.fetch, maxRetries: opts.maxRetries ?? 3, maxRetryAfterMs, sleep: opts.sleep, random: opts.random, now: opts.now, logger });
  const limiter = opts.limiter;
  const telemetry = opts.telemetry ?? noTelemetry;

  return function request<T>(spec: MdeRequestSpec<T>): Promise<T> {
    const family = familyOf(spec.operation);
    return telemetry.span('mde.request', { 'api.operation': spec.operation, 'api.family': family }, (span) => attempts(spec, family, span));
  };

  async function attempts<T>(spec: MdeRequestSpec<T>, family: string, span: ActiveSpan): Promise<T> {
    const { operation, permissions, signal } = spec;
    const fail = (f: Failure & { retryAfterMs?: number }) => {
      span.set({ 'mde.correlation_id': f.target, 'http.response.status_code': f.status });
      span.fail(f.kind);
      return new MdeError({ operation, permissions, ...f });
    };
    // A quota answer paused the family for longer than we would wait (hunting's CPU cycle): fail now,
    // so callers fall back (Files API, the hand query) instead of queueing for the rest of the cycle.
    const paused = spec.quotaRetryAfterMs !== undefined ? (limiter?.pausedMs?.(family) ?? 0) : 0;
    if (paused > maxRetryAfterMs) throw fail({ kind: 'throttled', status: 429, code: 'TooManyRequests', retryAfterMs: paused });
    const headers = (token: string): Record<string, string> => ({
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    });

    const answer = await send<Failure>({
      operation,
      url: `${baseUrl}${spec.path}`,
      init: (token) => ({ method: spec.method, headers: headers(token), body: spec.body === undefined ? undefined : JSON.stringify(spec.body) }),
      token: (forceRefresh) => (forceRefresh ? opts.tokenProvider.getToken({ forceRefresh: true }) : opts.tokenProvider.getToken()),
      timeoutMs: spec.timeoutMs ?? timeoutMs,
      signal,
      slot: limiter ? (retry) => limiter.acquire(family, signal, { retry }) : undefined,
      onThrottled: (askedMs) => {
        telemetry.count('verdict.api.throttled', { 'api.family': family });
        // The limiter should make this rare; when it happens, everyone queued for the family waits too.
        limiter?.throttled(family, askedMs);
      },
      onAttempt: ({ attempt, status, outcome }) => {
        telemetry.count('verdict.api.calls', { 'api.family': family, 'http.response.status_code': status ?? 0, 'api.outcome': outcome });
        span.set({ 'api.attempts': attempt, 'http.response.status_code': status });
      },
      isAnswer: isOk,
      judge: (outcome) => {
        const judged = judge(outcome, spec);
        if (judged.quotaMs !== undefined) telemetry.count('verdict.hunting.quota_answers', { 'api.family': family });
        return judged;
      },
      toError: (failure, retryAfterMs) => fail({ ...failure, retryAfterMs }),
      stopped: (reason) => fail({ kind: 'timeout', cause: reason }),
    });
    return parseBody(spec, answer.text, answer.status, logger, fail);
  };
}

const isOk = (status: number) => status >= 200 && status < 300;
const isTransient = (kind: MdeErrorKind) => kind === 'server' || kind === 'timeout' || kind === 'network';

/** MDE's reading of a failed attempt: its error kind, and whether this call may repeat it. */
function judge(outcome: FailedOutcome, spec: MdeRequestSpec<unknown>): Judged<Failure> {
  const failure = failureOf(outcome);
  const { kind } = failure;
  const quotaMs = spec.quotaRetryAfterMs !== undefined && /quota/i.test(failure.mdeMessage ?? '') ? spec.quotaRetryAfterMs : undefined;
  const repeatable = isTransient(kind) && spec.idempotent && !(kind === 'timeout' && spec.retryTimeouts === false);
  return {
    failure,
    retry: kind === 'throttled' ? 'throttled' : repeatable ? 'transient' : 'never',
    quotaMs,
    logFields: { kind, code: failure.code, target: failure.target },
  };
}

function failureOf(outcome: FailedOutcome): Failure {
  if (outcome.type === 'timeout') return { kind: 'timeout' };
  if (outcome.type === 'network') return { kind: 'network', cause: outcome.error };
  const details = parseMdeErrorBody(outcome.text);
  return { kind: kindForStatus(outcome.status), status: outcome.status, code: details.code, target: details.target, mdeMessage: details.message };
}

function parseBody<T>(spec: MdeRequestSpec<T>, text: string, status: number, logger: Logger, fail: (f: Failure) => MdeError): T {
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch (cause) {
      logger.warn({ operation: spec.operation, status, reason: 'not JSON' }, 'mde malformed body');
      throw fail({ kind: 'malformed', status, cause });
    }
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    logger.warn({ operation: spec.operation, status, issues }, 'mde malformed body');
    throw fail({ kind: 'malformed', status, cause: new Error(`schema mismatch at ${issues.join(', ')}`) });
  }
  return parsed.data;
}
