import type { Logger } from 'pino';
import { PostError } from './outbox-ports';

export interface RetryContext {
  stopped(): boolean;
  sleep(ms: number): Promise<void>;
  logger: Logger;
  random: () => number;
  maxBackoffMs: number;
  /** Failures of the first form after which the fallback is posted instead. */
  maxAttempts: { refused: number; transient: number };
  /** Teams refused a post (a status below 500): nothing is in flight any more. */
  clearInFlight(seq: number): Promise<void>;
}

export const backoffFor = (ctx: Pick<RetryContext, 'maxBackoffMs' | 'random'>, e: PostError, attempt: number): number => {
  const backoff = Math.min(ctx.maxBackoffMs, (e.transient ? 1000 : 30_000) * 2 ** Math.min(attempt, 10));
  return Math.max(e.retryAfterMs ?? 0, backoff * (0.5 + ctx.random() / 2));
};

/**
 * Posts `first` until it succeeds; once its failures reach the caps, `fallback` (told why, in
 * words without outside text) is posted instead, and retried until it succeeds: a fallback is a
 * small card of Verdict's own, so its failing means the channel is unusable, not the entry.
 * Anything but a PostError is Verdict's own code failing: retrying would fail the same way, so it
 * counts as refused, never as transient. Teams refusing Verdict itself (401/403) counts as neither:
 * the entry is retried at the longest backoff until it is taken. Undefined once the outbox is stopped.
 */
export async function retryPost<T>(ctx: RetryContext, what: { seq: number; possibleRepeat: boolean }, first: () => Promise<T>, fallback: (why: string) => Promise<T>): Promise<T | undefined> {
  const failures = { refused: 0, transient: 0 };
  let why: string | undefined;
  for (let attempt = 0; ; attempt++) {
    if (ctx.stopped()) return undefined;
    try {
      return why === undefined ? await first() : await fallback(why);
    } catch (err) {
      if (ctx.stopped()) return undefined;
      const e = err instanceof PostError ? err : new PostError(err instanceof Error ? err.message : String(err), 0);
      // A status below 500 is Teams refusing the post, so nothing is in flight any more; a 5xx
      // or a lost connection may still have posted it, and so may the process before a restart:
      // then the marker stays.
      if (e.status !== undefined && e.status < 500 && !what.possibleRepeat) await ctx.clearInFlight(what.seq);
      if (e.refusesVerdict) {
        // Not this entry's fault: no cap, the longest backoff, and an error an operator will see.
        ctx.logger.error({ seq: what.seq, status: e.status, attempt }, 'the audit channel refuses Verdict itself (401/403); retrying the entry, not replacing it');
        await ctx.sleep(Math.max(e.retryAfterMs ?? 0, ctx.maxBackoffMs * (0.5 + ctx.random() / 2)));
        continue;
      }
      failures[e.transient ? 'transient' : 'refused']++;
      if (why === undefined && (failures.refused >= ctx.maxAttempts.refused || failures.transient >= ctx.maxAttempts.transient)) {
        why = reason(ctx, e, err);
        ctx.logger.error({ err, seq: what.seq, status: e.status, attempts: attempt + 1 }, 'could not post an audit entry; posting a notice in its place (the journal keeps the entry)');
        continue;
      }
      const delay = backoffFor(ctx, e, attempt);
      if (why !== undefined) ctx.logger.error({ seq: what.seq, status: e.status, attempt, delayMs: Math.round(delay) }, 'the audit channel refused even the notice for an entry it would not take; retrying');
      else ctx.logger.warn({ err: e.transient ? undefined : err, seq: what.seq, status: e.status, attempt, delayMs: Math.round(delay) }, 'audit post failed; retrying');
      await ctx.sleep(delay);
    }
  }
}

function reason(ctx: RetryContext, e: PostError, err: unknown): string {
  if (!(err instanceof PostError)) return 'Verdict could not build or send its card (an error in Verdict; see the bot log).';
  if (e.transient) return `Teams did not take it after ${ctx.maxAttempts.transient} attempts (last status ${e.status ?? 'none: no connection'}).`;
  return `Teams refused it (status ${e.status ?? 'unknown'}).`;
}
