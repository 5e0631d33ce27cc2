import type { AuditEntry } from './journal';
import { isRefusalNoise } from './outbox-noise';
import { summarizeOnce, type SummaryContext } from './outbox-summaries';
import { PostError, type ChannelCard, type Outbox, type OutboxOptions, type OutboxState } from './outbox-ports';
import { backoffFor, retryPost, type RetryContext } from './outbox-retry';
import { createRootRedrawer } from './outbox-roots';
import { afterNewThread, afterPassing, afterReply, threadOf as threadIn } from './outbox-threads';

export * from './outbox-ports';

/** Entries read from the journal at a time (at one post a second, under a minute of work). */
const READ_BATCH = 50;

/**
 * Posts journal entries to the audit channel in journal order, each exactly once: the position
 * is saved after every successful post, so a restart resumes where delivery stopped. A failed
 * post is retried (Retry-After honoured, jittered backoff) and later entries wait behind it,
 * so the channel never shows them out of order; an entry the channel will not take is replaced
 * by a notice after a few attempts (src/audit/outbox-retry.ts), so none waits for ever. Refusal
 * noise (src/audit/outbox-noise.ts) is the one exception to journal order: it is passed over and
 * posted as summaries once everything else is delivered. The one window left: a crash after
 * Teams accepted a post and before the position was saved. It is made visible rather than
 * silent: an in-flight marker is saved before each post, and an entry (or summary) that finds
 * one at start is posted again marked as a possible repeat (and logged). No other crash or
 * restart repeats a post. (A 5xx or a dropped connection that hid a post Teams did take is
 * retried unmarked, here and, for 5xx, inside the connector SDK: an ambiguity of the transport.)
 */
export function createOutbox(opts: OutboxOptions): Outbox {
  const minInterval = opts.minIntervalMs ?? 1000;
  let state: OutboxState | undefined;
  /** The previous process's in-flight marker, until that entry (or summary) is delivered. */
  let leftInFlight: OutboxState['inFlight'];
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastPostAt = -Infinity;
  const summaryEvery = opts.summaryIntervalMs ?? 60_000;
  let lastSummaryAt = -Infinity;
  /** Ends the wait for the next refusal summary: something else is to be posted first. */
  let wake: AbortController | undefined;
  const abort = new AbortController();
  const retry: RetryContext = {
    stopped: () => stopped,
    sleep: (ms) => opts.sleep(ms, abort.signal),
    logger: opts.logger,
    random: opts.random ?? Math.random,
    maxBackoffMs: opts.maxBackoffMs ?? 5 * 60_000,
    maxAttempts: { refused: opts.maxAttempts?.refused ?? 3, transient: opts.maxAttempts?.transient ?? 20 },
    clearInFlight,
  };

  const pace = async (): Promise<void> => {
    const wait = lastPostAt + minInterval - opts.now();
    if (wait > 0) await opts.sleep(wait, abort.signal);
  };

  const threadOf = (current: OutboxState, requestId: string | undefined) => threadIn(current, requestId, opts.channelId);
  const roots = createRootRedrawer({
    opts,
    state: () => state,
    threadOf,
    async paced(work) {
      await pace();
      if (stopped) return false;
      lastPostAt = opts.now();
      await work();
      return true;
    },
  });

  /** Paced, with the in-flight marker saved first: every post goes through here. */
  async function send<T>(current: OutboxState, marker: OutboxState['inFlight'] & object, posting: () => Promise<T>): Promise<T> {
    await pace();
    if (stopped) throw new PostError('outbox stopped', 0);
    await opts.state.save({ ...current, inFlight: marker });
    lastPostAt = opts.now();
    return posting();
  }
  const at = () => new Date(opts.now()).toISOString();

  async function post(entry: AuditEntry, current: OutboxState, card: ChannelCard): Promise<OutboxState> {
    const thread = threadOf(current, entry.requestId);
    return send(current, { seq: entry.seq, at: at() }, async () => {
      if (thread) {
        await opts.poster.reply(thread, card);
        return afterReply(current, entry);
      }
      const { threadId, activityId } = await opts.poster.startThread(card);
      roots.started(entry);
      return afterNewThread(current, entry, threadId, activityId);
    });
  }

  /** The notice posted instead of an entry the channel would not take: a thread of its own. */
  const postSkipped = (entry: AuditEntry, current: OutboxState, reason: string): Promise<OutboxState> =>
    send(current, { seq: entry.seq, at: at() }, async () => {
      await opts.poster.startThread(opts.renderSkipped(entry, reason));
      return afterPassing(current, entry.seq);
    });

  async function deliverOne(entry: AuditEntry): Promise<void> {
    const possibleRepeat = !leftInFlight?.summary && leftInFlight?.seq === entry.seq;
    if (possibleRepeat) opts.logger.warn({ seq: entry.seq, inFlightSince: leftInFlight?.at }, 'audit entry was in flight when the bot stopped; re-sending it marked as a possible repeat');
    // Rendered once: a retry posts the same card (rendering may ask Teams who is in the channel).
    let card: ChannelCard | undefined;
    const next = await retryPost(
      retry,
      { seq: entry.seq, possibleRepeat },
      async () => post(entry, state as OutboxState, (card ??= await opts.render(entry, { possibleRepeat }))),
      (why) => postSkipped(entry, state as OutboxState, why),
    );
    if (!next || !(await keep(next, entry.seq))) return;
    leftInFlight = undefined;
    await roots.redraw(entry);
  }

  /** Posted: from here only the position is retried, never the post. False once stopped. */
  async function keep(next: OutboxState, seq: number): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.state.save(next);
        state = next;
        return true;
      } catch (err) {
        if (stopped) return false;
        const delay = backoffFor(retry, new PostError('saving the outbox position failed'), attempt);
        opts.logger.error({ err, seq, attempt, delayMs: Math.round(delay) }, 'audit entry posted but its position was not saved; retrying the save');
        await opts.sleep(delay, abort.signal);
      }
    }
  }

  async function clearInFlight(seq: number): Promise<void> {
    try {
      await opts.state.save(state as OutboxState);
    } catch (err) {
      // Harmless: a marker left behind only makes a restart label this entry a possible repeat.
      opts.logger.warn({ err, seq }, 'could not clear the in-flight marker after a refused post');
    }
  }

  const summaries: SummaryContext = {
    opts,
    retry,
    state: () => state as OutboxState,
    leftInFlight: () => leftInFlight,
    delivered: () => void (leftInFlight = undefined),
    send,
    keep,
  };

  async function run(): Promise<void> {
    if (!state) {
      const { inFlight, ...loaded } = await opts.state.load();
      state = loaded;
      // A marker for something already delivered is stale (cannot happen with one writer); ignore it.
      const done = inFlight?.summary ? (loaded.summarizedSeq ?? loaded.deliveredSeq) : loaded.deliveredSeq;
      leftInFlight = inFlight && inFlight.seq > done ? inFlight : undefined;
    }
    do {
      again = false;
      await deliverEntries();
      // Summaries only once every other entry is out, and not while new ones are waiting; at most
      // one a SUMMARY_EVERY, so a stream of clicks is one post a minute, not one a second.
      while (!stopped && !again && state.summarizedSeq !== undefined) {
        const wait = lastSummaryAt + summaryEvery - opts.now();
        if (wait > 0) {
          await nap(wait);
          continue;
        }
        lastSummaryAt = opts.now();
        await summarizeOnce(summaries, state.summarizedSeq);
      }
    } while (again && !stopped);
  }

  /** A sleep that a kick (a new entry to post) or stop() ends early. */
  async function nap(ms: number): Promise<void> {
    const woken = new AbortController();
    wake = woken;
    const onStop = () => woken.abort();
    abort.signal.addEventListener('abort', onStop, { once: true });
    try {
      await opts.sleep(ms, woken.signal);
    } finally {
      abort.signal.removeEventListener('abort', onStop);
      wake = undefined;
    }
  }

  async function deliverEntries(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const current = state as OutboxState;
      // A batch per read: the file journal reads from its start, so one read per post would make
      // a large backlog quadratic. Posting stays one entry at a time, in order.
      const batch = await opts.journal.read({ since: current.deliveredSeq, limit: READ_BATCH });
      if (batch.length === 0) return;
      let passed = false;
      for (const entry of batch) {
        if (stopped) return;
        if (isRefusalNoise(entry)) {
          const now = state as OutboxState;
          state = { ...now, summarizedSeq: now.summarizedSeq ?? now.deliveredSeq, deliveredSeq: entry.seq };
          passed = true;
          continue;
        }
        // The position passed over noise is saved with this entry's marker and position.
        passed = false;
        await deliverOne(entry);
      }
      if (passed && !(await keep(state as OutboxState, (state as OutboxState).deliveredSeq))) return;
    }
  }

  function start(): Promise<void> {
    if (running) {
      again = true;
      wake?.abort();
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
        if (!pending && state?.summarizedSeq === undefined) return;
      }
    },
    async stop() {
      stopped = true;
      abort.abort();
      await running;
    },
  };
}
