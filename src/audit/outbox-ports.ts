/** What the audit outbox is given and keeps: its poster, its state and its options. */
import type { Logger } from 'pino';
import type { AuditEntry } from './journal';
import type { RefusalTally } from './outbox-noise';

/**
 * A card as the outbox carries it: drawn by the renderers it is given, posted by the poster, never
 * opened here. The shape of src/cards' `Card`, declared here so the audit trail does not depend on
 * the presenter; the composition root hands it those cards, so the two cannot drift apart unseen.
 */
export type ChannelCard = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Where audit cards go: a Teams channel, one thread per containment request. */
export interface ChannelPoster {
  /** Posts a new root message (a thread) in the audit channel. */
  startThread(card: ChannelCard): Promise<{ threadId: string; activityId?: string }>;
  /** Posts a reply into a thread started earlier. */
  reply(threadId: string, card: ChannelCard): Promise<{ activityId?: string }>;
  /** Replaces a thread's root post (a request's card, once its status moves on). */
  updateRoot?(threadId: string, activityId: string, card: ChannelCard): Promise<void>;
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
  /**
   * Teams refusing Verdict itself (401: its credentials; 403: it may not post there), not this
   * entry: every other post, the notice included, would be refused the same way until an admin
   * fixes it, so the entry waits rather than being replaced.
   */
  get refusesVerdict(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/**
 * What has been delivered: the journal position and recent requests' threads. Saved after every
 * post. Keyed by request ids, which are outside data (`constructor` is a valid one): Maps, never
 * plain objects. Both are bounded (src/audit/outbox-threads.ts): only recent requests are kept.
 */
export interface OutboxState {
  deliveredSeq: number;
  threads: Map<string, string>;
  /** Each request's root post: its message id and the seq of the entry it shows. */
  roots?: Map<string, { activityId: string; seq: number }>;
  /**
   * Saved just before a post and cleared with the position it delivers (or by a refusal): found
   * at start, it means the process died with that post's outcome unknown, so Teams may have it.
   */
  inFlight?: { seq: number; at: string; summary?: true };
  /**
   * Refusal noise (src/audit/outbox-noise.ts) is passed over by `deliveredSeq` and summarised
   * later: present while some up to `deliveredSeq` is not yet summarised, and then every
   * refusal after this seq (and up to `deliveredSeq`) awaits its summary.
   */
  summarizedSeq?: number;
}

/** How a card is posted: `possibleRepeat` when an earlier process may already have posted it. */
export interface RenderOptions {
  possibleRepeat: boolean;
}

export interface OutboxStateStore {
  load(): Promise<OutboxState>;
  save(state: OutboxState): Promise<void>;
}

export interface OutboxOptions {
  journal: { read(options: { since: number; limit: number }): Promise<AuditEntry[]> };
  poster: ChannelPoster;
  state: OutboxStateStore;
  render(entry: AuditEntry, options: RenderOptions): ChannelCard | Promise<ChannelCard>;
  /**
   * The root post of a request's thread as it should read once `latest` is posted in the thread
   * (no buttons once decided, and where the request stands). Without it roots are never redrawn.
   */
  renderRoot?(root: AuditEntry, latest: AuditEntry): ChannelCard;
  /** Must resolve early when `signal` aborts (stop() must not wait out a long backoff). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  /**
   * The channel posted to. A thread of another channel (the trail moved: Verdict left the team
   * that had it) is not replied into, which would fail for good; a new thread starts here.
   */
  channelId?: string;
  /** Teams allows about 1 post/s per thread; one pace for the whole channel keeps under it. */
  minIntervalMs?: number;
  maxBackoffMs?: number;
  /** Least time between two refusal summaries (default a minute): noise stays one post a minute. */
  summaryIntervalMs?: number;
  /**
   * Attempts at an entry's card before a "could not post entry #n" notice is posted in its place
   * (the journal keeps the entry): `refused` for failures that will not heal (a 4xx other than
   * 429/412, an exception in Verdict's own code), `transient` for ones that may (429, 5xx, network).
   */
  maxAttempts?: { refused?: number; transient?: number };
  /** The notice posted for an entry that could not be posted (see maxAttempts). */
  renderSkipped(entry: AuditEntry, reason: string): ChannelCard;
  /** The card summarising refusal noise; `detailed: false` once the detailed one was refused. */
  renderSummary(tally: RefusalTally, options: { possibleRepeat: boolean; detailed: boolean }): ChannelCard;
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
