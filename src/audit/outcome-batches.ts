/** Item outcomes per journal entry: a 1,000-item run is 20 lines in its audit thread, not 1,000. */
export const OUTCOMES_PER_ENTRY = 50;

export interface OutcomeBatchEntry {
  requestId: string;
  data: Record<string, unknown>;
}

/**
 * A bulk request's per-item outcomes as journal entries of at most 50 items each: `outcomesKey`
 * holds the items (plain JSON, for the export's one row per item), `wordsKey` a line per item for
 * the audit thread (arrays of objects are not shown there), and `part`/`parts` tell the batches
 * apart. `head` is what every batch repeats (kind, who asked, who approved). Bulk indicator
 * requests journal theirs this way at the end; device runs journal theirs as devices finish, in
 * entries of the same size and keys (src/devices/bulk/run-journal.ts).
 */
export function outcomeBatches<T>(
  requestId: string,
  items: readonly T[],
  keys: { outcomesKey: string; wordsKey: string },
  inWords: (item: T) => string,
  head: Record<string, unknown>,
): OutcomeBatchEntry[] {
  const entries: OutcomeBatchEntry[] = [];
  const parts = Math.ceil(items.length / OUTCOMES_PER_ENTRY);
  for (let i = 0; i < items.length; i += OUTCOMES_PER_ENTRY) {
    const batch = items.slice(i, i + OUTCOMES_PER_ENTRY);
    entries.push({ requestId, data: { ...head, [keys.wordsKey]: batch.map(inWords).join('; '), [keys.outcomesKey]: batch, part: i / OUTCOMES_PER_ENTRY + 1, parts } });
  }
  return entries;
}

/** Where per-item outcomes are journaled; `sink` is set once the journal exists (main.ts builds it later). */
export interface OutcomeSink {
  sink?: { append(entry: { type: 'containment.action-status'; actor: { name: string }; requestId: string; data: Record<string, unknown> }): Promise<unknown> };
}
