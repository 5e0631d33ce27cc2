import type { Telemetry } from './telemetry';

interface Entry {
  type: string;
  requestId?: string;
  data: Record<string, unknown>;
}

/** How many open requests' start times are remembered; the oldest is forgotten beyond this. */
const MAX_OPEN = 1000;
const KIND = /^[a-z][a-z-]{0,40}$/;

/**
 * Approval time-to-decision, read off the journal as entries are appended: from a request's
 * `containment.requested` entry to its `approved` or `denied` one (the journal's own `at`). Kept
 * out of containment itself, which only journals. Requests opened before a restart are not
 * measured (their start is not remembered).
 */
/** Any journal-like sink whose append resolves with the entry as journaled (its `at`). */
type Appends = { append(entry: never): Promise<{ at: string }> };

export function timedDecisions<J extends Appends>(journal: J, telemetry: Telemetry): J {
  if (!telemetry.enabled) return journal;
  const requestedAt = new Map<string, number>();
  const seen = (entry: Entry, appended: { at: string }): void => {
    const id = entry.requestId;
    if (id === undefined) return;
    const at = Date.parse(appended.at);
    if (entry.type === 'containment.requested') {
      requestedAt.set(id, at);
      if (requestedAt.size > MAX_OPEN) requestedAt.delete(requestedAt.keys().next().value as string);
      return;
    }
    const decision = entry.type === 'containment.approved' ? 'approved' : entry.type === 'containment.denied' ? 'denied' : undefined;
    const started = requestedAt.get(id);
    if (decision && started !== undefined) {
      const kind = typeof entry.data.kind === 'string' && KIND.test(entry.data.kind) ? entry.data.kind : 'other';
      telemetry.record('verdict.approval.time_to_decision', Math.max(0, at - started) / 1000, { 'containment.kind': kind, 'containment.decision': decision });
    }
    if (decision || entry.type === 'containment.expired' || entry.type === 'containment.cancelled') requestedAt.delete(id);
  };
  return {
    ...journal,
    append: async (entry: Parameters<J['append']>[0]) => {
      const appended = await journal.append(entry);
      seen(entry as Entry, appended);
      return appended;
    },
  } as J;
}
