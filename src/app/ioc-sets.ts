import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { KeyValueStore } from '../util/key-value-store';
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
  /** A set of indicator ids (the /indicators card's "Remove the N redundant"), kept the same way. */
  saveIds(ids: readonly string[], now: number): Promise<string>;
  loadIds(id: string, now: number): Promise<string[] | undefined>;
}

const idSetSchema = z.object({ ids: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(MAX_BULK_ITEMS), createdAt: z.number() });

const keyOf = (id: string) => `ioc-set/${id}`;
const idKeyOf = (id: string) => `indicator-set/${id}`;

export function createIocSetStore(store: KeyValueStore): IocSetStore {
  return {
    async save(items, now) {
      const id = randomBytes(16).toString('base64url');
      await store.write({ [keyOf(id)]: { items, createdAt: now, eTag: '*' } });
      return id;
    },
    async load(id, now) {
      if (!SET_ID.test(id)) return undefined;
      const parsed = setSchema.safeParse((await store.read([keyOf(id)]))[keyOf(id)]);
      if (!parsed.success || now - parsed.data.createdAt > IOC_SET_TTL_MS) return undefined;
      return parsed.data;
    },
    async saveIds(ids, now) {
      const id = randomBytes(16).toString('base64url');
      await store.write({ [idKeyOf(id)]: { ids: [...ids], createdAt: now, eTag: '*' } });
      return id;
    },
    async loadIds(id, now) {
      if (!SET_ID.test(id)) return undefined;
      const parsed = idSetSchema.safeParse((await store.read([idKeyOf(id)]))[idKeyOf(id)]);
      if (!parsed.success || now - parsed.data.createdAt > IOC_SET_TTL_MS) return undefined;
      return parsed.data.ids;
    },
  };
}
