import type { KeyValueStore } from '../util/key-value-store';
import type { AuditJournal } from './journal';
import type { OutboxState, OutboxStateStore } from './outbox';

const KEY = 'audit-outbox/state';
/** The in-flight marker, apart: marking a post must not rewrite the threads. */
const MARK_KEY = 'audit-outbox/in-flight';

type Marker = NonNullable<OutboxState['inFlight']>;

/**
 * Delivery position, recent threads and the in-flight marker, in the bot's state store (file or
 * Azure Blob), next to containment state. Per post: the small marker before it, the state once
 * after it. A marker the state has moved past is stale and left as it is (a load ignores it);
 * only a refused post, which moves nothing, writes the marker again to clear it.
 */
export function storageOutboxState(storage: Pick<KeyValueStore, 'read' | 'write'>): OutboxStateStore {
  /** What the stored state holds, by reference: the outbox replaces its Maps when they change. */
  let written: (Pick<OutboxState, 'deliveredSeq' | 'summarizedSeq' | 'threads' | 'roots'> & { marked: boolean }) | undefined;
  // A marker inside the state (older saves, or one saved with a changed state) is cleared there.
  const unchanged = (s: OutboxState) =>
    written !== undefined && !written.marked && s.deliveredSeq === written.deliveredSeq && s.summarizedSeq === written.summarizedSeq && s.threads === written.threads && s.roots === written.roots;
  return {
    async load() {
      const items = await storage.read([KEY, MARK_KEY]);
      const stored = items[KEY] as Record<string, unknown> | undefined;
      const deliveredSeq = Number.isInteger(stored?.deliveredSeq) ? (stored?.deliveredSeq as number) : 0;
      const threads = new Map(pairs(stored?.threads).filter((p): p is [string, string] => typeof p[1] === 'string'));
      const state: OutboxState = { deliveredSeq, threads };
      // Root posts were not kept before roots were redrawn: those requests' roots just stay as posted.
      const roots = pairs(stored?.roots).filter((p): p is [string, { activityId: string; seq: number }] => isRoot(p[1]));
      if (roots.length > 0) state.roots = new Map(roots.map(([id, r]) => [id, { activityId: r.activityId, seq: r.seq }]));
      const summarized = stored?.summarizedSeq;
      if (typeof summarized === 'number' && Number.isInteger(summarized) && summarized >= 0 && summarized < deliveredSeq) state.summarizedSeq = summarized;
      // State saved before the marker had its own key may hold one; either way a stale one is dropped.
      const live = [marker((items[MARK_KEY] as { inFlight?: unknown } | undefined)?.inFlight), marker(stored?.inFlight)].filter(
        (m): m is Marker => m !== undefined && m.seq > (m.summary ? (state.summarizedSeq ?? deliveredSeq) : deliveredSeq),
      );
      const inFlight = live.sort((a, b) => b.seq - a.seq)[0];
      if (inFlight) state.inFlight = inFlight;
      written = { deliveredSeq, summarizedSeq: state.summarizedSeq, threads: state.threads, roots: state.roots, marked: stored?.inFlight !== undefined };
      return state;
    },
    async save(state) {
      const { threads, roots, inFlight, ...rest } = state;
      if (unchanged(state)) {
        await storage.write({ [MARK_KEY]: { inFlight: inFlight ?? null, eTag: '*' } });
        return;
      }
      // Pairs, not objects keyed by request id: `__proto__` is a valid request id.
      const stored = { ...rest, threads: [...threads], ...(roots ? { roots: [...roots] } : {}), ...(inFlight ? { inFlight } : {}) };
      // One outbox per journal, so last-writer-wins is right; '*' skips the eTag check.
      await storage.write({ [KEY]: { ...stored, eTag: '*' } });
      written = { deliveredSeq: state.deliveredSeq, summarizedSeq: state.summarizedSeq, threads, roots, marked: inFlight !== undefined };
    },
  };
}

function marker(value: unknown): Marker | undefined {
  const m = value as { seq?: unknown; at?: unknown; summary?: unknown } | null | undefined;
  if (!m || !Number.isInteger(m.seq) || typeof m.at !== 'string') return undefined;
  return { seq: m.seq as number, at: m.at, ...(m.summary === true ? { summary: true as const } : {}) };
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
    ...(journal.refresh ? { refresh: () => (journal.refresh as () => Promise<void>)() } : {}),
    close: () => journal.close(),
  };
}
