import { outcomeBatches, type OutcomeSink } from '../audit/outcome-batches';
import type { RunContext } from '../containment/action-kind';
import type { ContainmentRequest } from '../containment/model';

/** One indicator's result as journaled: the export makes a row of each (see export-item-rows.ts). */
export interface ItemOutcomeLine {
  status: string;
  id?: string;
  type?: string;
  value?: string;
  reason?: string;
}

/**
 * Each item's result of a bulk indicator request (block, remove, extend), journaled in batches of
 * 50 on the request's audit thread, as device runs journal theirs. A journal that cannot be
 * written is a warning: the outcome itself is already decided and stored.
 */
export async function journalItemOutcomes(journal: OutcomeSink | undefined, request: Pick<ContainmentRequest, 'id' | 'kind' | 'requester' | 'decision'>, items: readonly ItemOutcomeLine[], context: Pick<RunContext, 'warn'>): Promise<void> {
  if (!journal?.sink) return;
  const approvedBy = request.decision && !request.decision.byPolicy ? request.decision.by.name : null;
  const ok = items.filter((o) => o.status !== 'failed').length;
  // `to` titles each batch on the audit thread ("…: Completed: 119 of 120 ok in Defender"), as device runs' do.
  const head = { kind: request.kind, requestedBy: request.requester.name, approvedBy, final: true, to: `Completed: ${ok} of ${items.length} ok` };
  const inWords = (o: ItemOutcomeLine) => `${o.value ?? o.id ?? '?'}: ${o.status}${o.reason ? ` (${o.reason.slice(0, 120)})` : ''}`;
  for (const entry of outcomeBatches(request.id, items, { outcomesKey: 'itemOutcomes', wordsKey: 'itemsInWords' }, inWords, head)) {
    try {
      await journal.sink.append({ type: 'containment.action-status', actor: { name: 'verdict' }, ...entry });
    } catch (err) {
      context.warn('indicator-outcomes.not-journaled', { requestId: request.id, error: String(err) });
    }
  }
}
