import { z } from 'zod';
import type { MdeRequest } from './request';

/** Which advanced hunting API runs Verdict's queries (HUNTING_API). */
export type HuntingApi = 'graph' | 'mde' | 'auto';

export type HuntingRow = Record<string, unknown>;

/** Runs one KQL query and returns its rows; throws MdeError. Rows that are not objects are dropped. */
export type HuntingRunner = (query: string, signal?: AbortSignal) => Promise<HuntingRow[]>;

/** MDE's own endpoint, retired on 2027-01-31 (reference §5b). */
export const MDE_HUNTING_PERMISSIONS = ['AdvancedQuery.Read.All'] as const;
/** Microsoft Graph's runHuntingQuery: an application permission on Microsoft Graph, not WindowsDefenderATP. */
export const GRAPH_HUNTING_PERMISSIONS = ['ThreatHunting.Read.All'] as const;

/** Graph stops a query after 3 minutes; we wait a little longer so that its own answer arrives first. */
export const GRAPH_HUNTING_TIMEOUT_MS = 3 * 60_000 + 10_000;
/**
 * Graph measures hunting's CPU quota in 15-minute cycles: a 429 whose message names a quota and
 * carries no Retry-After waits one out. The exact wording of that answer is UNCONFIRMED (reference
 * §5b gives none), so any 429 message containing "quota" counts; a Retry-After always wins.
 */
export const GRAPH_HUNTING_QUOTA_CYCLE_MS = 15 * 60_000;

const objectRows = (rows: readonly unknown[]): HuntingRow[] =>
  rows.filter((row): row is HuntingRow => typeof row === 'object' && row !== null && !Array.isArray(row));

/** MDE: `{Schema:[{Name,Type}], Results:[{…}]}`; other properties may appear. */
const mdeAnswer = z
  .object({
    Schema: z.array(z.object({ Name: z.string(), Type: z.string().nullish() }).passthrough()).nullish(),
    Results: z.array(z.unknown()),
  })
  .passthrough()
  .transform((body) => objectRows(body.Results));

/** Graph's huntingQueryResults: camelCase `{schema:[{name,type}], results:[{…}]}`; row keys stay the KQL column names. */
const graphAnswer = z
  .object({
    schema: z.array(z.object({ name: z.string(), type: z.string().nullish() }).passthrough()).nullish(),
    results: z.array(z.unknown()),
  })
  .passthrough()
  .transform((body) => objectRows(body.results));

/** POST /api/advancedqueries/run. A read query is safe to repeat, so it is retried like a GET. */
export function mdeHuntingRunner(request: MdeRequest): HuntingRunner {
  return (query, signal) =>
    request({
      operation: 'hunting.run',
      method: 'POST',
      path: '/api/advancedqueries/run',
      permissions: MDE_HUNTING_PERMISSIONS,
      idempotent: true,
      // `Query`, case-sensitive; the pipeline serialises with JSON.stringify (one line).
      body: { Query: query },
      schema: mdeAnswer,
      signal,
    });
}

/**
 * POST {graph}/v1.0/security/runHuntingQuery, through a pipeline whose base URL is Graph's and
 * whose tokens are for Graph. Its own limiter family (`graph-hunting`); a quota 429 pauses that
 * family for the rest of the cycle; a query that times out is not sent again.
 */
export function graphHuntingRunner(request: MdeRequest, options: { timeoutMs?: number } = {}): HuntingRunner {
  return (query, signal) =>
    request({
      operation: 'hunting.graph',
      method: 'POST',
      path: '/v1.0/security/runHuntingQuery',
      permissions: GRAPH_HUNTING_PERMISSIONS,
      idempotent: true,
      body: { Query: query },
      schema: graphAnswer,
      signal,
      timeoutMs: options.timeoutMs ?? GRAPH_HUNTING_TIMEOUT_MS,
      retryTimeouts: false,
      quotaRetryAfterMs: GRAPH_HUNTING_QUOTA_CYCLE_MS,
    });
}
