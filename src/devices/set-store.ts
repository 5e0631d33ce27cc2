import { z } from 'zod';
import type { KeyValueStore } from '../util/key-value-store';
import type { DeviceSet } from './device-set';

/** Devices per stored part (a 1,000-device set is four small items). */
const PART = 250;
const SET_ID = /^[A-Za-z0-9_-]{8,64}$/;

const entrySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{40}$/),
  name: z.string().max(300),
  os: z.string().max(80).optional(),
  health: z.string().max(80).optional(),
  exposure: z.string().max(40).optional(),
  isolation: z.enum(['isolated', 'not-isolated', 'isolating', 'releasing']).optional(),
});
const metaSchema = z.object({ source: z.unknown(), parts: z.number().int().min(0).max(10), count: z.number().int().min(0).max(1_000), createdAt: z.string(), createdBy: z.string().max(100) });
const partSchema = z.object({ devices: z.array(entrySchema).max(PART) });

export interface StoredDeviceSet {
  id: string;
  source: DeviceSet['source'];
  devices: DeviceSet['devices'];
  createdBy: string;
}

/**
 * Device sets kept for the buttons of their card ("Show all", the actions): a card carries only
 * the set's opaque id; the server loads the devices from here. Validated on every load.
 */
export interface DeviceSetStore {
  save(id: string, set: DeviceSet, createdBy: string, now: number): Promise<void>;
  load(id: string): Promise<StoredDeviceSet | null>;
}

export function createDeviceSetStore(store: KeyValueStore): DeviceSetStore {
  const key = (id: string, part?: number) => `device-sets/${id}/${part === undefined ? 'meta' : `part-${part}`}`;
  return {
    async save(id, set, createdBy, now) {
      const parts = Math.ceil(set.devices.length / PART);
      const changes: Record<string, unknown> = { [key(id)]: { source: set.source, parts, count: set.devices.length, createdAt: new Date(now).toISOString(), createdBy, eTag: '*' } };
      for (let n = 0; n < parts; n++) changes[key(id, n)] = { devices: set.devices.slice(n * PART, (n + 1) * PART), eTag: '*' };
      await store.write(changes);
    },
    async load(id) {
      if (!SET_ID.test(id)) return null;
      const found = await store.read([key(id)]);
      const meta = metaSchema.safeParse(found[key(id)]);
      if (!meta.success) return null;
      const keys = Array.from({ length: meta.data.parts }, (_, n) => key(id, n));
      const parts = await store.read(keys);
      const devices: StoredDeviceSet['devices'] = [];
      for (const k of keys) {
        const p = partSchema.safeParse(parts[k]);
        if (!p.success) return null;
        devices.push(...p.data.devices);
      }
      return { id, source: meta.data.source as DeviceSet['source'], devices, createdBy: meta.data.createdBy };
    },
  };
}
