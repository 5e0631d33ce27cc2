import { deviceKeyOf, KeyCollector, type DeviceKey } from './device-keys';
import { MAX_INPUT_CHARS } from './limits';

export interface ParsedDeviceList {
  /** Distinct ids and names, in the order given. */
  keys: DeviceKey[];
  /** Entries given more than once (each repeat once), as typed. */
  duplicates: string[];
  /** Entries that are neither a 40-hex id nor a computer name, as typed (clipped). */
  invalid: string[];
}

export type DeviceListOutcome = { ok: true; list: ParsedDeviceList } | { ok: false; reason: 'empty' | 'too-long'; chars?: number };

/**
 * A pasted list of computer DNS names and/or 40-hex device ids, separated by commas, semicolons,
 * spaces or new lines. Duplicates (any case) are dropped and reported; anything that is neither
 * an id nor a name is listed as invalid, never guessed at. Nothing here indexes an object with
 * an entry, so `constructor` or `__proto__` is just a (valid) computer name.
 */
export function parseDeviceList(text: string): DeviceListOutcome {
  if (text.length > MAX_INPUT_CHARS) return { ok: false, reason: 'too-long', chars: text.length };
  const entries = text.replace(/^\uFEFF/, '').split(/[\s,;]+/).filter((e) => e !== '');
  if (entries.length === 0) return { ok: false, reason: 'empty' };
  const collector = new KeyCollector();
  const invalid: string[] = [];
  for (const entry of entries) {
    const key = deviceKeyOf(entry);
    if (key) collector.add(key, entry);
    else invalid.push(entry.slice(0, 80));
  }
  return { ok: true, list: { keys: collector.keys, duplicates: collector.duplicates, invalid } };
}
