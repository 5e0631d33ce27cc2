import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { KeyValueStore } from '../util/key-value-store';
import { createOpenIndex } from '../containment/open-index';
import { runPeriodically } from '../containment/periodic';
import { isETagConflict } from '../store/etag-conflict';
import { FILE_INDICATOR_TYPES, NETWORK_INDICATOR_TYPES } from '../triage/iocs';

const IOC_TYPES = [...FILE_INDICATOR_TYPES, ...NETWORK_INDICATOR_TYPES] as [string, ...string[]];
/** MDE's active-indicator cap: no set bigger than a tenant can hold. */
const MAX_BULK_ITEMS = 15_000;

/**
 * The uncovered IoCs of a coverage card, kept server-side so its "Block the N not covered" button
 * carries only an opaque id (card data is never authority, and 15,000 values would not fit a
 * card). The form's handler loads the set by id and checks every value again.
 */
const setSchema = z.object({
  items: z.array(z.object({ type: z.enum(IOC_TYPES), value: z.string().min(1).max(2048) })).min(1).max(MAX_BULK_ITEMS),
  createdAt: z.number(),
});
export type IocSet = z.infer<typeof setSchema>;

export const SET_ID = /^[A-Za-z0-9_-]{22}$/;
/** A form left open longer than a day is answered "start again from the advisory". */
export const IOC_SET_TTL_MS = 86_400_000;

export interface IocSetStore {
  save(items: IocSet['items'], now: number): Promise<string>;
  load(id: string, now: number): Promise<IocSet | undefined>;
  /**
   * A set of indicator ids (the /indicators card's "Remove the N redundant", or ids typed after
   * `/indicators remove`), kept the same way; `selection` says how they were chosen, for the request.
   */
  saveIds(ids: readonly string[], now: number, selection?: string): Promise<string>;
  loadIds(id: string, now: number): Promise<IdSet | undefined>;
  /** Deletes every set past its day; returns how many ids it let go of. */
  sweepExpired(now: number): Promise<number>;
}

/**
 * The ids of saved sets, since the store cannot list keys: the sweep finds its work here. An id is
 * added after its set is written, so the index never names a set that was never written (a crash
 * between the two leaves one set behind, the rare case this cannot see).
 */
const SAVED_INDEX_KEY = 'ioc-set-index/saved';

const idSetSchema = z.object({ ids: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(MAX_BULK_ITEMS), selection: z.string().max(200).optional(), createdAt: z.number() });
export interface IdSet {
  ids: string[];
  selection?: string;
}

const keyOf = (id: string) => `ioc-set/${id}`;
const idKeyOf = (id: string) => `indicator-set/${id}`;

const expired = (item: unknown, now: number) => {
  const createdAt = (item as { createdAt?: unknown } | undefined)?.createdAt;
  return typeof createdAt !== 'number' || now - createdAt > IOC_SET_TTL_MS;
};

export function createIocSetStore(store: KeyValueStore): IocSetStore {
  const saved = createOpenIndex(store, isETagConflict, SAVED_INDEX_KEY);
  async function keep(key: string, item: object): Promise<void> {
    await store.write({ [key]: { ...item, eTag: '*' } });
  }
  /** Reads one set; one past its day is deleted there and then (the sweep prunes its index entry). */
  async function fetch(key: string, now: number): Promise<unknown> {
    const item = (await store.read([key]))[key];
    if (item === undefined) return undefined;
    if (!expired(item, now)) return item;
    await store.delete([key]);
    return undefined;
  }
  return {
    async save(items, now) {
      const id = randomBytes(16).toString('base64url');
      await keep(keyOf(id), { items, createdAt: now });
      await saved.add(id);
      return id;
    },
    async load(id, now) {
      if (!SET_ID.test(id)) return undefined;
      const parsed = setSchema.safeParse(await fetch(keyOf(id), now));
      return parsed.success ? parsed.data : undefined;
    },
    async saveIds(ids, now, selection) {
      const id = randomBytes(16).toString('base64url');
      await keep(idKeyOf(id), { ids: [...ids], ...(selection ? { selection } : {}), createdAt: now });
      await saved.add(id);
      return id;
    },
    async loadIds(id, now) {
      if (!SET_ID.test(id)) return undefined;
      const parsed = idSetSchema.safeParse(await fetch(idKeyOf(id), now));
      return parsed.success ? { ids: parsed.data.ids, ...(parsed.data.selection ? { selection: parsed.data.selection } : {}) } : undefined;
    },
    async sweepExpired(now) {
      let gone = 0;
      for (const id of await saved.list()) {
        const keys = [keyOf(id), idKeyOf(id)];
        const found = await store.read(keys);
        if (keys.some((key) => found[key] !== undefined && !expired(found[key], now))) continue;
        await store.delete(keys);
        await saved.remove(id);
        gone++;
      }
      return gone;
    },
  };
}

/** The sweep of expired sets, hourly: run only by the leading instance, like containment's sweeps. */
export function startIocSetSweep(sets: IocSetStore, logger: Logger, options: { intervalMs?: number; now?: () => number } = {}): { stop(): Promise<void> } {
  const now = options.now ?? Date.now;
  return runPeriodically(
    async () => {
      const gone = await sets.sweepExpired(now());
      if (gone > 0) logger.info({ gone }, 'expired IoC sets deleted');
    },
    options.intervalMs ?? 3_600_000,
    logger,
    'IoC set sweep',
  );
}
