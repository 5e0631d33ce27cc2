import type { IndicatorEntity } from '../demo-indicators';
import { checkIndicatorBody } from './indicator-body';
import { MAX_ACTIVE_INDICATORS, type IndicatorStore } from './indicator-store';
import { mdeError } from './mde-errors';
import { ODATA_HEADERS, odataCollection } from './odata';
import { isAnswer, matches, parseFilter, parsePaging } from './odata-filter';
import type { ApiRoute, RouteRequest } from './route';

export const INDICATORS_FAMILY = 'indicators';
export const INDICATORS_IMPORT_FAMILY = 'indicators-import';
export const INDICATORS_BATCH_DELETE_FAMILY = 'indicators-batch-delete';

const ROLES = ['Ti.ReadWrite.All', 'Ti.ReadWrite'];
const FILTER_FIELDS = ['indicatorValue', 'indicatorType', 'action', 'createdBy', 'severity', 'title', 'generateAlert', 'application', 'expirationTime', 'creationTimeDateTimeUtc'];
const MAX_IMPORT = 500;
const MAX_BATCH_DELETE = 500;

const capMessage = `The tenant has reached the maximum of ${MAX_ACTIVE_INDICATORS} active indicators; delete or let some expire first`;

/** With Ti.ReadWrite.All an app sees every indicator; with only Ti.ReadWrite, the ones it created (reference §3b). */
function visibleTo(req: RouteRequest): (i: IndicatorEntity) => boolean {
  const caller = req.caller;
  if (!caller || caller.roles.includes('Ti.ReadWrite.All')) return () => true;
  return (i) => i.createdBy === caller.clientId;
}

const creatorOf = (req: RouteRequest) => ({ clientId: req.caller?.clientId ?? 'unknown-app' });

/** The POST answer spells the creator `source`, as the docs' example does (GET says `createdBySource`). */
function postAnswerOf(baseUrl: string, indicator: IndicatorEntity) {
  const { createdBySource, ...rest } = indicator;
  return { status: 200, headers: { ...ODATA_HEADERS }, body: { '@odata.context': `${baseUrl}/api/$metadata#Indicators/$entity`, ...rest, source: createdBySource } };
}

/**
 * The `indicators` family (100/min) and `indicators-import` (30/min), over one sandbox's store.
 * - GET /indicators: `$filter` (eq/ne/gt/… joined with `and`) on the documented fields, `$top`
 *   (≤10,000) and `$skip`. Only Ti.ReadWrite: the app's own indicators only.
 * - POST /indicators: upsert on value + type → 200 with the Indicator; 400 as indicator-body.ts
 *   decides; a new one past 15,000 active → 400 BadRequest saying the cap was reached (MDE's code
 *   for this is not documented).
 * - POST /indicators/import `{ Indicators: [...] }`: ≤500 (else 400 MaximumBatchSizeExceeded);
 *   200 with one `{ id, indicator, isFailed, failureReason }` per item.
 * - DELETE /indicators/{id}: 204, or 404 (also for one the app cannot see).
 * - POST /indicators/BatchDelete `{ IndicatorIds: [...] }` (§4b, its own 30/min family): 1–500 ids,
 *   else 400; Ti.ReadWrite.All only; 204. What MDE answers when some ids do not exist is not
 *   documented: the sandbox deletes the ones that do and still answers 204 (clients read back).
 */
export function createIndicatorsRoutes(store: IndicatorStore): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: /^\/indicators$/i,
      family: INDICATORS_FAMILY,
      roles: ROLES,
      handle(req) {
        const clauses = parseFilter(req.query.get('$filter'), FILTER_FIELDS);
        if (isAnswer(clauses)) return clauses;
        const paging = parsePaging(req.query);
        if (isAnswer(paging)) return paging;
        const visible = visibleTo(req);
        const found = store.all().filter((i) => visible(i) && clauses.every((c) => matches(i[c.field as keyof IndicatorEntity], c)));
        return odataCollection(req.baseUrl, 'Indicators', found.slice(paging.skip, paging.skip + paging.top));
      },
    },
    {
      method: 'POST',
      path: /^\/indicators$/i,
      family: INDICATORS_FAMILY,
      roles: ROLES,
      handle(req) {
        const checked = checkIndicatorBody(req.body);
        if (!checked.ok) return mdeError(400, checked.code, checked.message);
        const result = store.upsert(checked.fields, creatorOf(req));
        if (!result.ok) return mdeError(400, 'BadRequest', capMessage);
        return postAnswerOf(req.baseUrl, result.indicator);
      },
    },
    {
      method: 'POST',
      path: /^\/indicators\/import$/i,
      family: INDICATORS_IMPORT_FAMILY,
      roles: ROLES,
      handle(req) {
        const list = (req.body as { Indicators?: unknown } | undefined)?.Indicators;
        if (!Array.isArray(list)) return mdeError(400, 'InvalidRequestBody', "The body must be { \"Indicators\": [ … ] }");
        if (list.length > MAX_IMPORT) return mdeError(400, 'MaximumBatchSizeExceeded', `At most ${MAX_IMPORT} indicators per import call; got ${list.length}`);
        const value = list.map((item) => {
          const checked = checkIndicatorBody(item);
          const indicator = typeof (item as { indicatorValue?: unknown })?.indicatorValue === 'string' ? (item as { indicatorValue: string }).indicatorValue : null;
          // The failure reason's wording is not documented; it leads with MDE's error code (InvalidUrl…).
          if (!checked.ok) return { id: null, indicator, isFailed: true, failureReason: `${checked.code}: ${checked.message}` };
          const result = store.upsert(checked.fields, creatorOf(req));
          return result.ok ? { id: result.indicator.id, indicator, isFailed: false, failureReason: null } : { id: null, indicator, isFailed: true, failureReason: `BadRequest: ${capMessage}` };
        });
        return odataCollection(req.baseUrl, 'Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)', value);
      },
    },
    {
      method: 'POST',
      path: /^\/indicators\/BatchDelete$/i,
      family: INDICATORS_BATCH_DELETE_FAMILY,
      roles: ['Ti.ReadWrite.All'],
      handle(req) {
        const ids = (req.body as { IndicatorIds?: unknown } | undefined)?.IndicatorIds;
        if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
          return mdeError(400, 'InvalidRequestBody', 'The body must be { "IndicatorIds": [ "<id>", … ] } with at least one id');
        }
        if (ids.length > MAX_BATCH_DELETE) return mdeError(400, 'MaximumBatchSizeExceeded', `At most ${MAX_BATCH_DELETE} ids per BatchDelete call; got ${ids.length}`);
        for (const id of ids) store.remove(String(id));
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: /^\/indicators\/([^/]+)$/i,
      family: INDICATORS_FAMILY,
      roles: ROLES,
      handle(req) {
        const id = req.params[0] ?? '';
        const target = store.get(id);
        if (!target || !visibleTo(req)(target) || !store.remove(id)) return mdeError(404, 'NotFound', `Indicator ${id.slice(0, 40)} was not found`);
        return { status: 204 };
      },
    },
  ];
}
