import type { DeviceKey } from './device-keys';
import type { DeviceSetOutcome, DeviceSource } from './device-set';
import { MAX_DEVICE_SET } from './limits';
import { looksLikeDeviceCsv, parseDeviceCsv, type CsvBadRow } from './parse-device-csv';
import { parseDeviceList } from './parse-device-list';
import type { DeviceLookup } from './ports';
import { resolveKeys, withIsolation, type ResolveOptions } from './resolve-devices';

type Parsed = { keys: DeviceKey[]; duplicates: string[]; invalid: string[]; badRows: CsvBadRow[]; source: DeviceSource; kind: 'list' | 'csv' };

function parse(text: string, fileName?: string): Parsed | DeviceSetOutcome {
  if (fileName !== undefined || looksLikeDeviceCsv(text)) {
    const csv = parseDeviceCsv(text);
    if (!csv.ok) {
      if (csv.reason === 'too-long') return { ok: false, reason: 'too-long', chars: csv.chars ?? text.length };
      if (csv.reason === 'no-column') return { ok: false, reason: 'no-column', header: csv.header ?? [] };
      if (csv.reason === 'unclosed-quote') return { ok: false, reason: 'unclosed-quote', line: csv.line ?? 1 };
      return { ok: false, reason: 'empty' };
    }
    const { keys, duplicates, badRows, column } = csv.csv;
    const source: DeviceSource = { kind: 'csv', column, rows: keys.length + duplicates.length + badRows.length, ...(fileName !== undefined ? { fileName: fileName.slice(0, 120) } : {}) };
    return { keys, duplicates, invalid: [], badRows, source, kind: 'csv' };
  }
  const list = parseDeviceList(text);
  if (!list.ok) return list.reason === 'too-long' ? { ok: false, reason: 'too-long', chars: list.chars ?? text.length } : { ok: false, reason: 'empty' };
  const { keys, duplicates, invalid } = list.list;
  return { keys, duplicates, invalid, badRows: [], source: { kind: 'list', entries: keys.length + duplicates.length + invalid.length }, kind: 'list' };
}

export interface DeviceTextOptions extends ResolveOptions {
  /** The sent CSV file's name (then the text is read as a CSV). */
  fileName?: string;
  /** Called once before any lookup, with how many distinct keys will be resolved (e.g. to post a progress message). */
  onStart?: (total: number) => Promise<void>;
}

/**
 * A device set from pasted text: a CSV with a `DeviceId` or `Name` column (when its first line
 * is such a header, or it came as a file), else a list of names and ids. More than 1,000 distinct
 * entries are refused before any lookup, with the count. The keys are resolved by `resolveKeys`
 * (one hunting query for long lists when `hunt` is given).
 */
export async function devicesFromText(lookup: DeviceLookup, text: string, options: DeviceTextOptions = {}): Promise<DeviceSetOutcome> {
  const parsed = parse(text, options.fileName);
  if ('ok' in parsed) return parsed;
  if (parsed.keys.length > MAX_DEVICE_SET) return { ok: false, reason: 'too-many', count: parsed.keys.length, source: parsed.kind };
  if (parsed.keys.length === 0) return { ok: false, reason: 'no-valid-entries', invalid: parsed.invalid, badRows: parsed.badRows };
  await options.onStart?.(parsed.keys.length);
  const resolved = await resolveKeys(lookup, parsed.keys, options);
  const devices = await withIsolation(lookup, resolved.devices);
  return {
    ok: true,
    set: { source: parsed.source, devices, unknown: resolved.unknown, duplicates: [...parsed.duplicates, ...resolved.sameDevice], invalid: parsed.invalid, badRows: parsed.badRows, notes: resolved.notes },
  };
}
