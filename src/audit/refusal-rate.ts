import type { AuditJournal } from './journal';

export interface RefusalRateOptions {
  now: () => number;
  /** Refusals one person may have posted one by one within `windowMs`; later ones are summarised. */
  perPerson?: number;
  windowMs?: number;
  /** People remembered at once (the oldest are forgotten first): the map is keyed by outside ids. */
  maxPeople?: number;
}

/**
 * Rate-limits refusals per person before they reach the audit channel. Every refusal is still
 * journaled (the journal stays a true record); once a person has had `perPerson` refusals within
 * `windowMs`, their next ones are journaled with `rateLimited: true`, which the outbox treats as
 * noise: posted in per-person summaries after requests and decisions, never one card each. This
 * covers what the reason-based noise rules cannot: someone who holds a role clicking Cancel on
 * another's request, or an approver clicking a decided request, as fast as they can click.
 * The mark is written into the entry, so a restart decides exactly as the first run did.
 */
export function rateLimitingRefusals(journal: AuditJournal, options: RefusalRateOptions): AuditJournal {
  const perPerson = options.perPerson ?? 5;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const maxPeople = options.maxPeople ?? 10_000;
  const recent = new Map<string, number[]>();

  const overLimit = (key: string): boolean => {
    const now = options.now();
    const times = (recent.get(key) ?? []).filter((t) => now - t < windowMs);
    const over = times.length >= perPerson;
    if (!over) times.push(now);
    // Re-inserted: a Map keeps insertion order, so the first key is the one heard from longest ago.
    recent.delete(key);
    recent.set(key, times);
    if (recent.size > maxPeople) recent.delete(recent.keys().next().value as string);
    return over;
  };

  return {

    append: (entry) => {
      if (entry.type !== 'containment.refused') return journal.append(entry);
      const key = entry.actor.aadObjectId?.toLowerCase() || `name:${entry.actor.name ?? ''}`;
      return journal.append(overLimit(key) ? { ...entry, data: { ...entry.data, rateLimited: true } } : entry);
    },
    read: (o) => journal.read(o),
    verify: () => journal.verify(),
    head: () => journal.head(),
    ...(journal.refresh ? { refresh: () => (journal.refresh as () => Promise<void>)() } : {}),
    close: () => journal.close(),
  };
}
