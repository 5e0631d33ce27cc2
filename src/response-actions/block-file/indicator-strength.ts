import { ownValue } from '../../own-value';
import type { BlockFileParameters } from './request';

type IndicatorAction = BlockFileParameters['action'];

/**
 * How strongly an indicator action enforces on a file: Audit < Warn < Block < BlockAndRemediate.
 * The retired `Alert` and `AlertAndBlock` (reference §3a) rank with Audit and Block. `Allowed` is
 * not on this scale: it is the opposite intent (allow-list the file), so it neither covers an
 * enforcing request nor is covered by one.
 */
const ENFORCEMENT_RANK: Readonly<Record<string, number>> = Object.freeze({
  Audit: 1,
  Alert: 1,
  Warn: 2,
  Block: 3,
  AlertAndBlock: 3,
  BlockAndRemediate: 4,
});

/**
 * True when an indicator with action `existing` already does what `requested` would do, so a new
 * request would only duplicate it: the same intent, at least as strong. An action Verdict does not
 * know (MDE adds values; `Unknown` when MDE sent none) cannot be compared and counts as covering,
 * so the requester sees it on the "already covered" card instead of overwriting it unseen.
 */
export function coversAction(existing: string, requested: IndicatorAction): boolean {
  if (existing === requested) return true;
  if (existing === 'Allowed') return false;
  const had = ownValue(ENFORCEMENT_RANK, existing);
  if (had === undefined) return true;
  // Lifting an enforcing indicator is a decision of its own, for an approver, not a duplicate.
  if (requested === 'Allowed') return false;
  return had >= (ownValue(ENFORCEMENT_RANK, requested) ?? Number.POSITIVE_INFINITY);
}
