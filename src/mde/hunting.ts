import { z } from 'zod';
import type { FileProfileResult } from './client';
import { invalidHash, isFileId } from './hash-ids';
import { mapFileProfileRow, type ProfileRowOutcome } from './file-profile-row';
import { buildFileProfileQueries, type ProfileQuery } from './hunting-query';
import type { MdeRequest } from './request';

export const HUNTING_PERMISSIONS = ['AdvancedQuery.Read.All'] as const;

/** `{Schema:[{Name,Type}], Results:[{…}]}`; other properties may appear. Rows that are not objects are skipped. */
const huntingResponseSchema = z
  .object({
    Schema: z.array(z.object({ Name: z.string(), Type: z.string().nullish() }).passthrough()).nullish(),
    Results: z.array(z.unknown()),
  })
  .passthrough()
  .transform((body) => body.Results.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null && !Array.isArray(row)));

/**
 * Profiles hashes with advanced hunting: one POST /api/advancedqueries/run per ≤1,000 hashes of a
 * kind, paced by the hunting limiter like any other call. A read query is safe to repeat, so it is
 * retried on 5xx like a GET. One result per input hash, in input order (duplicates repeated).
 *
 * The reading of rows is deliberately cautious, because FileProfile over a datatable is not
 * confirmed on the MDE endpoint (reference §5): `Missing` means MDE has no profile (file null);
 * `Error`, an empty availability, or no row at all for a hash we asked about is "hunting could not
 * say" (`unavailable: true`), so the caller asks the Files API for that hash instead of reporting
 * a file MDE may well know as not found.
 */
export async function getFileProfiles(request: MdeRequest, hashes: readonly string[], options: { signal?: AbortSignal } = {}): Promise<FileProfileResult[]> {
  const wanted = hashes.map((h) => h.toLowerCase());
  if (wanted.some((h) => !isFileId(h))) throw invalidHash('hunting.run', HUNTING_PERMISSIONS);
  if (wanted.length === 0) return [];

  const outcomes = new Map<string, ProfileRowOutcome>();
  const answers = await Promise.all(buildFileProfileQueries(wanted).map(async (q) => ({ q, rows: await runQuery(request, q, options.signal) })));
  for (const { q, rows } of answers) collect(q, rows, outcomes);

  return wanted.map((hash): FileProfileResult => {
    const outcome = outcomes.get(hash);
    if (outcome?.availability === 'available') return { hash, file: outcome.file };
    if (outcome?.availability === 'missing') return { hash, file: null };
    return { hash, file: null, unavailable: true };
  });
}

function runQuery(request: MdeRequest, q: ProfileQuery, signal?: AbortSignal) {
  return request({
    operation: 'hunting.run',
    method: 'POST',
    path: '/api/advancedqueries/run',
    permissions: HUNTING_PERMISSIONS,
    idempotent: true,
    // `Query`, case-sensitive; the pipeline serialises with JSON.stringify (one line).
    body: { Query: q.query },
    schema: huntingResponseSchema,
    signal,
  });
}

/** Files each row under the hash it answers; when a hash has several rows, an available one wins. */
function collect(q: ProfileQuery, rows: readonly Record<string, unknown>[], into: Map<string, ProfileRowOutcome>): void {
  const asked = new Set(q.hashes);
  for (const row of rows) {
    const id = [row[q.idColumn], row.SHA1, row.SHA256].find((v): v is string => typeof v === 'string' && asked.has(v.toLowerCase()));
    if (id === undefined) continue;
    const key = id.toLowerCase();
    const outcome = mapFileProfileRow(row);
    const previous = into.get(key);
    if (!previous || rank(outcome) > rank(previous)) into.set(key, outcome);
  }
}

const rank = (o: ProfileRowOutcome): number => (o.availability === 'available' ? 2 : o.availability === 'missing' ? 1 : 0);
