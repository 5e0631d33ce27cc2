import type { AuditEntry } from './journal';
import type { OutboxOptions, OutboxState } from './outbox-ports';

/** Entries after which a request's root post is redrawn: everything that moves the request on. */
const MOVES_ON: ReadonlySet<AuditEntry['type']> = new Set([
  'containment.approved',
  'containment.denied',
  'containment.cancelled',
  'containment.expired',
  'containment.executing',
  'containment.succeeded',
  'containment.failed',
  'containment.action-status',
]);

/** Root entries kept in memory, so redrawing a recent request's root needs no journal read. */
const ROOT_CACHE = 1_000;

export interface RootRedrawContext {
  opts: Pick<OutboxOptions, 'renderRoot' | 'poster' | 'journal' | 'logger'>;
  state(): OutboxState | undefined;
  threadOf(state: OutboxState, requestId: string | undefined): string | undefined;
  /** Runs `work` at the outbox's pace; false (and nothing run) once stopped. */
  paced(work: () => Promise<void>): Promise<boolean>;
}

/**
 * A request's root post (the first card of its thread) is redrawn as the request moves on, so its
 * Approve / Deny are gone once decided. Cosmetic and idempotent: a failure is logged and left to
 * the next entry of that request.
 */
export function createRootRedrawer(ctx: RootRedrawContext) {
  /** Root entries posted by this process, so redrawing a root seldom needs a journal read. */
  const rootEntries = new Map<string, AuditEntry>();
  return {
    /** `entry` started its request's thread. */
    started(entry: AuditEntry): void {
      if (entry.requestId === undefined) return;
      rootEntries.delete(entry.requestId);
      rootEntries.set(entry.requestId, entry);
      // Only a cache (a miss reads the journal): the oldest go first.
      for (const oldest of rootEntries.keys()) {
        if (rootEntries.size <= ROOT_CACHE) break;
        rootEntries.delete(oldest);
      }
    },
    async redraw(entry: AuditEntry): Promise<void> {
      const { renderRoot } = ctx.opts;
      const updateRoot = ctx.opts.poster.updateRoot?.bind(ctx.opts.poster);
      const state = ctx.state();
      const requestId = entry.requestId;
      const root = requestId === undefined ? undefined : state?.roots?.get(requestId);
      const threadId = state ? ctx.threadOf(state, requestId) : undefined;
      // Not when this entry is the root itself (a request whose thread started with it).
      if (!renderRoot || !updateRoot || !requestId || !root || !threadId || root.seq === entry.seq || !MOVES_ON.has(entry.type)) return;
      try {
        const rootEntry = rootEntries.get(requestId) ?? (await ctx.opts.journal.read({ since: root.seq - 1, limit: 1 }))[0];
        if (!rootEntry || rootEntry.seq !== root.seq) return;
        await ctx.paced(() => updateRoot(threadId, root.activityId, renderRoot(rootEntry, entry)));
      } catch (err) {
        ctx.opts.logger.warn({ err, seq: entry.seq, requestId }, "could not redraw the request's first card in the audit channel");
      }
    },
  };
}
