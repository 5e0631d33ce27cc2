import { z } from 'zod';
import type { KeyValueStore } from '../../util/key-value-store';
import type { ItemOutcome } from './import-run';

/**
 * Each item's result of a bulk block, kept beside the request (the request records the counts;
 * 15,000 per-item lines belong in their own document). Read by the requester's card.
 */
const resultsSchema = z.object({
  outcomes: z.array(z.object({ type: z.string().max(32), value: z.string().max(2048), status: z.string().max(32), id: z.string().max(256).optional(), reason: z.string().max(2000).optional() })).max(15_000),
});
export type StoredResults = z.infer<typeof resultsSchema>;

export interface BulkResultsStore {
  save(requestId: string, outcomes: readonly ItemOutcome[]): Promise<void>;
  load(requestId: string): Promise<StoredResults | undefined>;
}

const keyOf = (requestId: string) => `bulk-indicator-results/${requestId}`;

export function createBulkResultsStore(store: KeyValueStore): BulkResultsStore {
  return {
    async save(requestId, outcomes) {
      const doc: StoredResults = { outcomes: outcomes.map((o) => ({ type: o.type, value: o.value, status: o.status, ...('id' in o ? { id: o.id } : {}), ...('reason' in o ? { reason: o.reason.slice(0, 2000) } : {}) })) };
      await store.write({ [keyOf(requestId)]: { ...doc, eTag: '*' } });
    },
    async load(requestId) {
      const found = (await store.read([keyOf(requestId)]))[keyOf(requestId)];
      const parsed = resultsSchema.safeParse(found);
      return parsed.success ? parsed.data : undefined;
    },
  };
}
