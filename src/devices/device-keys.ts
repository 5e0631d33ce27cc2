import { COMPUTER_NAME, DEVICE_ID } from './limits';

/** What a pasted entry names: a device id (40 hex, lower-cased) or a computer name (lower-cased). */
export type DeviceKey = { kind: 'id'; value: string } | { kind: 'name'; value: string };

/** The entry as a key, or null when it is neither a device id nor a computer name (it is listed, never guessed). */
export function deviceKeyOf(entry: string): DeviceKey | null {
  const v = entry.trim().toLowerCase();
  if (DEVICE_ID.test(v)) return { kind: 'id', value: v };
  if (COMPUTER_NAME.test(v) && !/^\.|\.\.|\.$/.test(v)) return { kind: 'name', value: v };
  return null;
}

/** A set of keys in first-seen order; what was seen again is counted as a duplicate (case-insensitive). */
export class KeyCollector {
  readonly keys: DeviceKey[] = [];
  readonly duplicates: string[] = [];
  private readonly seen = new Set<string>();

  add(key: DeviceKey, shown: string): void {
    const id = `${key.kind}:${key.value}`;
    if (this.seen.has(id)) this.duplicates.push(shown);
    else {
      this.seen.add(id);
      this.keys.push(key);
    }
  }
}
