import type { KeyValueStore } from '../../util/key-value-store';
import { deviceOutcomeSchema, runMetaSchema, type BulkRun, type DeviceOutcome } from './run-state';
import { z } from 'zod';

/** Devices per stored part: a 1,000-device run is 10 small items, and one device's change rewrites one part. */
export const PART_SIZE = 100;
const INDEX_KEY = 'bulk-runs/open';

const metaKey = (id: string) => `bulk-runs/${encodeURIComponent(id)}/meta`;
const partKey = (id: string, n: number) => `bulk-runs/${encodeURIComponent(id)}/part-${n}`;
const partSchema = z.object({ devices: z.array(deviceOutcomeSchema).max(PART_SIZE) });
const indexSchema = z.object({ ids: z.array(z.string().max(100)).max(10_000) });

export type LoadedRun = { ok: true; run: BulkRun } | { ok: false; reason: 'not-found' | 'corrupt'; detail?: string };

/**
 * Bulk runs in the state store, chunked: a meta item and one item per 100 devices, plus the list
 * of runs not finished yet (what a restart resumes). Every load is validated; a corrupt run is
 * reported, never half-used. Single writer per run (the runner), so no eTags here.
 */
export interface RunStore {
  create(run: BulkRun): Promise<void>;
  load(id: string): Promise<LoadedRun>;
  saveMeta(run: BulkRun): Promise<void>;
  /** Writes the parts holding these device indexes. */
  saveDevices(run: BulkRun, indexes: Iterable<number>): Promise<void>;
  openIds(): Promise<string[]>;
  close(id: string): Promise<void>;
}

export function createRunStore(store: KeyValueStore): RunStore {
  const strip = (item: unknown) => {
    if (typeof item !== 'object' || item === null) return item;
    const { eTag: _eTag, ...rest } = item as Record<string, unknown>;
    return rest;
  };
  const part = (run: BulkRun, n: number) => ({ devices: run.devices.slice(n * PART_SIZE, (n + 1) * PART_SIZE) });
  const openIds = async (): Promise<string[]> => {
    const found = await store.read([INDEX_KEY]);
    const parsed = indexSchema.safeParse(strip(found[INDEX_KEY] ?? { ids: [] }));
    return parsed.success ? parsed.data.ids : [];
  };
  return {
    async create(run) {
      const changes: Record<string, unknown> = { [metaKey(run.meta.id)]: { ...run.meta, eTag: '*' } };
      for (let n = 0; n < run.meta.parts; n++) changes[partKey(run.meta.id, n)] = { ...part(run, n), eTag: '*' };
      await store.write(changes);
      const ids = await openIds();
      if (!ids.includes(run.meta.id)) await store.write({ [INDEX_KEY]: { ids: [...ids, run.meta.id], eTag: '*' } });
    },
    async load(id) {
      const keys = [metaKey(id)];
      const found = await store.read(keys);
      if (!found[metaKey(id)]) return { ok: false, reason: 'not-found' };
      const meta = runMetaSchema.safeParse(strip(found[metaKey(id)]));
      if (!meta.success) return { ok: false, reason: 'corrupt', detail: 'meta' };
      const partKeys = Array.from({ length: meta.data.parts }, (_, n) => partKey(id, n));
      const parts = await store.read(partKeys);
      const devices: DeviceOutcome[] = [];
      for (const key of partKeys) {
        const p = partSchema.safeParse(strip(parts[key]));
        if (!p.success) return { ok: false, reason: 'corrupt', detail: key };
        devices.push(...p.data.devices);
      }
      return { ok: true, run: { meta: meta.data, devices } };
    },
    saveMeta: (run) => store.write({ [metaKey(run.meta.id)]: { ...run.meta, eTag: '*' } }),
    async saveDevices(run, indexes) {
      const parts = new Set([...indexes].map((i) => Math.floor(i / PART_SIZE)));
      if (parts.size === 0) return;
      await store.write(Object.fromEntries([...parts].map((n) => [partKey(run.meta.id, n), { ...part(run, n), eTag: '*' }])));
    },
    openIds,
    async close(id) {
      const ids = await openIds();
      await store.write({ [INDEX_KEY]: { ids: ids.filter((x) => x !== id), eTag: '*' } });
    },
  };
}
