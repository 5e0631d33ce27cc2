import type { Storage, StoreItem } from 'botbuilder';
import { isETagConflict } from './etag-conflict';

export type Decision<T, R> = { ok: true; value: T } | { ok: false; reason: R };
export type UpdateResult<T, R> = { ok: true; value: T } | { ok: false; reason: R | 'not-found' | 'conflict' };

/**
 * Read-decide-write with optimistic concurrency: `decide` sees the stored item and returns the
 * new one (or a refusal); the write carries the eTag that was read. When someone else wrote in
 * between, the item is read again and `decide` asked again, so a second approver sees "already
 * approved" rather than approving twice. After `attempts` lost races: `{ ok:false, 'conflict' }`.
 * Only existing items: create new ones with a plain write under a fresh unique key.
 */
export async function updateItem<T extends object, R>(
  storage: Storage,
  key: string,
  decide: (current: T) => Decision<T, R>,
  opts: { attempts?: number } = {},
): Promise<UpdateResult<T, R>> {
  const attempts = opts.attempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const stored = (await storage.read([key]))[key] as (T & StoreItem) | undefined;
    if (!stored) return { ok: false, reason: 'not-found' };
    const { eTag, ...current } = stored;
    const decision = decide(current as unknown as T);
    if (!decision.ok) return decision;
    // No eTag means the store does not do concurrency; refuse rather than overwrite blindly.
    if (typeof eTag !== 'string' || eTag === '' || eTag === '*') throw new Error(`updateItem: "${key}" was read without an eTag`);
    try {
      await storage.write({ [key]: { ...decision.value, eTag } });
      return { ok: true, value: decision.value };
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }
  return { ok: false, reason: 'conflict' };
}
