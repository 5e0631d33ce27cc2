import type { FileProfileResult } from '../mde/client';
import type { MdeIndicator } from '../mde/indicator';
import { INDICATOR_CAP, refOf, type IndicatorRef } from './coverage';
import { hashTypeOf } from './hashes';
import { decideVerdict } from './verdict';

/**
 * The review of a tenant's custom indicators (/indicators), pure: counts by type and action, what
 * expires within 7 days, what Verdict created, and the redundancy review: file-hash indicators on
 * files Defender already detects as malware, whose quota retiring them would free. Only active
 * (unexpired) indicators count against the 15,000 cap, so only they are reviewed.
 */

export const EXPIRING_WITHIN_MS = 7 * 86_400_000;

export interface RedundantIndicator extends IndicatorRef {
  threatName: string;
}

export interface IndicatorReview {
  total: number;
  active: number;
  byType: [string, number][];
  byAction: [string, number][];
  /** Active ones expiring within 7 days, soonest first. */
  expiringSoon: IndicatorRef[];
  createdByVerdict: number;
  redundancy: {
    /** File-hash indicators that hunting profiled (SHA-1/SHA-256). */
    checked: number;
    /** MD5 indicators (FileProfile cannot take an MD5) and hashes hunting could not profile. */
    notChecked: number;
    redundant: RedundantIndicator[];
    /** Share of the 15,000 cap retiring them would free, 0–1. */
    capShare: number;
  } | null;
}

const isActive = (i: MdeIndicator, now: number) => !i.expirationTime || !(Date.parse(i.expirationTime) <= now);
const count = (values: string[]) => [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]);

/** The SHA-1/SHA-256 values of active file-hash indicators: what the redundancy review profiles. */
export function profilableHashes(indicators: readonly MdeIndicator[], now: number): string[] {
  const hashes = new Set<string>();
  for (const i of indicators) {
    const v = i.indicatorValue.trim().toLowerCase();
    if (isActive(i, now) && (i.indicatorType === 'FileSha256' || i.indicatorType === 'FileSha1') && (hashTypeOf(v) === 'sha256' || hashTypeOf(v) === 'sha1')) hashes.add(v);
  }
  // SHA-256 first, then SHA-1: FileProfile takes one id column a query, so sorted chunks of 1,000 stay one query each.
  return [...hashes].sort((a, b) => b.length - a.length);
}

export function reviewIndicators(input: { indicators: readonly MdeIndicator[]; profiles: readonly FileProfileResult[] | null; now: number; ownClientId?: string }): IndicatorReview {
  const { now, ownClientId } = input;
  const active = input.indicators.filter((i) => isActive(i, now));
  const expiringSoon = active
    .filter((i) => i.expirationTime && Date.parse(i.expirationTime) - now <= EXPIRING_WITHIN_MS)
    .sort((a, b) => Date.parse(a.expirationTime ?? '') - Date.parse(b.expirationTime ?? ''))
    .map((i) => refOf(i, ownClientId));
  const createdByVerdict = ownClientId ? active.filter((i) => i.createdBy?.toLowerCase() === ownClientId.toLowerCase()).length : 0;
  return {
    total: input.indicators.length,
    active: active.length,
    byType: count(active.map((i) => i.indicatorType ?? 'Unknown')),
    byAction: count(active.map((i) => i.action ?? 'Unknown')),
    expiringSoon,
    createdByVerdict,
    redundancy: input.profiles ? redundancyOf(active, input.profiles, ownClientId) : null,
  };
}

function redundancyOf(active: readonly MdeIndicator[], profiles: readonly FileProfileResult[], ownClientId?: string): IndicatorReview['redundancy'] {
  const byHash = new Map(profiles.map((p) => [p.hash.toLowerCase(), p]));
  const redundant: RedundantIndicator[] = [];
  let checked = 0;
  let notChecked = 0;
  for (const i of active) {
    if (!i.indicatorType?.startsWith('File')) continue;
    const profile = byHash.get(i.indicatorValue.trim().toLowerCase());
    if (!profile || profile.unavailable) {
      notChecked++;
      continue;
    }
    checked++;
    const verdict = decideVerdict(profile.file);
    if (verdict.level === 'malicious') redundant.push({ ...refOf(i, ownClientId), threatName: verdict.threatName ?? '' });
  }
  return { checked, notChecked, redundant, capShare: redundant.length / INDICATOR_CAP };
}
