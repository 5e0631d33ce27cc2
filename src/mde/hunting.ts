import type { FileProfileResult } from './client';
import { invalidHash, isFileId } from './hash-ids';
import { mapFileProfileRow, type ProfileRowOutcome } from './file-profile-row';
import { buildFileProfileQueries, type ProfileQuery } from './hunting-query';
import { MDE_HUNTING_PERMISSIONS, type HuntingRunner } from './hunting-transport';

/**
 * Profiles hashes with advanced hunting: one query per ≤1,000 hashes of a kind, run by whichever
 * hunting API the runner picks (Graph's runHuntingQuery by default), paced by that API's limiter
 * family. One result per input hash, in input order (duplicates repeated).
 *
 * The reading of rows is deliberately cautious, because FileProfile over a datatable is not
 * confirmed on the MDE endpoint (reference §5): `Missing` means MDE has no profile (file null);
 * `Error`, an empty availability, or no row at all for a hash we asked about is "hunting could not
 * say" (`unavailable: true`), so the caller asks the Files API for that hash instead of reporting
 * a file MDE may well know as not found.
 */
export async function getFileProfiles(run: HuntingRunner, hashes: readonly string[], options: { signal?: AbortSignal } = {}): Promise<FileProfileResult[]> {
  const wanted = hashes.map((h) => h.toLowerCase());
  if (wanted.some((h) => !isFileId(h))) throw invalidHash('hunting.run', MDE_HUNTING_PERMISSIONS);
  if (wanted.length === 0) return [];

  const outcomes = new Map<string, ProfileRowOutcome>();
  const answers = await Promise.all(buildFileProfileQueries(wanted).map(async (q) => ({ q, rows: await run(q.query, options.signal) })));
  for (const { q, rows } of answers) collect(q, rows, outcomes);

  return wanted.map((hash): FileProfileResult => {
    const outcome = outcomes.get(hash);
    if (outcome?.availability === 'available') return { hash, file: outcome.file };
    if (outcome?.availability === 'missing') return { hash, file: null };
    return { hash, file: null, unavailable: true };
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
