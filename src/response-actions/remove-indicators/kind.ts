import { z } from 'zod';
import type { ActionKind, ActionPolicy } from '../../containment/action-kind';
import type { IndicatorsApi } from '../../mde/indicators-api';
import { optionalTrimmed } from '../form-rules';
import { runRemove } from './remove-run';
import { journalItemOutcomes } from '../item-outcome-journal';
import type { OutcomeSink } from '../../audit/outcome-batches';
import { INDICATOR_ID, MAX_REMOVE, removeIndicatorsRequestSchema, type RemoveIndicatorsRequest } from './request';

export const REMOVE_INDICATORS_POLICY: ActionPolicy = { requestRole: 'responder', approval: 'four-eyes' };

const input = z.object({
  target: z.object({ ids: z.array(z.string().regex(INDICATOR_ID, 'an indicator id is letters, digits, - or _')).min(1, 'no indicator chosen').max(MAX_REMOVE), selection: optionalTrimmed(200, 'selection') }),
  parameters: z.object({}),
});

/**
 * Remove custom indicators (e.g. the redundant ones the review found): BatchDelete ≤500 ids a call
 * at 30/min, one approval for the set. The pre-check refuses ids Defender does not have; the run
 * reads back what is gone (a retry sends only what is still there); evidence: none left.
 */
export function removeIndicatorsKind(options: { indicators: IndicatorsApi; journal?: OutcomeSink }): ActionKind<RemoveIndicatorsRequest> {
  const { indicators, journal } = options;
  return {
    kind: 'remove-indicators',
    stored: removeIndicatorsRequestSchema,
    input,
    policy: REMOVE_INDICATORS_POLICY,
    async precheck(given) {
      const present = new Set((await indicators.listAll()).map((i) => i.id));
      const unknown = given.target.ids.filter((id) => !present.has(id));
      if (unknown.length === given.target.ids.length) return { ok: false, reason: 'not-found', detail: { unknown: unknown.slice(0, 20), count: unknown.length } };
      return unknown.length > 0 ? { ok: true, notes: { alreadyGone: unknown.length } } : { ok: true };
    },
    callSummary: (r) => ({ operation: 'indicators.batchDelete', ids: r.target.ids.length, calls: Math.ceil(r.target.ids.length / 500) }),
    async execute(r, context) {
      const run = await runRemove(indicators, r.target.ids);
      await journalItemOutcomes(journal, r, run.outcomes, context);
      const gone = run.outcomes.filter((o) => o.status !== 'failed').length;
      const failed = run.outcomes.length - gone;
      const first = run.outcomes.find((o) => o.status === 'failed');
      if (gone === 0) return { type: 'fail', error: { kind: 'bad-request', operation: 'indicators.batchDelete', message: `None was removed; ${first && 'reason' in first ? first.reason : 'still listed'}`.slice(0, 500) } };
      return { type: 'succeed', mdeId: `${gone}/${run.outcomes.length}`, status: failed > 0 ? `${failed} failed` : 'Removed' };
    },
    async evidence(r) {
      const present = new Set((await indicators.listAll()).map((i) => i.id));
      const left = r.target.ids.filter((id) => present.has(id)).length;
      return left > 0 ? { found: false, detail: `${left} of ${r.target.ids.length} still in Defender` } : { found: true, mdeId: `${r.target.ids.length}/${r.target.ids.length}`, mdeStatus: 'Removed' };
    },
  };
}
