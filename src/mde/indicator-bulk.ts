import { z } from 'zod';
import { MdeError } from './errors';
import { INDICATOR_PERMISSIONS } from './indicators';
import { mdeIndicatorSchema, type MdeIndicator } from './indicator';
import { odataList } from './odata-list';
import { allPages, listQueryString, MAX_PAGE_SIZE } from './odata-query';
import type { MdeRequest } from './request';

/**
 * Indicators in bulk (reference §3b, §3c, §3d, §4b): the whole list, import of up to 500 a call,
 * delete one, and BatchDelete of up to 500 ids a call. Each goes through the shared request
 * pipeline, paced in its own family (import and BatchDelete 30/min, the rest 100/min).
 */

/** MDE's per-call maximum for import and BatchDelete. */
export const MAX_INDICATORS_PER_CALL = 500;
/** Pages the full list may read: 3 × 10,000 covers the 15,000 active cap and expired ones besides. */
const MAX_LIST_PAGES = 3;

type Options = { signal?: AbortSignal };

/** One item of an import: the fields of POST /api/indicators, by MDE's exact (case-sensitive) names. */
export interface IndicatorImportItem {
  indicatorValue: string;
  indicatorType: string;
  action: string;
  title: string;
  description: string;
  severity?: string;
  expirationTime?: string;
  generateAlert?: boolean;
  rbacGroupNames?: string[];
  recommendedActions?: string;
}

const importResultSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v))),
    indicator: z.string().nullish().transform((v) => v ?? null),
    isFailed: z.boolean(),
    failureReason: z.string().nullish().transform((v) => v ?? null),
  })
  .passthrough();

export type IndicatorImportResult = z.infer<typeof importResultSchema>;

const refuse = (operation: string, code: string) => new MdeError({ kind: 'bad-request', operation, code, permissions: INDICATOR_PERMISSIONS });

/**
 * POST /api/indicators/import: one result per item (`isFailed`, `failureReason`). More than 500
 * items is refused before anything is sent (MDE would answer MaximumBatchSizeExceeded). A write:
 * a 5xx or a timeout is not repeated (MDE may have taken part of it; the caller reads back).
 */
export async function importIndicators(request: MdeRequest, items: readonly IndicatorImportItem[], options: Options = {}): Promise<IndicatorImportResult[]> {
  const operation = 'indicators.import';
  if (items.length > MAX_INDICATORS_PER_CALL) throw refuse(operation, 'MaximumBatchSizeExceeded');
  if (items.length === 0) return [];
  const Indicators = items.map((item) => {
    const body: Record<string, unknown> = { ...item };
    if (!item.rbacGroupNames?.length) delete body.rbacGroupNames;
    return body;
  });
  return request({
    operation,
    method: 'POST',
    path: '/api/indicators/import',
    permissions: INDICATOR_PERMISSIONS,
    idempotent: false,
    body: { Indicators },
    schema: odataList(importResultSchema),
    signal: options.signal,
  });
}

/** Every indicator the app can see (with Ti.ReadWrite.All: the tenant's), in pages of 10,000. */
export async function listAllIndicators(request: MdeRequest, options: Options = {}): Promise<MdeIndicator[]> {
  return allPages(
    (top, skip) =>
      request({
        operation: 'indicators.list',
        method: 'GET',
        path: `/api/indicators${listQueryString({ top, skip })}`,
        permissions: INDICATOR_PERMISSIONS,
        idempotent: true,
        schema: odataList(mdeIndicatorSchema),
        signal: options.signal,
      }),
    MAX_PAGE_SIZE,
    MAX_LIST_PAGES,
  );
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** DELETE /api/indicators/{id}: true on 204, false on 404 (already gone). An id MDE could not have issued is refused unsent. */
export async function deleteIndicator(request: MdeRequest, id: string, options: Options = {}): Promise<boolean> {
  const operation = 'indicators.delete';
  if (!ID.test(id)) throw refuse(operation, 'InvalidInput');
  try {
    await request({ operation, method: 'DELETE', path: `/api/indicators/${encodeURIComponent(id)}`, permissions: INDICATOR_PERMISSIONS, idempotent: true, schema: z.unknown(), signal: options.signal });
    return true;
  } catch (err) {
    if (err instanceof MdeError && err.kind === 'not-found') return false;
    throw err;
  }
}

/**
 * POST /api/indicators/BatchDelete `{ IndicatorIds }` (§4b): 1–500 ids, 204. Deleting is the same
 * however often it is asked, so a lost answer may be retried. What MDE answers when some ids no
 * longer exist is not documented: callers read the list back to see what is gone.
 */
export async function batchDeleteIndicators(request: MdeRequest, ids: readonly string[], options: Options = {}): Promise<void> {
  const operation = 'indicators.batchDelete';
  if (ids.length > MAX_INDICATORS_PER_CALL) throw refuse(operation, 'MaximumBatchSizeExceeded');
  if (!ids.every((id) => ID.test(id))) throw refuse(operation, 'InvalidInput');
  if (ids.length === 0) return;
  await request({
    operation,
    method: 'POST',
    path: '/api/indicators/BatchDelete',
    permissions: ['Ti.ReadWrite.All'],
    idempotent: true,
    body: { IndicatorIds: [...ids] },
    schema: z.unknown(),
    signal: options.signal,
  });
}
