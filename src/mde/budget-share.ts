import { MDE_API_LIMITS, type ApiFamily, type FamilyLimits } from './api-families';

/**
 * Each instance's share of MDE's per-app limits when `instances` instances call MDE with one app
 * registration: every family's minute and hour divided evenly (rounded down, at least 1), so all
 * of them together stay within the published limits without asking each other before a call.
 * The price: one busy instance cannot borrow an idle one's share (see docs/architecture.md §7).
 */
export function budgetShare(instances: number): Record<ApiFamily, FamilyLimits> {
  const n = Math.max(1, Math.floor(instances));
  const share = (limit: number) => Math.max(1, Math.floor(limit / n));
  const entries = Object.entries(MDE_API_LIMITS).map(([family, l]) => [family, { perMinute: share(l.perMinute), perHour: share(l.perHour) }]);
  return Object.fromEntries(entries) as Record<ApiFamily, FamilyLimits>;
}
