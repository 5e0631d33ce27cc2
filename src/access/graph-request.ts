import { createRetryingSender, type FailedOutcome, type Judged, type RetryTuning } from '../http/retrying-sender';
import { isMdeError } from '../mde/errors';
import type { TokenProvider } from '../mde/token-provider';
import { noTelemetry, type Telemetry } from '../telemetry/telemetry';
import { GraphError, graphKindForStatus, parseGraphErrorBody, type GraphErrorKind } from './graph-errors';

/** Defaults: 10 s per attempt, 3 retries (429, 5xx, timeouts, network), Retry-After honoured up to 30 s. */
export interface GraphRequestOptions extends RetryTuning {
  /** e.g. https://graph.microsoft.com (the sandbox: its apiBaseUrl). */
  baseUrl: string;
  /** App-only tokens for `https://graph.microsoft.com/.default`. */
  tokenProvider: TokenProvider;
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

type Failure = { kind: GraphErrorKind; status?: number; code?: string; requestId?: string; cause?: unknown };

/**
 * A small Graph pipeline for read-only calls (`checkMemberGroups`, group listings) on the shared
 * retry core (`src/http/retrying-sender.ts`): bearer token (a fresh one once after a 401), a
 * deadline per attempt, Retry-After on 429, backoff on 5xx/timeouts (every call here is a read, so
 * each may repeat). A 404 is an answer. Every other failure is a GraphError carrying Graph's code
 * and request id, never the body or token.
 */
export function createGraphCaller(opts: GraphRequestOptions): GraphCall {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const send = createRetryingSender({
    name: 'graph',
    fetch: opts.fetch,
    maxRetries: opts.maxRetries ?? 3,
    maxRetryAfterMs: opts.maxRetryAfterMs ?? 30_000,
    sleep: opts.sleep,
    random: opts.random,
    now: opts.now,
    logger: opts.logger,
  });

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
    const method = spec.method ?? 'POST';
    const answer = await send<Failure>({
      operation,
      url: urlOf(spec),
      init: (bearer) => {
        const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Accept: 'application/json' };
        return method === 'POST' ? { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(spec.body ?? {}) } : { method, headers };
      },
      token: (forceRefresh) => token(operation, forceRefresh),
      timeoutMs,
      onAttempt: ({ status, outcome }) => telemetry.count('verdict.api.calls', { 'api.family': 'graph', 'http.response.status_code': status ?? 0, 'api.outcome': outcome }),
      onThrottled: () => telemetry.count('verdict.api.throttled', { 'api.family': 'graph' }),
      isAnswer: (status) => (status >= 200 && status < 300) || status === 404,
      judge,
      toError: (failure, retryAfterMs) => new GraphError({ ...failure, operation, permissions, retryAfterMs }),
      stopped: (reason) => new GraphError({ kind: 'timeout', operation, cause: reason }),
    });
    const details = answer.status === 404 ? parseGraphErrorBody(answer.text) : {};
    let json: unknown;
    try {
      json = answer.text.trim() === '' ? undefined : JSON.parse(answer.text);
    } catch (cause) {
      throw new GraphError({ kind: 'malformed', operation, status: answer.status, cause });
    }
    return { status: answer.status, json, ...details };
  }
}

/** Graph's reading of a failed attempt: every call here is a read, so every transient failure may repeat. */
function judge(outcome: FailedOutcome): Judged<Failure> {
  const failure: Failure =
    outcome.type === 'response'
      ? { kind: graphKindForStatus(outcome.status), status: outcome.status, ...parseGraphErrorBody(outcome.text) }
      : { kind: outcome.type, cause: outcome.type === 'network' ? outcome.error : undefined };
  const { kind } = failure;
  const retry = kind === 'throttled' ? 'throttled' : kind === 'server' || kind === 'timeout' || kind === 'network' ? 'transient' : 'never';
  return { failure, retry, logFields: { kind, code: failure.code, requestId: failure.requestId } };
}
