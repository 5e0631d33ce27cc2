import { MDE_API_LIMITS, type ApiFamily, type FamilyLimits } from './api-families';

/**
 * Each instance's share of MDE's per-app limits when `instances` instances call MDE with one app
 * registration: every family's minute and hour divided evenly (rounded down), so all of them
 * together stay within the published limits without asking each other before a call. The price:
 * one busy instance cannot borrow an idle one's share (see docs/architecture.md §7).
 *
 * A family whose minute limit is smaller than the instance count cannot be split in whole calls
 * (the package link, 2 a minute): each instance still gets 1 a minute, so a burst on every instance
 * at once can meet a 429, which the request pipeline waits out (Retry-After). Such families are
 * rare clicks; `unevenFamilies` names them for the start-up warning (src/mde/create.ts).
 */
export function budgetShare(instances: number): Record<ApiFamily, FamilyLimits> {
  const n = Math.max(1, Math.floor(instances));
  const share = (limit: number) => Math.max(1, Math.floor(limit / n));
  const entries = Object.entries(MDE_API_LIMITS).map(([family, l]) => [family, { perMinute: share(l.perMinute), perHour: share(l.perHour) }]);
  return Object.fromEntries(entries) as Record<ApiFamily, FamilyLimits>;
}

/** The families `instances` cannot share in whole calls a minute (see `budgetShare`). */
export function unevenFamilies(instances: number): ApiFamily[] {
  const n = Math.max(1, Math.floor(instances));
  return (Object.entries(MDE_API_LIMITS) as [ApiFamily, FamilyLimits][]).filter(([, l]) => l.perMinute < n).map(([family]) => family);
}
