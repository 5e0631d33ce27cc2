import { coversAction } from './indicator-strength';
import { indicatorOf, type BlockFileParameters, type BlockFileTarget, type SupersededIndicator } from './request';
import type { ExistingIndicator, IndicatorGateway } from '../../mde/containment-ports';

/** `covered`: a live indicator already does what was asked. Otherwise what approving would supersede, if anything. */
export type IndicatorCheck = { covered: ExistingIndicator } | { covered?: undefined; supersedes?: SupersededIndicator };

const isLive = (indicator: ExistingIndicator, now: number) => !indicator.expirationTime || Date.parse(indicator.expirationTime) > now;

/**
 * The live indicator that governs the file now, judged against the requested action. The SHA-256
 * is asked first: the longer hash wins MDE's conflicts, so a live SHA-256 indicator is what
 * applies, whatever is on the SHA-1. Only then is the SHA-1 asked (POST would silently update an
 * indicator we had missed). A weaker or opposite one is not a reason to refuse: it is returned as
 * `supersedes`, for the approver to see.
 */
export async function checkExistingIndicator(gateway: IndicatorGateway, target: BlockFileTarget, requested: BlockFileParameters['action'], now: number): Promise<IndicatorCheck> {
  const submitted = indicatorOf(target);
  for (const hash of ['sha256', 'sha1'] as const) {
    const value = target[hash];
    if (!value) continue;
    const existing = await gateway.findExisting(value);
    if (!existing || !isLive(existing, now)) continue;
    if (coversAction(existing.action, requested)) return { covered: existing };
    // MDE keeps one indicator per value and type, so one on the hash we submit is updated in place;
    // one on the SHA-1 when we submit the SHA-256 stays, outranked.
    return { supersedes: supersededOf(existing, hash, value === submitted?.value) };
  }
  return {};
}

/** Bounded to the stored schema's limits: these strings come from MDE. */
function supersededOf(existing: ExistingIndicator, hash: 'sha256' | 'sha1', replaced: boolean): SupersededIndicator {
  return {
    id: existing.id.slice(0, 128),
    action: existing.action.slice(0, 64),
    hash,
    replaced,
    expirationTime: existing.expirationTime?.slice(0, 64) ?? null,
    createdBy: existing.createdBy?.slice(0, 256) ?? null,
  };
}
