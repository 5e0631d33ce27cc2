import type { ActionPresentation } from '../../app/containment/action-presentation';
import { noticeCard } from '../../cards/notice-card';
import { requestStatus } from '../../cards/request-status';
import { blockIndicatorsView } from './card-view';
import type { BlockIndicatorsRequest } from './request';
import { requestBlockIocsHandler } from './request-handler';
import type { BulkResultsStore } from './results-store';

/** Items whose failure is spelled out on the requester's card; the rest are counted. */
const LISTED_FAILURES = 10;

/** A refused form click aimed at this set: the id when well-formed. */
function clickFacts(data: Record<string, unknown>): Record<string, unknown> {
  const id = data.setId;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{22}$/.test(id) ? { setId: id } : {};
}

export function blockIndicatorsPresentation(results: BulkResultsStore): ActionPresentation<BlockIndicatorsRequest> {
  return {
    kind: 'block-indicators',
    view: blockIndicatorsView,
    requestHandlers: [requestBlockIocsHandler],
    clickFacts,
    /** The requester's card: where the request stands and, once run, each failed item with MDE's reason. */
    async originCard(r) {
      const status = requestStatus(r, blockIndicatorsView).text;
      const stored = r.state === 'succeeded' || r.state === 'failed' ? await results.load(r.id) : undefined;
      const failed = stored?.outcomes.filter((o) => o.status === 'failed') ?? [];
      const lines = failed.slice(0, LISTED_FAILURES).map((o) => `${o.type} ${o.value.slice(0, 80)}: ${(o.reason ?? '').slice(0, 160)}`);
      if (failed.length > LISTED_FAILURES) lines.push(`and ${failed.length - LISTED_FAILURES} more failed`);
      const counts = stored ? ['created', 'already-present', 'confirmed', 'failed'].map((s) => `${stored.outcomes.filter((o) => o.status === s).length} ${s}`).join(', ') : '';
      return noticeCard({ title: `Block of ${r.target.items.length} IoCs: request ${r.id}`, detail: [status, counts, ...lines].filter(Boolean).join('\n'), next: failed.length > 0 ? 'Failed items were not imported; fix or drop them and ask again.' : undefined });
    },
  };
}
