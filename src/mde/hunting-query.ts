/**
 * Builds the advanced-hunting queries that profile a list of hashes with FileProfile():
 *
 *   datatable(SHA1:string)["<sha1>","<sha1>",…] | invoke FileProfile("SHA1", <n>)
 *
 * KQL is code, and these values come from chat messages, so every value is re-checked here, at
 * the last moment before it becomes part of a query: lower-case hex of exactly 40 or 64
 * characters, or the builder throws. Nothing else (quotes, backslashes, newlines, `"]|`) can ever
 * reach the query text. The check is a whitelist, not escaping, so there is nothing to get wrong.
 *
 * SHA-1 and SHA-256 go in separate queries rather than one `union`: each query stays the shape
 * the docs show, the sandbox can parse it strictly, and FileProfile's per-invoke limit (1–1,000)
 * applies plainly. A mixed list costs one extra hunting call, which the 45/min budget absorbs.
 */
export type ProfileIdColumn = 'SHA1' | 'SHA256';

export interface ProfileQuery {
  /** The datatable column and FileProfile's first argument. */
  idColumn: ProfileIdColumn;
  /** The hashes in this query, in order, distinct. */
  hashes: string[];
  /** The KQL text, single line. */
  query: string;
}

/** FileProfile enriches at most 1,000 records per invoke (reference §5). */
export const MAX_HASHES_PER_QUERY = 1_000;

const SHA1 = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The column a value belongs to; throws for anything that is not lower-case SHA-1/SHA-256 hex. */
export function profileColumnOf(value: unknown): ProfileIdColumn {
  if (typeof value === 'string' && SHA1.test(value)) return 'SHA1';
  if (typeof value === 'string' && SHA256.test(value)) return 'SHA256';
  throw new Error('FileProfile query: refusing a value that is not a lower-case SHA-1 or SHA-256');
}

export function fileProfileQuery(idColumn: ProfileIdColumn, hashes: readonly string[]): string {
  if (hashes.length === 0 || hashes.length > MAX_HASHES_PER_QUERY) throw new Error(`FileProfile query: 1–${MAX_HASHES_PER_QUERY} hashes per query, got ${hashes.length}`);
  for (const hash of hashes) {
    if (profileColumnOf(hash) !== idColumn) throw new Error(`FileProfile query: every value must be a ${idColumn}`);
  }
  const values = hashes.map((h) => `"${h}"`).join(',');
  return `datatable(${idColumn}:string)[${values}] | invoke FileProfile("${idColumn}", ${hashes.length})`;
}

/** Distinct hashes split by kind, then into chunks of at most 1,000, one query each. */
export function buildFileProfileQueries(hashes: readonly string[]): ProfileQuery[] {
  const byColumn: Record<ProfileIdColumn, string[]> = { SHA1: [], SHA256: [] };
  const seen = new Set<string>();
  for (const hash of hashes) {
    const column = profileColumnOf(hash);
    if (seen.has(hash)) continue;
    seen.add(hash);
    byColumn[column].push(hash);
  }
  const queries: ProfileQuery[] = [];
  for (const idColumn of ['SHA1', 'SHA256'] as const) {
    const all = byColumn[idColumn];
    for (let i = 0; i < all.length; i += MAX_HASHES_PER_QUERY) {
      const chunk = all.slice(i, i + MAX_HASHES_PER_QUERY);
      queries.push({ idColumn, hashes: chunk, query: fileProfileQuery(idColumn, chunk) });
    }
  }
  return queries;
}
