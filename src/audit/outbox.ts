import type { Logger } from 'pino';
import type { Card } from '../app/card';
import type { AuditEntry } from './journal';

/** Where audit cards go: a Teams channel, one thread per containment request. */
export interface ChannelPoster {
  /** Posts a new root message (a thread) in the audit channel. */
  startThread(card: Card): Promise<{ threadId: string; activityId?: string }>;
  /** Posts a reply into a thread started earlier. */
  reply(threadId: string, card: Card): Promise<{ activityId?: string }>;
}

/** A failed post. `transient` ones (429, 412, 5xx, network) are retried; so are the rest, more slowly. */
export class PostError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status === 412 || this.status >= 500;
  }
}

/** What has been delivered: the journal position and each request's thread. Saved after every post. */
export interface OutboxState {
  deliveredSeq: number;
  threads: Record<string, string>;
}

export interface OutboxStateStore {
  load(): Promise<OutboxState>;
  save(state: OutboxState): Promise<void>;
}

export interface OutboxOptions {
  journal: { read(options: { since: number; limit: number }): Promise<AuditEntry[]> };
  poster: ChannelPoster;
  state: OutboxStateStore;
  render(entry: AuditEntry): Card;
  /** Must resolve early when `signal` aborts (stop() must not wait out a long backoff). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  /** Teams allows about 1 post/s per thread; one pace for the whole channel keeps under it. */
  minIntervalMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  logger: Logger;
}

export interface Outbox {
  /** Something was appended: deliver it soon. Never throws, never blocks the caller. */
  kick(): void;
  /** Resolves once everything in the journal right now is delivered (tests, shutdown). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Posts journal entries to the audit channel in journal order, each exactly once: the position
 * is saved after every successful post, so a restart resumes where delivery stopped. A failed
 * post is retried (Retry-After honoured, jittered backoff) and later entries wait behind it,
 * so the channel never shows them out of order. The one window left: a crash after Teams
 * accepted a post and before the position was saved repeats that one post on restart.
 */
export function createOutbox(opts: OutboxOptions): Outbox {
  const minInterval = opts.minIntervalMs ?? 1000;
  const maxBackoff = opts.maxBackoffMs ?? 5 * 60_000;
  const random = opts.random ?? Math.random;
  let state: OutboxState | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastPostAt = -Infinity;
  const abort = new AbortController();

  async function post(entry: AuditEntry, current: OutboxState): Promise<OutboxState> {
    const card = opts.render(entry);
    const thread = entry.requestId ? current.threads[entry.requestId] : undefined;
    const wait = lastPostAt + minInterval - opts.now();
    if (wait > 0) await opts.sleep(wait, abort.signal);
    if (stopped) throw new PostError('outbox stopped', 0);
    lastPostAt = opts.now();
    if (thread) {
      await opts.poster.reply(thread, card);
      return { ...current, deliveredSeq: entry.seq };
    }
    const { threadId } = await opts.poster.startThread(card);
    const threads = entry.requestId ? { ...current.threads, [entry.requestId]: threadId } : current.threads;
    return { deliveredSeq: entry.seq, threads };
  }

  async function deliverOne(entry: AuditEntry): Promise<void> {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const next = await post(entry, state as OutboxState);
        await opts.state.save(next);
        state = next;
        return;
      } catch (err) {
        if (stopped) return;
        const e = err instanceof PostError ? err : new PostError(err instanceof Error ? err.message : String(err));
        const backoff = Math.min(maxBackoff, (e.transient ? 1000 : 30_000) * 2 ** Math.min(attempt, 10));
        const delay = Math.max(e.retryAfterMs ?? 0, backoff * (0.5 + random() / 2));
        opts.logger.warn({ seq: entry.seq, status: e.status, attempt, delayMs: Math.round(delay) }, 'audit post failed; retrying');
        await opts.sleep(delay, abort.signal);
      }
    }
  }

  async function run(): Promise<void> {
    state ??= await opts.state.load();
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const [entry] = await opts.journal.read({ since: state.deliveredSeq, limit: 1 });
        if (!entry) break;
        await deliverOne(entry);
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
