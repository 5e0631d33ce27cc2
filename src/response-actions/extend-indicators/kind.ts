import { z } from 'zod';
import { journalItemOutcomes } from '../item-outcome-journal';
import type { OutcomeSink } from '../../audit/outcome-batches';
import type { ActionKind, ActionPolicy } from '../../containment/action-kind';
import type { IndicatorsApi } from '../../mde/indicators-api';
import { optionalTrimmed } from '../form-rules';
import { INDICATOR_ID, MAX_REMOVE } from '../remove-indicators/request';
import { runExtend } from './extend-run';
import { planExtend } from './plan';
import { extendIndicatorsRequestSchema, type ExtendIndicatorsRequest } from './request';

export const EXTEND_INDICATORS_POLICY: ActionPolicy = { requestRole: 'responder', approval: 'four-eyes' };
const DAY_MS = 86_400_000;

const input = z.object({
  target: z.object({ ids: z.array(z.string().regex(INDICATOR_ID)).min(1, 'no indicator chosen').max(MAX_REMOVE), selection: optionalTrimmed(200, 'selection') }),
  parameters: z.object({ byDays: z.number().int().min(1, 'extend by at least a day').max(365, 'extend by at most 365 days') }),
});

/**
 * Extend indicators' expiry: each re-submitted through import (≤500 a call, 30/min) with every
 * field as MDE has it and the later expiry; one approval for the set. Never-expiring ones are left
 * alone (an expiry would shorten them). Evidence: every chosen indicator now expires at least
 * `byDays` after the request was made (the new expiry counts from the later of then and the old one).
 */
export function extendIndicatorsKind(options: { indicators: IndicatorsApi; journal?: OutcomeSink }): ActionKind<ExtendIndicatorsRequest> {
  const { indicators, journal } = options;
  const chosen = async (ids: readonly string[]) => {
    const wanted = new Set(ids);
    return (await indicators.listAll()).filter((i) => wanted.has(i.id));
  };
  return {
    kind: 'extend-indicators',
    stored: extendIndicatorsRequestSchema,
    input,
    policy: EXTEND_INDICATORS_POLICY,
    async precheck(given, context) {
      const plan = planExtend(await chosen(given.target.ids), given.parameters.byDays, context.now);
      if (!plan.ok) return { ok: false, reason: plan.reason, detail: { detail: plan.detail } };
      return { ok: true, notes: { extending: plan.items.length, neverExpires: plan.neverExpires.length } };
    },
    callSummary: (r) => ({ operation: 'indicators.import', ids: r.target.ids.length, byDays: r.parameters.byDays }),
    async execute(r, context) {
      const plan = planExtend(await chosen(r.target.ids), r.parameters.byDays, context.now());
      if (!plan.ok) return { type: 'fail', error: { kind: 'not-found', operation: 'indicators.import', message: plan.detail } };
      const run = await runExtend(indicators, plan.items);
      await journalItemOutcomes(journal, r, run.outcomes, context);
      const done = run.outcomes.filter((o) => o.status !== 'failed').length;
      const failed = run.outcomes.length - done;
      if (done === 0) return { type: 'fail', error: { kind: 'bad-request', operation: 'indicators.import', message: 'No expiry was extended.' } };
      return { type: 'succeed', mdeId: `${done}/${run.outcomes.length}`, status: failed > 0 ? `${failed} failed` : 'Extended' };
    },
    async evidence(r) {
      const floor = Date.parse(r.createdAt) + r.parameters.byDays * DAY_MS;
      const found = (await chosen(r.target.ids)).filter((i) => i.expirationTime);
      const short = found.filter((i) => Date.parse(i.expirationTime ?? '') < floor).length;
      if (found.length === 0 || short > 0) return { found: false, detail: `${short} of ${found.length} not extended` };
      return { found: true, mdeId: `${found.length}/${found.length}`, mdeStatus: 'Extended' };
    },
  };
}
