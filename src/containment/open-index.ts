import { REQUEST_ID } from './model';
import type { StateStore } from './ports';

/**
 * The ids of requests that may still need the service's attention (not yet terminal, or terminal
 * with an outcome not yet journaled). botbuilder's Storage cannot list keys, so start-up recovery
 * and the expiry sweep find their work here. Ids are added before a request is first written and
 * removed only after its last audit entry, so the index may hold stale ids (pruned by the sweep)
 * but never misses a live request.
 */
export interface OpenIndex {
  list(): Promise<string[]>;
  add(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export const OPEN_INDEX_KEY = 'containment-index/open';
/** Requests whose MDE action Verdict still follows to a final status (see follow-actions.ts). */
export const FOLLOW_INDEX_KEY = 'containment-index/follow';
const MAX_ATTEMPTS = 20;

export function createOpenIndex(store: StateStore, isConflict: (err: unknown) => boolean, key: string = OPEN_INDEX_KEY): OpenIndex {
  async function load(): Promise<{ ids: string[]; eTag?: string }> {
    const item = (await store.read([key]))[key] as { ids?: unknown; eTag?: unknown } | undefined;
    const ids = Array.isArray(item?.ids) ? item.ids.filter((id): id is string => typeof id === 'string' && REQUEST_ID.test(id)) : [];
    return { ids, eTag: typeof item?.eTag === 'string' ? item.eTag : undefined };
  }

  async function change(edit: (ids: string[]) => string[]): Promise<void> {
    const settled = (ids: string[]) => sameList(edit(ids), ids);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await load();
      if (settled(current.ids)) return;
      // Without an eTag (no index yet) the write is unconditional, so a concurrent first write can
      // be lost: the read-back below catches that and goes round again.
      const item = current.eTag ? { ids: edit(current.ids), eTag: current.eTag } : { ids: edit(current.ids) };
      try {
        await store.write({ [key]: item });
      } catch (err) {
        if (!isConflict(err)) throw err;
        continue;
      }
      if (settled((await load()).ids)) return;
    }
    throw new Error('containment open index: too much write contention');
  }

  return {
    list: async () => (await load()).ids,
    add: (id) => change((ids) => (ids.includes(id) ? ids : [...ids, id])),
    remove: (id) => change((ids) => ids.filter((x) => x !== id)),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
