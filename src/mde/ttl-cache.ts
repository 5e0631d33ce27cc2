/**
 * A small LRU cache with a time-to-live per entry. A Map keeps insertion order, so re-inserting
 * on every hit makes its first key the least recently used one.
 */
export interface TtlCache<V> {
  /** `{ value }` on a live hit (which also marks the entry recently used); undefined otherwise. */
  get(key: string): { value: V } | undefined;
  set(key: string, value: V, ttlMs: number): void;
  readonly size: number;
}

export function createTtlCache<V>(options: { maxEntries: number; now: () => number }): TtlCache<V> {
  if (!(Number.isInteger(options.maxEntries) && options.maxEntries >= 1)) throw new Error('cache: maxEntries must be a positive integer');
  const entries = new Map<string, { value: V; expiresAt: number }>();

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= options.now()) return undefined;
      entries.set(key, entry);
      return { value: entry.value };
    },
    set(key, value, ttlMs) {
      entries.delete(key);
      if (ttlMs <= 0) return;
      entries.set(key, { value, expiresAt: options.now() + ttlMs });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
