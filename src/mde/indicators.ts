import type { IndicatorSubmission } from './containment-ports';
import { MdeError } from './errors';
import { invalidHash, SHA1_HEX, SHA256_HEX } from './hash-ids';
import { mdeIndicatorSchema, type MdeIndicator } from './indicator';
import { odataList } from './odata-list';
import { allPages, eq, isPageSize, listQueryString, MAX_PAGE_SIZE } from './odata-query';
import type { MdeRequest } from './request';

/**
 * Indicators need `Ti.ReadWrite.All`. `Ti.ReadWrite` also lets the app call these endpoints, but
 * MDE then shows it only the indicators it created itself (reference §3b): portal-made blocks
 * would look absent and the active count would be too low. So `.All` is what errors name.
 */
export const INDICATOR_PERMISSIONS = ['Ti.ReadWrite.All'] as const;

/** File-hash values the lookups put in a `$filter`: MD5, SHA-1 or SHA-256, lower-case hex only. */
const HASH_VALUE = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Pages `countActiveIndicators` may read: 3 × 10,000 covers the 15,000 cap with room. */
const MAX_COUNT_PAGES = 3;
/** Pages a lookup by value may read (one indicator per value and type: one short page in practice). */
const MAX_VALUE_PAGES = 2;

type Options = { signal?: AbortSignal };

/** The hash, lower-cased, or an InvalidHashValue refusal before anything is sent. */
export function hashFilterValue(value: string, operation: string): string {
  const v = value.trim().toLowerCase();
  if (!HASH_VALUE.test(v)) throw invalidHash(operation, INDICATOR_PERMISSIONS);
  return v;
}

export interface ListIndicatorsQuery {
  /** A file hash (hex only; re-checked here before it enters the `$filter`). */
  indicatorValue?: string;
  indicatorType?: 'FileSha256' | 'FileSha1' | 'FileMd5';
  /** 1–10,000 (MDE's maximum). */
  top?: number;
  skip?: number;
}

/** One page of GET /api/indicators (`$filter` on value/type, `$top`, `$skip`). */
export async function listIndicators(request: MdeRequest, query: ListIndicatorsQuery, options: Options = {}): Promise<MdeIndicator[]> {
  const operation = 'indicators.list';
  const filters: string[] = [];
  if (query.indicatorValue !== undefined) filters.push(eq('indicatorValue', hashFilterValue(query.indicatorValue, operation)));
  if (query.indicatorType !== undefined) filters.push(eq('indicatorType', query.indicatorType));
  if ((query.top !== undefined && !isPageSize(query.top)) || (query.skip !== undefined && !(Number.isInteger(query.skip) && query.skip >= 0))) {
    throw new MdeError({ kind: 'bad-request', operation, code: 'InvalidInput', permissions: INDICATOR_PERMISSIONS });
  }
  return request({
    operation,
    method: 'GET',
    path: `/api/indicators${listQueryString({ filters, top: query.top, skip: query.skip })}`,
    permissions: INDICATOR_PERMISSIONS,
    idempotent: true,
    schema: odataList(mdeIndicatorSchema),
    signal: options.signal,
  });
}

/**
 * Every indicator on exactly this hash value (any type and action), paging if need be. MDE's `eq`
 * on indicatorValue may be case-sensitive (UNCONFIRMED): the value is asked lower-case, as Verdict
 * submits it; an indicator someone typed in upper case in the portal could be missed.
 */
export async function listIndicatorsByValue(request: MdeRequest, value: string, options: Options = {}): Promise<MdeIndicator[]> {
  const indicatorValue = hashFilterValue(value, 'indicators.list');
  return allPages((top, skip) => listIndicators(request, { indicatorValue, top, skip }, options), MAX_PAGE_SIZE, MAX_VALUE_PAGES);
}

/** Not expired at `now`: no expirationTime, or one in the future (an unparsable one counts as active). */
export function isActiveIndicator(indicator: Pick<MdeIndicator, 'expirationTime'>, now: number): boolean {
  if (!indicator.expirationTime) return true;
  const at = Date.parse(indicator.expirationTime);
  return Number.isNaN(at) || at > now;
}

/**
 * Active (unexpired) indicators the app can see, for the 15,000-per-tenant cap. MDE has no count
 * endpoint, so this pages through GET /api/indicators with `$top=10000`: one call per 10,000
 * indicators (1–2 at realistic sizes, at most 3), each answer several MB at the cap. Each call
 * counts against the indicators family's 100/min. Callers should not do this on every keystroke.
 * With only Ti.ReadWrite it counts the app's own indicators, not the tenant's.
 */
export async function countActiveIndicators(request: MdeRequest, options: Options & { now?: () => number } = {}): Promise<number> {
  const all = await allPages((top, skip) => listIndicators(request, { top, skip }, options), MAX_PAGE_SIZE, MAX_COUNT_PAGES);
  const now = (options.now ?? Date.now)();
  return all.filter((i) => isActiveIndicator(i, now)).length;
}

/**
 * The body of POST /api/indicators, with MDE's exact field names and nothing else: the one place
 * it is built, for the call and for what the journal records about it (the block-file kind's
 * `callSummary`). Empty optional fields are left out (an empty group list means all devices to
 * MDE, the same as none).
 */
export function indicatorBody(submission: IndicatorSubmission): IndicatorSubmission {
  const body: IndicatorSubmission = {
    indicatorValue: submission.indicatorValue,
    indicatorType: submission.indicatorType,
    action: submission.action,
    title: submission.title,
    description: submission.description,
    expirationTime: submission.expirationTime,
    severity: submission.severity,
    generateAlert: submission.generateAlert,
  };
  if (submission.rbacGroupNames && submission.rbacGroupNames.length > 0) body.rbacGroupNames = [...submission.rbacGroupNames];
  if (submission.recommendedActions) body.recommendedActions = submission.recommendedActions;
  return body;
}

/**
 * POST /api/indicators ("submit or update": MDE keeps one indicator per value and type), the body
 * from `indicatorBody`, `rbacGroupNames` as an array. 200 with the Indicator. A write: never
 * retried on 5xx or timeouts (a 429 is refused before MDE acts, so that one may be). The hash is
 * checked against its type before sending.
 */
export async function submitIndicator(request: MdeRequest, submission: IndicatorSubmission, options: Options = {}): Promise<MdeIndicator> {
  const operation = 'indicators.submit';
  const value = submission.indicatorValue.trim().toLowerCase();
  const shape = submission.indicatorType === 'FileSha256' ? SHA256_HEX : SHA1_HEX;
  if (!shape.test(value)) throw invalidHash(operation, INDICATOR_PERMISSIONS);
  const body = indicatorBody({ ...submission, indicatorValue: value });
  return request({ operation, method: 'POST', path: '/api/indicators', permissions: INDICATOR_PERMISSIONS, idempotent: false, body, schema: mdeIndicatorSchema, signal: options.signal });
}
