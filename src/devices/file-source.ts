import type { DeviceSetOutcome } from './device-set';
import { MAX_DEVICE_SET } from './limits';
import type { DeviceLookup, DeviceMachine } from './ports';
import { entryOf, withIsolation } from './resolve-devices';

/** "Every device with this file" (the seed's "scan all devices with a certain file hash present"): GET /api/files/{sha1}/machines. */
export async function devicesWithFile(lookup: DeviceLookup, fileMachines: (sha1: string) => Promise<DeviceMachine[]>, sha1: string): Promise<DeviceSetOutcome> {
  const machines = await fileMachines(sha1);
  const seen = new Set<string>();
  const unique = machines.filter((m) => !seen.has(m.id.toLowerCase()) && Boolean(seen.add(m.id.toLowerCase())));
  if (unique.length === 0) return { ok: false, reason: 'query-empty' };
  if (unique.length > MAX_DEVICE_SET) return { ok: false, reason: 'too-many', count: unique.length, source: 'query' };
  return { ok: true, set: { source: { kind: 'file', sha1 }, devices: await withIsolation(lookup, unique.map(entryOf)), unknown: [], duplicates: [], invalid: [], badRows: [], notes: [] } };
}
