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
      const stored = items[KEY] as Record<string, unknown> | undefined;
      const deliveredSeq = Number.isInteger(stored?.deliveredSeq) ? (stored?.deliveredSeq as number) : 0;
      const threads = new Map(pairs(stored?.threads).filter((p): p is [string, string] => typeof p[1] === 'string'));
      const state: OutboxState = { deliveredSeq, threads };
      // Root posts were not kept before roots were redrawn: those requests' roots just stay as posted.
      const roots = pairs(stored?.roots).filter((p): p is [string, { activityId: string; seq: number }] => isRoot(p[1]));
      if (roots.length > 0) state.roots = new Map(roots.map(([id, r]) => [id, { activityId: r.activityId, seq: r.seq }]));
      // State saved before the in-flight marker existed has none; it loads as "nothing in flight".
      const inFlight = stored?.inFlight as { seq?: unknown; at?: unknown; summary?: unknown } | undefined;
      if (inFlight && Number.isInteger(inFlight.seq) && typeof inFlight.at === 'string') state.inFlight = { seq: inFlight.seq as number, at: inFlight.at, ...(inFlight.summary === true ? { summary: true as const } : {}) };
      const summarized = stored?.summarizedSeq;
      if (typeof summarized === 'number' && Number.isInteger(summarized) && summarized >= 0 && summarized < deliveredSeq) state.summarizedSeq = summarized;
      return state;
    },
    async save(state) {
      const { threads, roots, ...rest } = state;
      // Pairs, not objects keyed by request id: `__proto__` is a valid request id.
      const stored = { ...rest, threads: [...threads], ...(roots ? { roots: [...roots] } : {}) };
      // One outbox per journal, so last-writer-wins is right; '*' skips the eTag check.
      await storage.write({ [KEY]: { ...stored, eTag: '*' } });
    },
  };
}

/** Key-value pairs as saved (an array), or as state saved before that (an object, read own keys only). */
function pairs(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.filter((p): p is [string, unknown] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string');
  if (value && typeof value === 'object') return Object.entries(value);
  return [];
}

const isRoot = (r: unknown): r is { activityId: string; seq: number } =>
  typeof (r as { activityId?: unknown } | null)?.activityId === 'string' && Number.isInteger((r as { seq?: unknown }).seq);

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
