import type { AuditEntry } from './journal';

/**
 * Refusals the router decides before anything else runs: people with no Verdict role, without the
 * role a click needs, or from a tenant that may not use Verdict. Anyone can cause them, as fast as
 * they can click, so they are journaled one by one (the journal stays a true record) but posted
 * as per-person summaries after requests and decisions, which never wait behind them. A service
 * refusal (an approver who may not approve this one, four-eyes…) is posted like any other entry.
 */
const NOISE_REASONS: ReadonlySet<string> = new Set([
  'no-role',
  'missing-role',
  'wrong-tenant',
  // The service's word for missing-role: every role gets past the router to Approve, Deny and
  // Cancel, and a reader (or the responder who asked) is refused there, as cheaply and as often.
  'not-allowed',
]);

/**
 * Also a click on a request that does not exist: anyone with any role gets past the router with a
 * made-up id, as cheaply, and such a refusal names no request (it has no thread to keep in order).
 * One about a request that exists (a stored request found corrupt) is posted like any other.
 */
const aboutNoRequest = (entry: AuditEntry): boolean => entry.data.reason === 'not-found' && entry.requestId === undefined;

/** Also any refusal past one person's rate (src/audit/refusal-rate.ts marks it when journaled). */
export const isRefusalNoise = (entry: AuditEntry): boolean =>
  entry.type === 'containment.refused' &&
  (entry.data.rateLimited === true || (typeof entry.data.reason === 'string' && (NOISE_REASONS.has(entry.data.reason) || aboutNoRequest(entry))));

export interface PersonTally {
  name: string;
  count: number;
  reasons: string[];
  verbs: string[];
}

export interface RefusalTally {
  first: AuditEntry;
  last: AuditEntry;
  count: number;
  /** Most refusals first. */
  people: PersonTally[];
}

/** Who was refused how often, and why, over `entries` (refusal noise only). */
export function tallyRefusals(entries: readonly AuditEntry[]): RefusalTally | undefined {
  const [first] = entries;
  const last = entries[entries.length - 1];
  if (!first || !last) return undefined;
  const byPerson = new Map<string, { name: string; count: number; reasons: Set<string>; verbs: Set<string> }>();
  for (const e of entries) {
    const key = e.actor.aadObjectId?.toLowerCase() || `name:${e.actor.name ?? ''}`;
    const person = byPerson.get(key) ?? { name: e.actor.name || e.actor.aadObjectId || 'someone unnamed', count: 0, reasons: new Set<string>(), verbs: new Set<string>() };
    person.count++;
    if (typeof e.data.reason === 'string') person.reasons.add(e.data.reason);
    if (typeof e.data.verb === 'string') person.verbs.add(e.data.verb);
    byPerson.set(key, person);
  }
  const people = [...byPerson.values()].map((p) => ({ name: p.name, count: p.count, reasons: [...p.reasons], verbs: [...p.verbs] })).sort((a, b) => b.count - a.count);
  return { first, last, count: entries.length, people };
}
