/**
 * Building OData query strings for MDE list endpoints. Values are validated by the callers before
 * they get here (hex hashes, 40-hex device ids, known enum words); quoting still doubles any `'`
 * so a value can never end its literal early, and the whole filter is URL-encoded.
 */

/** An OData string literal: `'value'`, with `'` doubled. */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** `field eq 'value'`. */
export const eq = (field: string, value: string): string => `${field} eq ${odataString(value)}`;

/** The documented page-size maximum of MDE's list endpoints (indicators, machine actions). */
export const MAX_PAGE_SIZE = 10_000;

export interface ListQuery {
  /** Clauses joined with ` and `; none: no `$filter`. */
  filters?: readonly string[];
  top?: number;
  skip?: number;
}

/** `?$filter=…&$top=…&$skip=…` (empty string when there is nothing to ask). */
export function listQueryString(query: ListQuery): string {
  const parts: string[] = [];
  const filters = query.filters ?? [];
  if (filters.length > 0) parts.push(`$filter=${encodeURIComponent(filters.join(' and '))}`);
  if (query.top !== undefined) parts.push(`$top=${query.top}`);
  if (query.skip !== undefined && query.skip > 0) parts.push(`$skip=${query.skip}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export const isPageSize = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE;

/**
 * Every item of a `$top`/`$skip`-paged list: asks for pages of `pageSize` until one comes back
 * short. `maxPages` bounds the cost (and a server that ignores `$skip` cannot loop us forever).
 */
export async function allPages<T>(fetchPage: (top: number, skip: number) => Promise<T[]>, pageSize: number, maxPages: number): Promise<T[]> {
  const items: T[] = [];
  for (let page = 0; page < maxPages; page++) {
    const got = await fetchPage(pageSize, page * pageSize);
    items.push(...got);
    if (got.length < pageSize) break;
  }
  return items;
}
