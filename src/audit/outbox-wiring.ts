import type { Storage } from 'botbuilder';
import type { AuditJournal } from './journal';
import type { OutboxState, OutboxStateStore } from './outbox';

const KEY = 'audit-outbox/state';

/**
 * Delivery position (and the in-flight marker) kept in the bot's state store (file or Azure
 * Blob), next to containment state: one write before each post and one after.
 */
export function storageOutboxState(storage: Pick<Storage, 'read' | 'write'>): OutboxStateStore {
  return {
    async load() {
      const items = await storage.read([KEY]);
      const stored = items[KEY] as Partial<OutboxState> | undefined;
      const state: OutboxState = { deliveredSeq: stored?.deliveredSeq ?? 0, threads: { ...(stored?.threads ?? {}) } };
      // Root posts were not kept before roots were redrawn: those requests' roots just stay as posted.
      const roots = Object.entries(stored?.roots ?? {}).filter(([, r]) => typeof r?.activityId === 'string' && Number.isInteger(r?.seq));
      if (roots.length > 0) state.roots = Object.fromEntries(roots);
      // State saved before the in-flight marker existed has none; it loads as "nothing in flight".
      const inFlight = stored?.inFlight;
      if (inFlight && Number.isInteger(inFlight.seq) && typeof inFlight.at === 'string') state.inFlight = { seq: inFlight.seq, at: inFlight.at };
      return state;
    },
    async save(state) {
      // One outbox per journal, so last-writer-wins is right; '*' skips the eTag check.
      await storage.write({ [KEY]: { ...state, eTag: '*' } });
    },
  };
}

/** The same journal, calling `afterAppend` once each entry is durable (the outbox's kick). */
export function notifyingJournal(journal: AuditJournal, afterAppend: () => void): AuditJournal {
  return {
    append: async (entry) => {
      const appended = await journal.append(entry);
      afterAppend();
      return appended;
    },
    read: (options) => journal.read(options),
    verify: () => journal.verify(),
    head: () => journal.head(),
    close: () => journal.close(),
  };
}
