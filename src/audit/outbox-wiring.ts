import type { Storage } from 'botbuilder';
import type { AuditJournal } from './journal';
import type { OutboxState, OutboxStateStore } from './outbox';

const KEY = 'audit-outbox/state';

/** Delivery position kept in the bot's state store (file or Azure Blob), next to containment state. */
export function storageOutboxState(storage: Pick<Storage, 'read' | 'write'>): OutboxStateStore {
  return {
    async load() {
      const items = await storage.read([KEY]);
      const stored = items[KEY] as Partial<OutboxState> | undefined;
      return { deliveredSeq: stored?.deliveredSeq ?? 0, threads: { ...(stored?.threads ?? {}) } };
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
