import type { ServiceDeps } from './deps';
import { indicatorSubmission } from './mde-call';
import type { ContainmentRequest } from './model';

/** What MDE shows for a request whose call may or may not have gone through. */
export type Evidence = { found: true; mdeId: string; mdeStatus: string } | { found: false; detail: string };

/** MDE's clock and ours may disagree; an action this much older than our start still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Status recorded for an indicator MDE holds: indicators have no status of their own. */
export const INDICATOR_ACTIVE = 'Active';

/**
 * Looks in MDE for the effect of `request` (read-only calls; throws MdeError). Used after an
 * ambiguous failure (timeout, 5xx, unreadable 2xx: MDE may have acted) and by start-up recovery,
 * instead of ever repeating the call. An indicator counts only with the action we asked for and
 * not yet expired; an isolation only if created since our call started (less clock skew).
 */
export async function findEvidence(deps: ServiceDeps, request: ContainmentRequest): Promise<Evidence> {
  const startedAt = Date.parse(request.execution?.startedAt ?? request.history[request.history.length - 1]?.at ?? request.createdAt);
  if (request.kind === 'block-file') {
    const wanted = indicatorSubmission(request);
    const existing = await deps.indicators.findExisting(wanted.indicatorValue);
    if (!existing) return { found: false, detail: 'no indicator on the hash' };
    if (existing.action !== wanted.action) return { found: false, detail: `indicator ${existing.id} has action ${existing.action}, not ${wanted.action}` };
    if (existing.expirationTime && Date.parse(existing.expirationTime) <= deps.clock()) return { found: false, detail: `indicator ${existing.id} has expired` };
    return { found: true, mdeId: existing.id, mdeStatus: INDICATOR_ACTIVE };
  }
  const since = new Date(startedAt - CLOCK_SKEW_MS).toISOString();
  const action = await deps.machines.findRecentIsolation(request.target.machineId, since);
  return action ? { found: true, mdeId: action.id, mdeStatus: action.status } : { found: false, detail: `no isolation action since ${since}` };
}
