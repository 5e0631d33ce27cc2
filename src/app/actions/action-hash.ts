import { problemCard } from '../../cards/problem-card';
import { hashTypeOf, type FoundHash, type HashType } from '../../triage/hashes';
import type { Card } from '../../cards/card';
import type { Turn } from '../turn';

/**
 * The hash a file button carries in `data.sha`, when it is one of `types`. Card data comes back
 * from the client and may be forged: only this one field is read, and only well-formed hex of an
 * allowed length passes. Everything else in the data is ignored.
 */
export function hashFromAction(turn: Turn, types: readonly HashType[]): FoundHash | undefined {
  const raw = turn.action?.data.sha;
  if (typeof raw !== 'string' || raw.length > 100) return undefined;
  const value = raw.trim().toLowerCase();
  const type = hashTypeOf(value);
  return type !== undefined && types.includes(type) ? { value, type } : undefined;
}

/** The answer to a button whose data is not what Verdict puts there. */
export function invalidButtonCard(turn: Turn): Card {
  turn.log.warn({ shaType: typeof turn.action?.data.sha }, 'card action without a valid hash');
  return problemCard({
    title: 'This button is not valid',
    detail: 'It did not carry a file hash Verdict can look up.',
    action: 'Run the command again to get a fresh card.',
  });
}
