import type { DeviceKey } from './device-keys';
import type { DeviceSetEntry } from './device-set';
import { isolationStates } from './isolation-state';
import type { DeviceLookup, DeviceMachine } from './ports';

export interface Resolved {
  devices: DeviceSetEntry[];
  unknown: string[];
  /** Entries that named a device already in the set (e.g. its name and its id). */
  sameDevice: string[];
}

/** Lookups started together; the shared limiter paces them under MDE's 100/min, this only bounds memory. */
const BATCH = 25;

export const entryOf = (m: DeviceMachine): DeviceSetEntry => {
  const entry: DeviceSetEntry = { id: m.id.toLowerCase(), name: m.computerDnsName || m.id.toLowerCase() };
  if (m.osPlatform) entry.os = m.osPlatform;
  if (m.healthStatus) entry.health = m.healthStatus;
  if (m.exposureLevel) entry.exposure = m.exposureLevel;
  return entry;
};

/**
 * Looks each id or name up in Defender (GET /api/machines/{id or name}), `BATCH` at a time, in
 * the order given. Unknown ones are listed, never guessed; two entries for one device are one
 * device. An MDE failure (403, throttled past our retries…) throws: a set is whole or not at all.
 */
export async function resolveKeys(lookup: DeviceLookup, keys: readonly DeviceKey[], onProgress?: (done: number, total: number) => void): Promise<Resolved> {
  const devices: DeviceSetEntry[] = [];
  const unknown: string[] = [];
  const sameDevice: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    const found = await Promise.all(chunk.map((k) => (k.kind === 'id' ? lookup.getMachine(k.value) : lookup.getMachineByName(k.value))));
    found.forEach((machine, j) => {
      const key = chunk[j] as DeviceKey;
      if (!machine) unknown.push(key.value);
      else if (seen.has(machine.id.toLowerCase())) sameDevice.push(key.value);
      else {
        seen.add(machine.id.toLowerCase());
        devices.push(entryOf(machine));
      }
    });
    onProgress?.(Math.min(i + BATCH, keys.length), keys.length);
  }
  return { devices, unknown, sameDevice };
}

/** Adds each device's isolation state from two tenant-wide lists (Isolate, Unisolate) rather than one call per device. */
export async function withIsolation(lookup: DeviceLookup, devices: DeviceSetEntry[]): Promise<DeviceSetEntry[]> {
  if (devices.length === 0) return devices;
  const [isolate, unisolate] = await Promise.all([lookup.listActions({ type: 'Isolate' }), lookup.listActions({ type: 'Unisolate' })]);
  const states = isolationStates([...isolate, ...unisolate], devices.map((d) => d.id));
  return devices.map((d) => ({ ...d, isolation: states.get(d.id) ?? 'not-isolated' }));
}
