import { isMdeError } from '../mde/errors';
import { huntingFallbackNote } from '../mde/hunting-fallback-note';
import type { DeviceKey } from './device-keys';
import type { DeviceSetEntry } from './device-set';
import { isolationStates } from './isolation-state';
import { DETAILED, HUNT_ABOVE } from './limits';
import { huntKeys, type HuntedDevice } from './name-hunt';
import type { DeviceHunt, DeviceLookup, DeviceMachine } from './ports';

export interface Resolved {
  devices: DeviceSetEntry[];
  unknown: string[];
  /** Entries that named a device already in the set (e.g. its name and its id). */
  sameDevice: string[];
  /** Plain sentences about how the keys were resolved (a name several devices had; hunting not answering). */
  notes: string[];
}

export interface ResolveOptions {
  /** Advanced hunting, for more than HUNT_ABOVE keys; without it every key is a GET. */
  hunt?: DeviceHunt;
  /** Called with how many keys are resolved so far (the hunt's finds at once, then each GET). */
  onProgress?: (done: number, total: number) => void;
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
 * OS, health and exposure for the first DETAILED devices (the ones a card shows first), one GET by
 * id each, except those in `detailed` (already looked up); a device Defender no longer has keeps
 * the name it came with.
 */
export async function withDetails(lookup: DeviceLookup, devices: readonly DeviceSetEntry[], detailed: ReadonlySet<string> = new Set()): Promise<DeviceSetEntry[]> {
  const entries = [...devices];
  await Promise.all(
    entries.slice(0, DETAILED).map(async (e, i) => {
      if (detailed.has(e.id)) return;
      const m = await lookup.getMachine(e.id);
      if (m) entries[i] = { ...entryOf(m), name: m.computerDnsName || e.name };
    }),
  );
  return entries;
}

const keyOf = (k: DeviceKey) => `${k.kind}:${k.value}`;
const get = (lookup: DeviceLookup, k: DeviceKey) => (k.kind === 'id' ? lookup.getMachine(k.value) : lookup.getMachineByName(k.value));

/** What the hunt found, by key; a hunt that fails becomes a note and finds nothing (every key is then a GET). */
async function hunted(hunt: DeviceHunt | undefined, keys: readonly DeviceKey[]): Promise<{ found: Map<string, HuntedDevice>; notes: string[] }> {
  if (!hunt || keys.length <= HUNT_ABOVE) return { found: new Map(), notes: [] };
  try {
    const result = await huntKeys(hunt, keys);
    return { found: new Map(keys.flatMap((k) => (result.found.has(k.value) ? [[keyOf(k), result.found.get(k.value) as HuntedDevice] as const] : []))), notes: result.notes };
  } catch (err) {
    if (!isMdeError(err)) throw err;
    return { found: new Map(), notes: [huntingFallbackNote(err, 'the devices')] };
  }
}

/**
 * Resolves pasted ids and names to devices, in the order given. More than HUNT_ABOVE keys: one
 * advanced hunting query first (name-hunt.ts); every key it did not find (hunting covers 30 days,
 * GET the machine retention), and every key when it failed, is looked up in Defender
 * (GET /api/machines/{id or name}), `BATCH` at a time. So a key is listed unknown only when the
 * GET said so, never guessed; two entries for one device are one device. Details for the first
 * devices (withDetails). An MDE failure of a GET (403, throttled past our retries…) throws: a set
 * is whole or not at all.
 */
export async function resolveKeys(lookup: DeviceLookup, keys: readonly DeviceKey[], options: ResolveOptions = {}): Promise<Resolved> {
  const hunt = await hunted(options.hunt, keys);
  let done = hunt.found.size;
  if (done > 0) options.onProgress?.(done, keys.length);
  const rest = keys.filter((k) => !hunt.found.has(keyOf(k)));
  const fetched = new Map<string, DeviceMachine | null>();
  for (let i = 0; i < rest.length; i += BATCH) {
    await Promise.all(
      rest.slice(i, i + BATCH).map(async (k) => {
        fetched.set(keyOf(k), await get(lookup, k));
        options.onProgress?.((done += 1), keys.length);
      }),
    );
  }
  const devices: DeviceSetEntry[] = [];
  const unknown: string[] = [];
  const sameDevice: string[] = [];
  const detailed = new Set<string>();
  const ids = new Set<string>();
  for (const key of keys) {
    const fromHunt = hunt.found.get(keyOf(key));
    const machine = fetched.get(keyOf(key));
    const entry = fromHunt ? { id: fromHunt.id, name: fromHunt.name } : machine ? entryOf(machine) : undefined;
    if (!entry) unknown.push(key.value);
    else if (ids.has(entry.id)) sameDevice.push(key.value);
    else {
      ids.add(entry.id);
      if (machine) detailed.add(entry.id);
      devices.push(entry);
    }
  }
  return { devices: await withDetails(lookup, devices, detailed), unknown, sameDevice, notes: hunt.notes };
}

/** Adds each device's isolation state from two tenant-wide lists (Isolate, Unisolate) rather than one call per device. */
export async function withIsolation(lookup: DeviceLookup, devices: DeviceSetEntry[]): Promise<DeviceSetEntry[]> {
  if (devices.length === 0) return devices;
  const [isolate, unisolate] = await Promise.all([lookup.listActions({ type: 'Isolate' }), lookup.listActions({ type: 'Unisolate' })]);
  const states = isolationStates([...isolate, ...unisolate], devices.map((d) => d.id));
  return devices.map((d) => ({ ...d, isolation: states.get(d.id) ?? 'not-isolated' }));
}
