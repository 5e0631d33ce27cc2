import pino, { type Logger } from 'pino';
import { isMdeError } from '../mde/errors';
import { fetchAttempt } from '../mde/fetch-attempt';
import { abortableSleep } from '../util/abortable-sleep';
import { backoffMs, jitterAbove, parseRetryAfter } from '../mde/retry-delay';
import type { TokenProvider } from '../mde/token-provider';
import { noTelemetry, type Telemetry } from '../telemetry/telemetry';
import { GraphError, graphKindForStatus, parseGraphErrorBody, type GraphErrorKind } from './graph-errors';

export interface GraphRequestOptions {
  /** e.g. https://graph.microsoft.com (the sandbox: its apiBaseUrl). */
  baseUrl: string;
  /** App-only tokens for `https://graph.microsoft.com/.default`. */
  tokenProvider: TokenProvider;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts and network errors. */
  maxRetries?: number;
  /** A 429 asking for a longer wait than this fails at once as `throttled`. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: Logger;
  /** A span per call, calls and 429s under the `graph` family; default off. */
  telemetry?: Telemetry;
}

export interface GraphCallSpec {
  operation: string;
  /** Default POST (checkMemberGroups); GET for listings. */
  method?: 'GET' | 'POST';
  /**
   * After the base URL, e.g. `/v1.0/users/{id}/checkMemberGroups`; or a whole URL on the base URL
   * (a listing's `@odata.nextLink`). Any other host is refused: the token goes only to Graph.
   */
  path: string;
  body?: unknown;
  permissions: readonly string[];
}

/** A 2xx, or a 404 (which callers treat as an answer: "no such user"). */
export interface GraphReply {
  status: number;
  json: unknown;
  code?: string;
  requestId?: string;
}

export type GraphCall = (spec: GraphCallSpec) => Promise<GraphReply>;

/**
 * A small Graph pipeline for read-only calls (`checkMemberGroups`, group listings): bearer token (a fresh one
 * once after a 401), a deadline per attempt, Retry-After on 429, backoff on 5xx/timeouts. Every
 * other failure is a GraphError carrying Graph's code and request id, never the body or token.
 */
export function createGraphCaller(opts: GraphRequestOptions): GraphCall {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = opts.maxRetries ?? 3;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? pino({ level: 'silent' });

  const token = async (operation: string, forceRefresh: boolean): Promise<string> => {
    try {
      return await opts.tokenProvider.getToken({ forceRefresh });
    } catch (cause) {
      const kind: GraphErrorKind = isMdeError(cause) && (cause.kind === 'network' || cause.kind === 'timeout' || cause.kind === 'server') ? cause.kind : 'unauthorized';
      throw new GraphError({ kind, operation: `${operation}.token`, code: isMdeError(cause) ? cause.code : undefined, cause });
    }
  };

  const urlOf = (spec: GraphCallSpec): string => {
    if (spec.path.startsWith('/')) return `${baseUrl}${spec.path}`;
    if (spec.path.startsWith(`${baseUrl}/`)) return spec.path;
    throw new GraphError({ kind: 'malformed', operation: spec.operation });
  };

  const telemetry = opts.telemetry ?? noTelemetry;

  return (spec) =>
    telemetry.span('graph.request', { 'api.operation': spec.operation, 'api.family': 'graph' }, async (span) => {
      try {
        const reply = await call(spec);
        span.set({ 'http.response.status_code': reply.status, 'graph.request_id': reply.requestId });
        return reply;
      } catch (err) {
        if (err instanceof GraphError) span.set({ 'http.response.status_code': err.status, 'graph.request_id': err.requestId });
        throw err;
      }
    });

  async function call(spec: GraphCallSpec): Promise<GraphReply> {
    const { operation, permissions } = spec;
    const url = urlOf(spec);
    const method = spec.method ?? 'POST';
    let bearer = await token(operation, false);
    let refreshed = false;
    for (let retries = 0; ; ) {
      const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Accept: 'application/json' };
      const init: RequestInit = method === 'POST' ? { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(spec.body ?? {}) } : { method, headers };
      const outcome = await fetchAttempt(fetchFn, url, init, timeoutMs);
      if (outcome.type === 'aborted') throw new GraphError({ kind: 'timeout', operation, cause: outcome.reason });
      const status = outcome.type === 'response' ? outcome.status : undefined;
      const details = outcome.type === 'response' && (outcome.status < 200 || outcome.status >= 300) ? parseGraphErrorBody(outcome.text) : {};
      logger.debug({ operation, status, outcome: outcome.type, retries, code: details.code, requestId: details.requestId }, 'graph attempt');
      telemetry.count('verdict.api.calls', { 'api.family': 'graph', 'http.response.status_code': status ?? 0, 'api.outcome': outcome.type });
      if (status === 429) telemetry.count('verdict.api.throttled', { 'api.family': 'graph' });

      if (outcome.type === 'response' && ((outcome.status >= 200 && outcome.status < 300) || outcome.status === 404)) {
        let json: unknown;
        try {
          json = outcome.text.trim() === '' ? undefined : JSON.parse(outcome.text);
        } catch (cause) {
          throw new GraphError({ kind: 'malformed', operation, status: outcome.status, cause });
        }
        return { status: outcome.status, json, ...details };
      }
      if (outcome.type === 'response' && outcome.status === 401 && !refreshed) {
        refreshed = true;
        bearer = await token(operation, true);
        continue;
      }

      const kind: GraphErrorKind = outcome.type === 'response' ? graphKindForStatus(outcome.status) : outcome.type;
      const fail = (retryAfterMs?: number) =>
        new GraphError({ kind, operation, status, ...details, permissions, retryAfterMs, cause: outcome.type === 'network' ? outcome.error : undefined });
      const hinted = outcome.type === 'response' ? parseRetryAfter(outcome.headers.get('retry-after'), now()) : undefined;
      const transient = kind === 'throttled' || kind === 'server' || kind === 'timeout' || kind === 'network';
      if (!transient || retries >= maxRetries) throw fail(hinted);
      if (hinted !== undefined && hinted > maxRetryAfterMs) throw fail(hinted);
      const waitMs = hinted !== undefined ? jitterAbove(hinted, random) : backoffMs(retries, random);
      retries++;
      logger.warn({ operation, status, kind, retry: retries, waitMs, code: details.code, requestId: details.requestId }, 'graph retrying');
      await sleep(waitMs);
    }
  }
}
