import { isMdeError } from '../mde/errors';
import type { DeviceSetEntry, DeviceSetOutcome } from './device-set';
import { DEVICE_ID, MAX_DEVICE_SET, MAX_QUERY_CHARS } from './limits';
import type { DeviceHunt, DeviceLookup } from './ports';
import { withDetails, withIsolation } from './resolve-devices';

/** What the GUI this replaces appended to a query without DeviceId; Verdict does the same, and says so. */
export const DISTINCT_SUFFIX = '| distinct DeviceName, DeviceId';

export interface PreparedQuery {
  query: string;
  appended: boolean;
}

/** The query to run: as given, or with `| distinct DeviceName, DeviceId` when it never mentions DeviceId. */
export function prepareDeviceQuery(text: string): PreparedQuery {
  const query = text.trim();
  return /\bDeviceId\b/.test(query) ? { query, appended: false } : { query: `${query}\n${DISTINCT_SUFFIX}`, appended: true };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A device set from an advanced hunting query. Only `DeviceId` and `DeviceName` of each row are
 * read (nothing else a query returns is kept or shown); rows without a valid DeviceId are skipped;
 * distinct ids in row order. MDE refusing the query (KQL error) is a value carrying its text, for
 * the card to show escaped. The caller checks the role and journals the query before calling.
 */
export async function devicesFromQuery(hunt: DeviceHunt, lookup: DeviceLookup, text: string): Promise<DeviceSetOutcome> {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_QUERY_CHARS) return { ok: false, reason: 'too-long', chars: text.length };
  const prepared = prepareDeviceQuery(text);
  let rows: Record<string, unknown>[];
  try {
    rows = await hunt(prepared.query);
  } catch (err) {
    if (isMdeError(err) && err.kind === 'bad-request') return { ok: false, reason: 'query-failed', message: (err.mdeMessage ?? '').slice(0, 500), code: err.code };
    throw err;
  }
  if (rows.length === 0) return { ok: false, reason: 'query-empty' };
  if (!rows.some((r) => Object.prototype.hasOwnProperty.call(r, 'DeviceId'))) return { ok: false, reason: 'query-without-device-id', columns: Object.keys(rows[0] ?? {}).slice(0, 10).map((c) => c.slice(0, 40)) };
  const byId = new Map<string, string>();
  for (const row of rows) {
    const id = str(row.DeviceId)?.toLowerCase();
    if (!id || !DEVICE_ID.test(id) || byId.has(id)) continue;
    byId.set(id, str(row.DeviceName)?.slice(0, 255) || id);
  }
  if (byId.size > MAX_DEVICE_SET) return { ok: false, reason: 'too-many', count: byId.size, source: 'query' };
  if (byId.size === 0) return { ok: false, reason: 'query-empty' };
  const entries = await withDetails(lookup, [...byId].map(([id, name]): DeviceSetEntry => ({ id, name })));
  const notes = prepared.appended ? [`The query had no DeviceId, so "${DISTINCT_SUFFIX}" was added to it (as Microsoft's response tool does).`] : [];
  const skipped = rows.length - [...rows].filter((r) => DEVICE_ID.test(str(r.DeviceId) ?? '')).length;
  if (skipped > 0) notes.push(`${skipped} row${skipped === 1 ? '' : 's'} without a valid DeviceId ${skipped === 1 ? 'was' : 'were'} skipped.`);
  return { ok: true, set: { source: { kind: 'query', query: text.trim(), appended: prepared.appended }, devices: await withIsolation(lookup, entries), unknown: [], duplicates: [], invalid: [], badRows: [], notes } };
}
