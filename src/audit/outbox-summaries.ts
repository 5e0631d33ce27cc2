import { isRefusalNoise, tallyRefusals } from './outbox-noise';
import type { OutboxOptions, OutboxState } from './outbox-ports';
import { retryPost, type RetryContext } from './outbox-retry';

/** Journal entries one refusal summary covers at most (it names at most ten people). */
const SUMMARY_SPAN = 1_000;

/** What a summary needs of the outbox that posts it. */
export interface SummaryContext {
  opts: OutboxOptions;
  retry: RetryContext;
  state(): OutboxState;
  /** The previous process's in-flight marker, if it has not been delivered yet. */
  leftInFlight(): OutboxState['inFlight'];
  /** That marker's summary is delivered. */
  delivered(): void;
  /** Paced, with `marker` saved first. */
  send<T>(current: OutboxState, marker: NonNullable<OutboxState['inFlight']>, posting: () => Promise<T>): Promise<T>;
  /** Saves the state after a post (retrying only the save); false once stopped. */
  keep(next: OutboxState, seq: number): Promise<boolean>;
}

/** The state once refusals up to `to` are summarised. */
function summarizedTo(current: OutboxState, to: number): OutboxState {
  const { inFlight: _, summarizedSeq: __, ...rest } = current;
  return to >= current.deliveredSeq ? rest : { ...rest, summarizedSeq: to };
}

/**
 * Posts one summary of the refusal noise after `from` (at most SUMMARY_SPAN journal entries of
 * it), as a thread of its own, at most once: its in-flight marker names the last entry it
 * covers, so a summary that may have been posted before a restart is re-sent over exactly the
 * same entries, marked as a possible repeat.
 */
export async function summarizeOnce(ctx: SummaryContext, from: number): Promise<void> {
  const { opts } = ctx;
  const current = ctx.state();
  const marker = ctx.leftInFlight();
  const left = marker?.summary && marker.seq > from && marker.seq <= current.deliveredSeq ? marker : undefined;
  const to = left?.seq ?? Math.min(current.deliveredSeq, from + SUMMARY_SPAN);
  const tally = tallyRefusals((await opts.journal.read({ since: from, limit: to - from })).filter((e) => e.seq <= to && isRefusalNoise(e)));
  if (!tally) {
    await ctx.keep(summarizedTo(current, to), to);
    return;
  }
  const possibleRepeat = left !== undefined;
  if (possibleRepeat) opts.logger.warn({ seq: to, inFlightSince: left?.at }, 'a refusal summary was in flight when the bot stopped; re-sending it marked as a possible repeat');
  const postSummary = (detailed: boolean) => (): Promise<OutboxState> =>
    ctx.send(current, { seq: to, at: new Date(opts.now()).toISOString(), summary: true }, async () => {
      await opts.poster.startThread(opts.renderSummary(tally, { possibleRepeat, detailed }));
      return summarizedTo(current, to);
    });
  // The detailed card names people (outside text); refused, it is sent with counts only.
  const next = await retryPost(ctx.retry, { seq: to, possibleRepeat }, postSummary(true), postSummary(false));
  if (next && (await ctx.keep(next, to))) ctx.delivered();
}
