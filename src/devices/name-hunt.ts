import type { DeviceKey } from './device-keys';
import { DEVICE_ID, MAX_LISTED } from './limits';
import type { DeviceHunt } from './ports';

/**
 * Resolving many pasted names and ids with one advanced hunting query instead of one
 * GET /api/machines/{key} each (MDE paces those at 100/min: 1,000 names would take 10 minutes).
 *
 * The query is Verdict's own, built here from keys `deviceKeyOf` already validated (a 40-hex id
 * or a computer name of letters, digits, `_`, `.` and `-`); every value is still quoted and
 * escaped, and a value that could not be quoted with certainty is left out of the query (its
 * key is then looked up by GET like any key the hunt did not find).
 */

/** Printable ASCII only: a KQL string literal needs nothing but `\` and `"` escaped for these. */
const QUOTABLE = /^[\x20-\x7e]+$/;

/** `value` as a KQL double-quoted string literal, or null when it has a character that is not printable ASCII. */
export function kqlString(value: string): string | null {
  if (!QUOTABLE.test(value)) return null;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const list = (values: readonly string[]) => values.map(kqlString).filter((v): v is string => v !== null);

/**
 * One query over DeviceInfo (the last 30 days): the rows whose DeviceName (any case) or DeviceId
 * is one of the keys, one row per DeviceId (its latest), DeviceId, Timestamp and DeviceName only.
 * Null when no key can be quoted.
 */
export function deviceKeysQuery(keys: readonly DeviceKey[]): string | null {
  const names = list(keys.filter((k) => k.kind === 'name').map((k) => k.value));
  const ids = list(keys.filter((k) => k.kind === 'id' && DEVICE_ID.test(k.value)).map((k) => k.value.toLowerCase()));
  const conditions = [...(names.length > 0 ? [`DeviceName in~ (${names.join(', ')})`] : []), ...(ids.length > 0 ? [`DeviceId in~ (${ids.join(', ')})`] : [])];
  if (conditions.length === 0) return null;
  return ['DeviceInfo', `| where ${conditions.join(' or ')}`, '| summarize arg_max(Timestamp, DeviceName) by DeviceId'].join('\n');
}

/** A device the hunt found for a key: its id, its name in hunting, when hunting last saw it under that name. */
export interface HuntedDevice {
  id: string;
  name: string;
  seen: number;
}

export interface HuntedKeys {
  /** By key value (lower case). */
  found: Map<string, HuntedDevice>;
  /** Plain sentences: names that matched several devices, and which one was used. */
  notes: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Reads the rows: only DeviceId, DeviceName and Timestamp (nothing else is kept); a row without a
 * valid DeviceId is ignored. A name several devices had is resolved to the one hunting saw last,
 * and the notes say so.
 */
export function readHuntedRows(keys: readonly DeviceKey[], rows: readonly Record<string, unknown>[]): HuntedKeys {
  const byId = new Map<string, HuntedDevice>();
  const byName = new Map<string, HuntedDevice[]>();
  for (const row of rows) {
    const id = str(row.DeviceId)?.toLowerCase();
    if (!id || !DEVICE_ID.test(id)) continue;
    const name = str(row.DeviceName)?.slice(0, 255) || id;
    const seen = Date.parse(str(row.Timestamp) ?? '');
    const device = { id, name, seen: Number.isNaN(seen) ? 0 : seen };
    const held = byId.get(id);
    if (held && held.seen >= device.seen) continue;
    byId.set(id, device);
  }
  for (const device of byId.values()) {
    const key = device.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), device]);
  }
  const found = new Map<string, HuntedDevice>();
  const ambiguous: string[] = [];
  for (const key of keys) {
    if (key.kind === 'id') {
      const device = byId.get(key.value.toLowerCase());
      if (device) found.set(key.value, device);
      continue;
    }
    const matches = [...(byName.get(key.value.toLowerCase()) ?? [])].sort((a, b) => b.seen - a.seen);
    const [newest] = matches;
    if (!newest) continue;
    found.set(key.value, newest);
    if (matches.length > 1) ambiguous.push(`${key.value} (${matches.length} devices; used ${newest.id})`);
  }
  const notes =
    ambiguous.length === 0
      ? []
      : [
          `${ambiguous.length === 1 ? 'A name' : `${ambiguous.length} names`} matched more than one device in advanced hunting; Verdict used the device seen most recently: ${ambiguous.slice(0, MAX_LISTED).join(', ')}${ambiguous.length > MAX_LISTED ? ` and ${ambiguous.length - MAX_LISTED} more` : ''}.`,
        ];
  return { found, notes };
}

/** Runs the query for `keys` (nothing to run: nothing found). Throws what the hunt throws. */
export async function huntKeys(hunt: DeviceHunt, keys: readonly DeviceKey[]): Promise<HuntedKeys> {
  const query = deviceKeysQuery(keys);
  if (query === null) return { found: new Map(), notes: [] };
  return readHuntedRows(keys, await hunt(query));
}
