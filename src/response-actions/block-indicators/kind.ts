import { z } from 'zod';
import type { ActionKind, ActionPolicy } from '../../containment/action-kind';
import type { IndicatorsApi } from '../../mde/indicators-api';
import { INDICATOR_CAP, indicatorKey } from '../../triage/coverage';
import { optionalTrimmed, trimmed } from '../form-rules';
import { runImport } from './import-run';
import { FILE_ACTIONS, NETWORK_ACTIONS, planBlock, SEVERITIES, type BlockChoices } from './plan';
import { blockIndicatorsRequestSchema, IOC_TYPES, MAX_BULK_ITEMS, type BlockIndicatorsRequest } from './request';
import type { BulkResultsStore } from './results-store';
import { journalItemOutcomes } from '../item-outcome-journal';
import type { OutcomeSink } from '../../audit/outcome-batches';

export const BLOCK_INDICATORS_POLICY: ActionPolicy = { requestRole: 'responder', approval: 'four-eyes' };
const MAX_LIFETIME_MS = 365 * 86_400_000;

const input = z.object({
  target: z.object({ items: z.array(z.object({ type: z.enum(IOC_TYPES), value: trimmed(2048, 'value') })).min(1, 'nothing to block').max(MAX_BULK_ITEMS), source: optionalTrimmed(200, 'source') }),
  parameters: z.object({
    fileAction: z.enum(FILE_ACTIONS),
    networkAction: z.enum(NETWORK_ACTIONS),
    severity: z.enum(SEVERITIES),
    expirationTime: z.iso.datetime({ offset: true }).optional(),
    title: trimmed(100, 'title'),
    description: trimmed(1000, 'description'),
    rbacGroupNames: z.array(trimmed(256, 'device group name')).max(50).optional(),
  }),
});

export interface BlockIndicatorsOptions {
  indicators: IndicatorsApi;
  results: BulkResultsStore;
  /** Each item's result, in batches on the request's audit thread. */
  journal?: OutcomeSink;
}

const choicesOf = (r: Pick<BlockIndicatorsRequest, 'parameters'>, now: number): BlockChoices => ({
  ...r.parameters,
  rbacGroupNames: r.parameters.rbacGroupNames ?? [],
  // The stored expiry is the one to send; planBlock takes days, so it is applied after planning.
  expiresInDays: r.parameters.expirationTime ? Math.max(1, Math.ceil((Date.parse(r.parameters.expirationTime) - now) / 86_400_000)) : 0,
});

/** The import items exactly as approved (the stored expiry, not one recomputed from the clock). */
function itemsOf(r: BlockIndicatorsRequest, now: number) {
  const plan = planBlock(r.target.items, choicesOf(r, now), { used: 0 }, now);
  if (!plan.ok) return [];
  return plan.items.map((i) => ({ ...i, expirationTime: r.parameters.expirationTime }));
}

/**
 * Block many IoCs at once (an advisory's uncovered ones): MDE's import, ≤500 a call at 30/min, one
 * approval for the set. Refused before it is stored when an action does not suit a type, a value
 * would be rejected, or the set would pass the 15,000 cap. Executed by runImport: read back first
 * (nothing already in Defender is sent again, after a retry or a restart), each item's result kept.
 */
export function blockIndicatorsKind(options: BlockIndicatorsOptions): ActionKind<BlockIndicatorsRequest> {
  const { indicators, results, journal } = options;
  return {
    kind: 'block-indicators',
    stored: blockIndicatorsRequestSchema,
    input,
    check(given, context) {
      const at = given.parameters.expirationTime ? Date.parse(given.parameters.expirationTime) : undefined;
      if (at !== undefined && at <= context.now + context.ttlMs) return { ok: false, issues: ['parameters.expirationTime: expiry must be after the approval window closes'] };
      if (at !== undefined && at > context.now + MAX_LIFETIME_MS) return { ok: false, issues: ['parameters.expirationTime: expiry is further out than policy allows'] };
      return { ok: true, input: given };
    },
    policy: BLOCK_INDICATORS_POLICY,
    async precheck(given, context) {
      const all = await indicators.listAll();
      const used = all.filter((i) => !i.expirationTime || Date.parse(i.expirationTime) > context.now).length;
      const plan = planBlock(given.target.items, choicesOf(given, context.now), { used }, context.now);
      if (!plan.ok) return { ok: false, reason: plan.reason, detail: { ...plan } };
      return { ok: true, notes: { quota: { used, adding: plan.items.length, limit: INDICATOR_CAP } } };
    },
    callSummary(r) {
      const n = r.target.items.length;
      return { operation: 'indicators.import', items: n, calls: Math.ceil(n / 500), fileAction: r.parameters.fileAction, networkAction: r.parameters.networkAction, expirationTime: r.parameters.expirationTime ?? null };
    },
    async execute(r, context) {
      const run = await runImport(indicators, itemsOf(r, context.now()));
      await results.save(r.id, run.outcomes).catch((err: unknown) => context.warn('block-indicators.results-not-saved', { requestId: r.id, error: String(err) }));
      await journalItemOutcomes(journal, r, run.outcomes, context);
      const inDefender = run.outcomes.filter((o) => o.status !== 'failed').length;
      const failed = run.outcomes.length - inDefender;
      if (inDefender === 0) {
        const first = run.outcomes.find((o) => o.status === 'failed');
        const reason = first && 'reason' in first ? first.reason : 'no item was taken';
        return { type: 'fail', error: { kind: 'bad-request', operation: 'indicators.import', message: `None of the ${run.outcomes.length} was taken; the first: ${reason}`.slice(0, 500) } };
      }
      return { type: 'succeed', mdeId: `${inDefender}/${run.outcomes.length}`, status: failed > 0 ? `${failed} failed` : 'Active' };
    },
    /** Found when every item is in Defender's list now (a lost answer, or a restart mid-import). */
    async evidence(r) {
      const listed = new Set((await indicators.listAll()).map((i) => indicatorKey(i.indicatorType ?? '', i.indicatorValue)));
      const missing = r.target.items.filter((i) => !listed.has(indicatorKey(i.type, i.value))).length;
      if (missing > 0) return { found: false, detail: `${missing} of ${r.target.items.length} not in Defender` };
      return { found: true, mdeId: `${r.target.items.length}/${r.target.items.length}`, mdeStatus: 'Active' };
    },
  };
}
