import type { MdeCatalogue } from './catalogue';
import { runHuntingQuery } from './hunting-engine';
import { mdeError } from './mde-errors';
import type { ApiRoute } from './route';

export const HUNTING_FAMILY = 'hunting';

/** What the retired endpoint answers: the route is gone (MC1220762), and the answer says where to go. */
export const retiredHuntingAnswer = () =>
  mdeError(404, 'NotFound', 'The advanced hunting API was retired on 2027-01-31 (MC1220762). Use Microsoft Graph: POST /v1.0/security/runHuntingQuery (ThreatHunting.Read.All).');

/**
 * POST /api/advancedqueries/run (reference §5): body `{"Query": "<KQL>"}` (key case-sensitive),
 * answer `{Stats, Schema, Results}`, rows from the shared hunting engine. `retired`: the endpoint
 * answers 404 to everyone, as it will once MDE's retirement completes (reference §5b).
 */
export function createHuntingRoutes(catalogue: MdeCatalogue, options: { retired?: boolean } = {}): ApiRoute[] {
  const run: ApiRoute = {
    method: 'POST',
    path: /^\/advancedqueries\/run$/i,
    family: HUNTING_FAMILY,
    roles: ['AdvancedQuery.Read.All'],
    retired: options.retired ? retiredHuntingAnswer : undefined,
    handle({ body }) {
      const query = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).Query : undefined;
      if (typeof query !== 'string' || query.trim() === '') {
        return mdeError(400, 'InvalidRequestBody', 'Missing query: the body must be {"Query": "<KQL>"} (the key is case-sensitive)');
      }
      const outcome = runHuntingQuery(catalogue, query);
      if (!outcome.ok) return mdeError(400, 'BadRequest', outcome.message);
      const { schema, rows } = outcome.answer;
      return { status: 200, body: { Stats: { ExecutionTime: 0.05, dataset_statistics: [{ table_row_count: rows.length }] }, Schema: schema, Results: rows } };
    },
  };
  return [run];
}
