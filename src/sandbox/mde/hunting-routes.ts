import type { MdeCatalogue } from './catalogue';
import { FILE_PROFILE_SCHEMA, fileProfileRow } from './file-profile-rows';
import { parseProfileQuery } from './hunting-query-parser';
import { mdeError } from './mde-errors';
import type { ApiRoute } from './route';

export const HUNTING_FAMILY = 'hunting';

const ID_LENGTH = { SHA1: 40, SHA256: 64 } as const;

/**
 * POST /api/advancedqueries/run (reference §5): body `{"Query": "<KQL>"}` (key case-sensitive),
 * answer `{Stats, Schema, Results}`. Only the FileProfile lookup Verdict sends is understood (see
 * hunting-query-parser.ts); FileProfile is modelled as documented: `Available` with the profile,
 * `Missing` for a hash MDE does not know, `Error` for the catalogue's unprofilable files, and an
 * empty availability for an invalid id or a row past the record limit.
 */
export function createHuntingRoutes(catalogue: MdeCatalogue): ApiRoute[] {
  const run: ApiRoute = {
    method: 'POST',
    path: /^\/advancedqueries\/run$/i,
    family: HUNTING_FAMILY,
    roles: ['AdvancedQuery.Read.All'],
    handle({ body }) {
      const query = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).Query : undefined;
      if (typeof query !== 'string' || query.trim() === '') {
        return mdeError(400, 'InvalidRequestBody', 'Missing query: the body must be {"Query": "<KQL>"} (the key is case-sensitive)');
      }
      const parsed = parseProfileQuery(query);
      if (!parsed.ok) return mdeError(400, 'BadRequest', parsed.message);
      const { idColumn, values, limit } = parsed.query;
      const results = values.map((value, index) => {
        const valid = value.length === ID_LENGTH[idColumn] && /^[0-9a-f]+$/i.test(value);
        if (!valid || index >= limit) return fileProfileRow(idColumn, value, '');
        const availability = catalogue.profileAvailability(value);
        return fileProfileRow(idColumn, value, availability, availability === 'Available' ? catalogue.file(value) : undefined);
      });
      return { status: 200, body: { Stats: { ExecutionTime: 0.05, dataset_statistics: [{ table_row_count: results.length }] }, Schema: FILE_PROFILE_SCHEMA, Results: results } };
    },
  };
  return [run];
}
