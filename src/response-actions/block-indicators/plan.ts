import type { IndicatorImportItem } from '../../mde/indicator-bulk';
import { MAX_INDICATORS_PER_CALL } from '../../mde/indicator-bulk';
import { INDICATOR_CAP, indicatorKey } from '../../triage/coverage';
import { isFileIndicatorType, isNetworkIndicatorType, type IndicatorType } from '../../triage/iocs';
import { valueRefusal } from './values';

/**
 * Planning "Block the N not covered" (pure): the form's choices applied to every IoC, checked as
 * MDE would check them, cut into import calls of ≤500. Refused whole, before anything is sent,
 * when an action does not suit a type (network indicators never take BlockAndRemediate; files
 * never Warn), when any value would be rejected, or when the set would pass the 15,000 cap.
 */

export const FILE_ACTIONS = ['Block', 'BlockAndRemediate', 'Audit'] as const;
export const NETWORK_ACTIONS = ['Block', 'Audit', 'Warn'] as const;
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;

export interface BlockTarget {
  type: IndicatorType;
  value: string;
}

export interface BlockChoices {
  fileAction: string;
  networkAction: string;
  severity: (typeof SEVERITIES)[number];
  /** Whole days from `now`; 0: never expires. */
  expiresInDays: number;
  title: string;
  description: string;
  /** Empty: all devices. */
  rbacGroupNames: string[];
}

export type BlockRefusal =
  | { reason: 'nothing-to-block' }
  | { reason: 'unsupported-action'; detail: string }
  | { reason: 'invalid-values'; invalid: { type: string; value: string; code: string }[] }
  | { reason: 'over-cap'; used: number; adding: number; cap: number };

export type BlockPlan = { ok: true; items: IndicatorImportItem[]; batches: IndicatorImportItem[][] } | ({ ok: false } & BlockRefusal);

const DAY_MS = 86_400_000;

export function planBlock(targets: readonly BlockTarget[], choices: BlockChoices, quota: { used: number }, now: number): BlockPlan {
  // One indicator per value and type (MDE keeps one per pair): repeats are dropped here.
  const byKey = new Map<string, BlockTarget>();
  for (const t of targets) if (!byKey.has(indicatorKey(t.type, t.value))) byKey.set(indicatorKey(t.type, t.value), t);
  const unique = [...byKey.values()];
  if (unique.length === 0) return { ok: false, reason: 'nothing-to-block' };
  if (unique.some((t) => isFileIndicatorType(t.type)) && !(FILE_ACTIONS as readonly string[]).includes(choices.fileAction)) {
    return { ok: false, reason: 'unsupported-action', detail: `Files take ${FILE_ACTIONS.join(', ')}; not ${choices.fileAction}.` };
  }
  if (unique.some((t) => isNetworkIndicatorType(t.type)) && !(NETWORK_ACTIONS as readonly string[]).includes(choices.networkAction)) {
    return { ok: false, reason: 'unsupported-action', detail: `Network indicators (IPs, domains, URLs) take ${NETWORK_ACTIONS.join(', ')}; not ${choices.networkAction}.` };
  }
  const invalid = unique.flatMap((t) => {
    const code = valueRefusal(t.type, t.value);
    return code ? [{ type: t.type, value: t.value, code }] : [];
  });
  if (invalid.length > 0) return { ok: false, reason: 'invalid-values', invalid };
  if (quota.used + unique.length > INDICATOR_CAP) return { ok: false, reason: 'over-cap', used: quota.used, adding: unique.length, cap: INDICATOR_CAP };

  const expirationTime = choices.expiresInDays > 0 ? new Date(now + choices.expiresInDays * DAY_MS).toISOString() : undefined;
  const items = unique.map((t): IndicatorImportItem => {
    const action = isFileIndicatorType(t.type) ? choices.fileAction : choices.networkAction;
    const item: IndicatorImportItem = { indicatorValue: t.value, indicatorType: t.type, action, title: choices.title, description: choices.description, severity: choices.severity };
    // MDE refuses Audit without an alert (reference §3a); Verdict's blocks alert too.
    item.generateAlert = true;
    if (expirationTime) item.expirationTime = expirationTime;
    if (choices.rbacGroupNames.length > 0) item.rbacGroupNames = [...choices.rbacGroupNames];
    return item;
  });
  const batches: IndicatorImportItem[][] = [];
  for (let i = 0; i < items.length; i += MAX_INDICATORS_PER_CALL) batches.push(items.slice(i, i + MAX_INDICATORS_PER_CALL));
  return { ok: true, items, batches };
}
