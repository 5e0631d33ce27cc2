import type { MdeIndicator } from '../../mde/indicator';
import type { IndicatorImportItem } from '../../mde/indicator-bulk';
import { MAX_INDICATORS_PER_CALL } from '../../mde/indicator-bulk';

/**
 * Extending indicators' expiry (pure). MDE has no "set expiry" call: an indicator is updated by
 * submitting it again ("submit or update", one per value and type), so every field is re-sent as
 * MDE has it, with the new expirationTime, through import in calls of ≤500 (30/min) rather than one
 * POST each. That import updates like POST does is UNCONFIRMED (the import page gives the same
 * fields as POST and does not say); the run reads the list back to check each new expiry.
 * `application` is left out: MDE applies it only when creating.
 */
export type ExtendPlan =
  /** `neverExpires`: ids left out, since giving them an expiry would shorten them. */
  | { ok: true; items: IndicatorImportItem[]; batches: IndicatorImportItem[][]; neverExpires: string[] }
  | { ok: false; reason: 'nothing-to-extend' | 'not-later'; detail: string };

const DAY_MS = 86_400_000;

export function planExtend(indicators: readonly MdeIndicator[], byDays: number, now: number): ExtendPlan {
  if (indicators.length === 0) return { ok: false, reason: 'nothing-to-extend', detail: 'No indicator was chosen.' };
  if (!Number.isInteger(byDays) || byDays < 1 || byDays > 3650) return { ok: false, reason: 'not-later', detail: 'Extend by 1 to 3,650 days.' };
  const neverExpires = indicators.filter((i) => !i.expirationTime).map((i) => i.id);
  const dated = indicators.filter((i) => i.expirationTime);
  if (dated.length === 0) return { ok: false, reason: 'nothing-to-extend', detail: 'None of them expires: there is nothing to extend.' };
  const items = dated.map((i): IndicatorImportItem => {
    // From the later of now and its current expiry: extending never shortens.
    const from = Math.max(now, Date.parse(i.expirationTime ?? '') || now);
    const item: IndicatorImportItem = {
      indicatorValue: i.indicatorValue,
      indicatorType: i.indicatorType ?? '',
      action: i.action ?? '',
      title: i.title ?? 'Indicator',
      description: i.description ?? 'Expiry extended in Verdict',
      expirationTime: new Date(from + byDays * DAY_MS).toISOString(),
      generateAlert: i.generateAlert ?? i.action === 'Audit',
    };
    if (i.severity) item.severity = i.severity;
    if (i.recommendedActions) item.recommendedActions = i.recommendedActions;
    const groups = Array.isArray(i.rbacGroupNames) ? i.rbacGroupNames : (i.rbacGroupNames ?? '').split(',').map((g) => g.trim()).filter(Boolean);
    if (groups.length > 0) item.rbacGroupNames = groups;
    return item;
  });
  const batches: IndicatorImportItem[][] = [];
  for (let i = 0; i < items.length; i += MAX_INDICATORS_PER_CALL) batches.push(items.slice(i, i + MAX_INDICATORS_PER_CALL));
  return { ok: true, items, batches, neverExpires };
}
