import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { kindForStatus, parseMdeErrorBody } from './error-body';
import { MdeError, type MdeErrorKind } from './errors';
import { familyOf } from './api-families';
import { fetchAttempt, type AttemptOutcome } from './fetch-attempt';
import { abortableSleep } from '../util/abortable-sleep';
import type { MdeRateLimiter } from './rate-limiter';
import { backoffMs, jitterAbove, parseRetryAfter } from './retry-delay';
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

export interface MdeRequestOptions {
  baseUrl: string;
  tokenProvider: TokenProvider;
  fetch?: typeof fetch;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt (429 for any call; 5xx, timeouts, network only when idempotent). */
  maxRetries?: number;
  /** A 429 asking us to wait longer than this fails at once as `throttled`. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: Logger;
  /** Paces every attempt (retries included) per API family; none: calls go out unpaced. */
  limiter?: MdeRateLimiter;
  /** A span per call (with MDE's correlation id on failure), calls and 429s per family; default off. */
  telemetry?: Telemetry;
}

type Failure = { kind: MdeErrorKind; status?: number; code?: string; target?: string; mdeMessage?: string; retryAfterMs?: number; cause?: unknown };

/**
 * The shared request pipeline: token, pacing (a slot from the limiter for every attempt, held
 * until the answer is in), timeout, retries and backoff, error mapping, zod parsing.
 */
export function createMdeRequest(opts: MdeRequestOptions): MdeRequest {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxRetries = opts.maxRetries ?? 3;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const noSlot = () => undefined;
  const slot = (family: string, signal: AbortSignal | undefined, retry: boolean) =>
    opts.limiter ? opts.limiter.acquire(family, signal, { retry }) : Promise.resolve(noSlot);
  const telemetry = opts.telemetry ?? noTelemetry;

  return function request<T>(spec: MdeRequestSpec<T>): Promise<T> {
    const family = familyOf(spec.operation);
    return telemetry.span('mde.request', { 'api.operation': spec.operation, 'api.family': family }, (span) => attempts(spec, family, span));
  };

  async function attempts<T>(spec: MdeRequestSpec<T>, family: string, span: ActiveSpan): Promise<T> {
    const { operation, permissions, signal } = spec;
    const fail = (f: Failure) => {
      span.set({ 'mde.correlation_id': f.target, 'http.response.status_code': f.status });
      span.fail(f.kind);
      return new MdeError({ operation, permissions, ...f });
    };
    // A quota answer paused the family for longer than we would wait (hunting's CPU cycle): fail now,
    // so callers fall back (Files API, the hand query) instead of queueing for the rest of the cycle.
    const paused = spec.quotaRetryAfterMs !== undefined ? (opts.limiter?.pausedMs?.(family) ?? 0) : 0;
    if (paused > maxRetryAfterMs) throw fail({ kind: 'throttled', status: 429, code: 'TooManyRequests', retryAfterMs: paused });
    let token = await opts.tokenProvider.getToken();
    let refreshed = false;
    let retries = 0;

    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
      const init: RequestInit = { method: spec.method, headers, body: spec.body === undefined ? undefined : JSON.stringify(spec.body) };
      const release = await slot(family, signal, retries > 0).catch((reason: unknown) => {
        throw fail({ kind: 'timeout', cause: reason });
      });
      const started = now();
      let outcome: AttemptOutcome;
      try {
        outcome = await fetchAttempt(fetchFn, `${baseUrl}${spec.path}`, init, spec.timeoutMs ?? timeoutMs, signal);
      } finally {
        release();
      }
      const details = outcome.type === 'response' && !isOk(outcome.status) ? parseMdeErrorBody(outcome.text) : {};
      const status = outcome.type === 'response' ? outcome.status : undefined;
      logger.debug({ operation, status, outcome: outcome.type, attempt, ms: now() - started, code: details.code, target: details.target }, 'mde attempt');
      telemetry.count('verdict.api.calls', { 'api.family': family, 'http.response.status_code': status ?? 0, 'api.outcome': outcome.type });
      span.set({ 'api.attempts': attempt, 'http.response.status_code': status });

      if (outcome.type === 'aborted') throw fail({ kind: 'timeout', cause: outcome.reason });
      if (outcome.type === 'response' && isOk(outcome.status)) return parseBody(spec, outcome.text, outcome.status, logger, fail);

      if (outcome.type === 'response' && outcome.status === 401 && !refreshed) {
        refreshed = true;
        logger.warn({ operation, status, attempt, target: details.target }, 'mde 401, retrying with a fresh token');
        token = await opts.tokenProvider.getToken({ forceRefresh: true });
        continue;
      }

      const failure = failureOf(outcome, details);
      const hinted = outcome.type === 'response' ? parseRetryAfter(outcome.headers.get('retry-after'), now()) : undefined;
      let waitMs: number;
      if (failure.kind === 'throttled') {
        const quota = spec.quotaRetryAfterMs !== undefined && /quota/i.test(failure.mdeMessage ?? '') ? spec.quotaRetryAfterMs : undefined;
        telemetry.count('verdict.api.throttled', { 'api.family': family });
        if (quota !== undefined) telemetry.count('verdict.hunting.quota_answers', { 'api.family': family });
        const asked = hinted ?? quota ?? backoffMs(retries, random);
        // The limiter should make this rare; when it happens, everyone queued for the family waits too.
        opts.limiter?.throttled(family, asked);
        if (asked > maxRetryAfterMs || retries >= maxRetries) throw fail({ ...failure, retryAfterMs: asked });
        waitMs = jitterAbove(asked, random);
      } else if (isTransient(failure.kind) && spec.idempotent && retries < maxRetries && !(failure.kind === 'timeout' && spec.retryTimeouts === false)) {
        waitMs = hinted !== undefined && hinted <= maxRetryAfterMs ? jitterAbove(hinted, random) : backoffMs(retries, random);
      } else {
        throw fail(failure);
      }

      retries++;
      logger.warn({ operation, status, kind: failure.kind, attempt, retry: retries, waitMs, code: failure.code, target: failure.target }, 'mde retrying');
      try {
        await sleep(waitMs, signal);
      } catch (reason) {
        throw fail({ kind: 'timeout', cause: reason });
      }
    }
  }
}

const isOk = (status: number) => status >= 200 && status < 300;
const isTransient = (kind: MdeErrorKind) => kind === 'server' || kind === 'timeout' || kind === 'network';

function failureOf(outcome: Exclude<AttemptOutcome, { type: 'aborted' }>, details: { code?: string; message?: string; target?: string }): Failure {
  if (outcome.type === 'timeout') return { kind: 'timeout' };
  if (outcome.type === 'network') return { kind: 'network', cause: outcome.error };
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
