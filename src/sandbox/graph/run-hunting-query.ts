import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { IssuedToken } from '../entra/token-store';
import { GRAPH_HUNTING_FAMILY, type FaultQueue } from '../fault-queue';
import { readBody, truncateBody, type HttpAnswer } from '../http-kit';
import type { MdeCatalogue } from '../mde/catalogue';
import { runHuntingQuery } from '../mde/hunting-engine';
import { retryAfterSeconds, type FamilyLimiters } from '../rate-limits';
import type { StatsRecorder } from '../stats';
import { graphError, injectedGraphFault } from './graph-errors';

export const RUN_HUNTING_QUERY = /^\/v1\.0\/security\/runHuntingQuery$/i;

/** Documented limits (reference §5b): rows per answer, the CPU quota's cycle, the query timeout. */
export const MAX_RESULT_ROWS = 100_000;
const QUOTA_CYCLE_MS = 15 * 60_000;
const QUERY_TIMEOUT_MS = 3 * 60_000;
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RunHuntingQueryDeps {
  catalogue: MdeCatalogue;
  limiters: FamilyLimiters;
  faults: FaultQueue;
  stats: StatsRecorder;
  /** Queries allowed per 15-minute cycle, standing in for Graph's CPU quota (which varies with tenant size); default none. */
  queriesPerQuotaCycle?: number;
  timeScale: number;
  /** Modelled run time of a query, ms (already scaled). */
  latencyFor: (family: string) => number;
  now: () => number;
}

/** What to answer and how long the query "ran" first; 'hold' never answers (timeout fault). */
export type HuntingReply = { answer: HttpAnswer; runMs: number } | 'hold';

/**
 * POST /v1.0/security/runHuntingQuery as Graph documents it: `{"Query": …}` in, camelCase
 * `huntingQueryResults` out (`schema` of `{name,type}`, `results` keyed by KQL column). In a real
 * gateway's order: count, rate limit (429 + Retry-After), ThreatHunting.Read.All, the CPU quota
 * (429 naming it, Retry-After to the end of the cycle), injected faults, the query, and the
 * 3-minute timeout for a query that would run longer (504).
 */
export function createRunHuntingQuery(deps: RunHuntingQueryDeps) {
  let cycleStart = -Infinity;
  let cycleQueries = 0;

  return async function run(req: IncomingMessage, grant: IssuedToken, clientRequestId?: string): Promise<HuntingReply> {
    const fail = (status: number, code: string, message: string, headers?: Record<string, string>): HuntingReply => ({ answer: graphError(status, code, message, clientRequestId, headers), runMs: 0 });
    deps.stats.apiCall();
    deps.stats.familyCall(GRAPH_HUNTING_FAMILY);
    if ((req.method ?? 'GET').toUpperCase() !== 'POST') return fail(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');

    const admission = deps.limiters.admit(GRAPH_HUNTING_FAMILY);
    if (!admission.ok) {
      deps.stats.throttled();
      const seconds = retryAfterSeconds(admission.retryAfterMs);
      return fail(429, 'TooManyRequests', `Too many requests. Retry after ${seconds} seconds.`, { 'retry-after': String(seconds) });
    }
    if (!grant.roles.includes('ThreatHunting.Read.All')) {
      return fail(403, 'Forbidden', 'Missing application roles. API required roles: ThreatHunting.Read.All.');
    }
    const cycleMs = QUOTA_CYCLE_MS * deps.timeScale;
    const t = deps.now();
    if (t - cycleStart >= cycleMs) {
      cycleStart = t;
      cycleQueries = 0;
    }
    if (deps.queriesPerQuotaCycle !== undefined && cycleQueries >= deps.queriesPerQuotaCycle) {
      const seconds = retryAfterSeconds(cycleStart + cycleMs - t);
      return fail(429, 'TooManyRequests', 'The advanced hunting CPU quota for this 15-minute cycle is used up.', { 'retry-after': String(seconds) });
    }
    cycleQueries += 1;

    const fault = deps.faults.take(GRAPH_HUNTING_FAMILY, req.method);
    if (fault?.type === 'timeout') return 'hold';
    if (fault?.type === 'status') return { answer: injectedGraphFault(fault, clientRequestId), runMs: 0 };

    let json: unknown;
    try {
      json = JSON.parse(await readBody(req, BODY_LIMIT_BYTES));
    } catch {
      return fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const query = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).Query : undefined;
    if (typeof query !== 'string' || query.trim() === '') return fail(400, 'BadRequest', "The 'Query' parameter is required.");
    const outcome = runHuntingQuery(deps.catalogue, query);
    if (!outcome.ok) return fail(400, 'BadRequest', outcome.message);

    const runMs = deps.latencyFor(GRAPH_HUNTING_FAMILY) + (fault?.type === 'latency' ? fault.ms : 0);
    const timeoutMs = QUERY_TIMEOUT_MS * deps.timeScale;
    if (runMs > timeoutMs) return { answer: graphError(504, 'GatewayTimeout', 'The query exceeded the 3-minute timeout.', clientRequestId), runMs: timeoutMs };

    const { schema, rows } = outcome.answer;
    const answer: HttpAnswer = {
      status: 200,
      headers: { 'request-id': randomUUID(), ...(clientRequestId ? { 'client-request-id': clientRequestId } : {}) },
      body: {
        '@odata.context': `http://${req.headers.host ?? 'localhost'}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`,
        schema: schema.map((c) => ({ name: c.Name, type: c.Type })),
        results: rows.slice(0, MAX_RESULT_ROWS),
      },
    };
    return { answer: fault?.type === 'malformed' ? truncateBody(answer) : answer, runMs };
  };
}
