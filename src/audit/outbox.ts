import type { Card } from '../app/card';
import { auditSkippedCard } from '../cards/audit-skipped-card';
import type { AuditEntry } from './journal';
import { PostError, type Outbox, type OutboxOptions, type OutboxState } from './outbox-ports';
import { afterNewThread, afterPassing, afterReply, threadOf as threadIn } from './outbox-threads';

export * from './outbox-ports';

/** Entries read from the journal at a time (at one post a second, under a minute of work). */
const READ_BATCH = 50;

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

/**
 * Posts journal entries to the audit channel in journal order, each exactly once: the position
 * is saved after every successful post, so a restart resumes where delivery stopped. A failed
 * post is retried (Retry-After honoured, jittered backoff) and later entries wait behind it,
 * so the channel never shows them out of order. The one window left: a crash after Teams
 * accepted a post and before the position was saved. It is made visible rather than silent: an
 * in-flight marker is saved before each post, and an entry that finds one at start is posted
 * again marked as a possible repeat (and logged). No other crash or restart repeats a post. (A
 * 5xx or a dropped connection that hid a post Teams did take is retried unmarked, here and, for
 * 5xx, inside the connector SDK: an ambiguity of the transport, not of restarts.)
 */
export function createOutbox(opts: OutboxOptions): Outbox {
  const minInterval = opts.minIntervalMs ?? 1000;
  const maxBackoff = opts.maxBackoffMs ?? 5 * 60_000;
  const random = opts.random ?? Math.random;
  const maxRefused = opts.maxAttempts?.refused ?? 3;
  const maxTransient = opts.maxAttempts?.transient ?? 20;
  let state: OutboxState | undefined;
  /** The previous process's in-flight marker, until that entry is delivered. */
  let leftInFlight: OutboxState['inFlight'];
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastPostAt = -Infinity;
  const abort = new AbortController();
  /** Root entries posted by this process, so redrawing a root seldom needs a journal read. */
  const rootEntries = new Map<string, AuditEntry>();

  const pace = async (): Promise<void> => {
    const wait = lastPostAt + minInterval - opts.now();
    if (wait > 0) await opts.sleep(wait, abort.signal);
  };

  const threadOf = (current: OutboxState, requestId: string | undefined) => threadIn(current, requestId, opts.channelId);

  async function post(entry: AuditEntry, current: OutboxState, card: Card): Promise<OutboxState> {
    const thread = threadOf(current, entry.requestId);
    await pace();
    if (stopped) throw new PostError('outbox stopped', 0);
    await opts.state.save({ ...current, inFlight: { seq: entry.seq, at: new Date(opts.now()).toISOString() } });
    lastPostAt = opts.now();
    if (thread) {
      await opts.poster.reply(thread, card);
      return afterReply(current, entry);
    }
    const { threadId, activityId } = await opts.poster.startThread(card);
    if (entry.requestId !== undefined) {
      rootEntries.delete(entry.requestId);
      rootEntries.set(entry.requestId, entry);
      // Only a cache (a miss reads the journal): the oldest go first.
      for (const oldest of rootEntries.keys()) {
        if (rootEntries.size <= ROOT_CACHE) break;
        rootEntries.delete(oldest);
      }
    }
    return afterNewThread(current, entry, threadId, activityId);
  }

  /** The notice posted instead of an entry the channel would not take: a thread of its own. */
  async function postSkipped(entry: AuditEntry, current: OutboxState, reason: string): Promise<OutboxState> {
    await pace();
    if (stopped) throw new PostError('outbox stopped', 0);
    await opts.state.save({ ...current, inFlight: { seq: entry.seq, at: new Date(opts.now()).toISOString() } });
    lastPostAt = opts.now();
    await opts.poster.startThread((opts.renderSkipped ?? auditSkippedCard)(entry, reason));
    return afterPassing(current, entry.seq);
  }

  /**
   * After a request moves on, its root post is redrawn (its Approve / Deny gone once decided).
   * Cosmetic and idempotent: a failure is logged and left to the next entry of that request.
   */
  async function redrawRoot(entry: AuditEntry): Promise<void> {
    const { renderRoot } = opts;
    const updateRoot = opts.poster.updateRoot?.bind(opts.poster);
    const requestId = entry.requestId;
    const root = requestId === undefined ? undefined : state?.roots?.get(requestId);
    const threadId = state ? threadOf(state, requestId) : undefined;
    // Not when this entry is the root itself (a request whose thread started with it).
    if (!renderRoot || !updateRoot || !requestId || !root || !threadId || root.seq === entry.seq || !MOVES_ON.has(entry.type)) return;
    try {
      const rootEntry = rootEntries.get(requestId) ?? (await opts.journal.read({ since: root.seq - 1, limit: 1 }))[0];
      if (!rootEntry || rootEntry.seq !== root.seq) return;
      await pace();
      if (stopped) return;
      lastPostAt = opts.now();
      await updateRoot(threadId, root.activityId, renderRoot(rootEntry, entry));
    } catch (err) {
      opts.logger.warn({ err, seq: entry.seq, requestId }, "could not redraw the request's first card in the audit channel");
    }
  }

  const backoffFor = (e: PostError, attempt: number): number => {
    const backoff = Math.min(maxBackoff, (e.transient ? 1000 : 30_000) * 2 ** Math.min(attempt, 10));
    return Math.max(e.retryAfterMs ?? 0, backoff * (0.5 + random() / 2));
  };

  async function deliverOne(entry: AuditEntry): Promise<void> {
    const possibleRepeat = leftInFlight?.seq === entry.seq;
    if (possibleRepeat) opts.logger.warn({ seq: entry.seq, inFlightSince: leftInFlight?.at }, 'audit entry was in flight when the bot stopped; re-sending it marked as a possible repeat');
    let next: OutboxState | undefined;
    // Rendered once: a retry posts the same card (rendering may ask Teams who is in the channel).
    let card: Card | undefined;
    /** Set once the entry's own card is given up: the notice that replaces it, and why. */
    let skipped: string | undefined;
    const failures = { refused: 0, transient: 0 };
    for (let attempt = 0; !next; attempt++) {
      if (stopped) return;
      try {
        if (skipped !== undefined) next = await postSkipped(entry, state as OutboxState, skipped);
        else {
          card ??= await opts.render(entry, { possibleRepeat });
          next = await post(entry, state as OutboxState, card);
        }
      } catch (err) {
        if (stopped) return;
        // Anything but a PostError is Verdict's own code failing (rendering, bookkeeping): a retry
        // would fail the same way, so it counts as refused, never as transient.
        const e = err instanceof PostError ? err : new PostError(err instanceof Error ? err.message : String(err), 0);
        // A status below 500 is Teams refusing the post, so nothing is in flight any more; a 5xx
        // or a lost connection may still have posted it, and so may the process before a restart:
        // then the marker stays.
        if (e.status !== undefined && e.status < 500 && !possibleRepeat) await clearInFlight(entry.seq);
        failures[e.transient ? 'transient' : 'refused']++;
        if (skipped === undefined && (failures.refused >= maxRefused || failures.transient >= maxTransient)) {
          skipped = skipReason(e, err);
          opts.logger.error({ err, seq: entry.seq, requestId: entry.requestId, status: e.status, attempts: attempt + 1 }, 'could not post an audit entry; posting a notice in its place (the journal keeps the entry)');
          continue;
        }
        const delay = backoffFor(e, attempt);
        if (skipped !== undefined) opts.logger.error({ seq: entry.seq, status: e.status, attempt, delayMs: Math.round(delay) }, 'the audit channel refused even the notice for an entry it would not take; retrying');
        else opts.logger.warn({ err: e.transient ? undefined : err, seq: entry.seq, status: e.status, attempt, delayMs: Math.round(delay) }, 'audit post failed; retrying');
        await opts.sleep(delay, abort.signal);
      }
    }
    // Posted: from here only the position is retried, never the post.
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.state.save(next);
        break;
      } catch (err) {
        if (stopped) return;
        const delay = backoffFor(new PostError('saving the outbox position failed'), attempt);
        opts.logger.error({ err, seq: entry.seq, attempt, delayMs: Math.round(delay) }, 'audit entry posted but its position was not saved; retrying the save');
        await opts.sleep(delay, abort.signal);
      }
    }
    state = next;
    leftInFlight = undefined;
    await redrawRoot(entry);
  }

  /** Why an entry's card was given up, in words for the notice (no outside text: it may be why). */
  function skipReason(e: PostError, err: unknown): string {
    if (!(err instanceof PostError)) return 'Verdict could not build or send its card (an error in Verdict; see the bot log).';
    if (e.transient) return `Teams did not take it after ${maxTransient} attempts (last status ${e.status ?? 'none: no connection'}).`;
    return `Teams refused it (status ${e.status ?? 'unknown'}).`;
  }

  async function clearInFlight(seq: number): Promise<void> {
    try {
      await opts.state.save(state as OutboxState);
    } catch (err) {
      // Harmless: a marker left behind only makes a restart label this entry a possible repeat.
      opts.logger.warn({ err, seq }, 'could not clear the in-flight marker after a refused post');
    }
  }

  async function run(): Promise<void> {
    if (!state) {
      const { inFlight, ...loaded } = await opts.state.load();
      state = loaded;
      // A marker for an entry already delivered is stale (cannot happen with one writer); ignore it.
      leftInFlight = inFlight && inFlight.seq > loaded.deliveredSeq ? inFlight : undefined;
    }
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        // A batch per read: the file journal reads from its start, so one read per post would make
        // a large backlog quadratic. Posting stays one entry at a time, in order.
        const batch = await opts.journal.read({ since: state.deliveredSeq, limit: READ_BATCH });
        if (batch.length === 0) break;
        for (const entry of batch) {
          if (stopped) return;
          await deliverOne(entry);
        }
      }
    } while (again && !stopped);
  }

  function start(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch((err: unknown) => opts.logger.error({ err }, 'audit outbox stopped unexpectedly'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    kick() {
      if (!stopped) void start();
    },
    async drain() {
      while (!stopped) {
        await start();
        const [pending] = await opts.journal.read({ since: state?.deliveredSeq ?? 0, limit: 1 });
        if (!pending) return;
      }
    },
    async stop() {
      stopped = true;
      abort.abort();
      await running;
    },
  };
}

/** A timer that ends early on abort. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
