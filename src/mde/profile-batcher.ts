import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { CallOptions, FileProfileResult, MdeClient } from './client';
import { isMdeError, MdeError } from './errors';
import type { MdeFile } from './file';
import { isFileId } from './hash-ids';
import { createBatchQueue } from './profile-batch';
import { batchIsSooner, roundTripEstimate } from './profile-batcher-policy';
import type { MdeRateLimiter } from './rate-limiter';
import { shareCall, type SharedCall } from './shared-call';
import { createTtlCache } from './ttl-cache';

export interface ProfileBatcherOptions {
  /** The limiter the inner client paces with: its queue state says how long a Files API call would wait. */
  limiter: Pick<MdeRateLimiter, 'expectedWaitMs'>;
  /**
   * Limiter families of the Files API and of hunting; default `files`, and both hunting families
   * (Graph's `graph-hunting` and MDE's legacy `hunting`: HUNTING_API=auto may use either), the
   * longer wait counting.
   */
  families?: { files?: string; hunting?: readonly string[] };
  /** How long a batch gathers before it leaves; default 250 ms. */
  gatherMs?: number;
  /** FileProfile() takes up to 1,000 hashes per query; default 1,000. */
  maxHashes?: number;
  /**
   * At most this many batches leave per minute (`minuteMs`), so single lookups keep to a share of
   * hunting's 45 a minute (a batch of SHA-1s and SHA-256s is two queries); default 15.
   */
  maxBatchesPerMinute?: number;
  /** The length of that minute (a benchmark scales it like the limiter's); default 60 s. */
  minuteMs?: number;
  /** The hunting round trip assumed until one is observed; default 5 s (the slow end of MDE's usual 2–5 s). */
  initialRoundTripMs?: number;
  /** After hunting is refused (forbidden), single lookups skip it for this long; default 10 min. */
  refusedPauseMs?: number;
  /** A hash hunting could not say anything about goes straight to the Files API for this long; default 10 min. */
  unavailableTtlMs?: number;
  /** Monotonic ms; default performance.now. */
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => void;
  logger?: Logger;
}

export interface BatcherStats {
  /** Single lookups sent straight to the Files API. */
  direct: number;
  /** Single lookups that joined a hunting batch (distinct per batch). */
  batched: number;
  /** Hunting calls made for batches. */
  batches: number;
  /** Batched lookups hunting could not answer (or failed for), then asked of the Files API. */
  fallbacks: number;
  /** Times hunting was refused, pausing batching. */
  refusals: number;
  /** The current hunting round-trip estimate, and how many calls fed it. */
  roundTripMs: number;
  roundTripSamples: number;
}

/** The defaults below; times in real ms (a benchmark scales them like the limiter's windows). */
export const BATCHER_DEFAULTS = Object.freeze({
  gatherMs: 250,
  maxHashes: 1_000,
  maxBatchesPerMinute: 15,
  minuteMs: 60_000,
  initialRoundTripMs: 5_000,
  refusedPauseMs: 10 * 60_000,
  unavailableTtlMs: 10 * 60_000,
});

export type BatchingMdeClient = MdeClient & { batcherStats(): BatcherStats };

/**
 * An MdeClient in front of the paced HTTP one that lets concurrent single-hash lookups (getFile,
 * whoever asked) ride one shared FileProfile() hunting batch when the Files API queue would keep
 * them waiting longer than a hunting round trip; at low load they go straight to the Files API,
 * as before. A hash the batch cannot answer (no row, `Error` or empty availability) and every
 * hash of a batch whose hunting call fails still gets its Files API lookup: a lookup is never lost.
 * Hunting refused (forbidden / bad-request) pauses batching for `refusedPauseMs`. Put the caching
 * decorator in front, so cache hits and identical lookups never reach this.
 */
export function createProfileBatcher(inner: MdeClient, options: ProfileBatcherOptions): BatchingMdeClient {
  const now = options.now ?? (() => performance.now());
  const filesFamily = options.families?.files ?? 'files';
  const huntingFamilies = options.families?.hunting ?? ['graph-hunting', 'hunting'];
  const refusedPauseMs = options.refusedPauseMs ?? BATCHER_DEFAULTS.refusedPauseMs;
  const unavailableTtlMs = options.unavailableTtlMs ?? BATCHER_DEFAULTS.unavailableTtlMs;
  const roundTrip = roundTripEstimate(options.initialRoundTripMs ?? BATCHER_DEFAULTS.initialRoundTripMs);
  const unanswerable = createTtlCache<true>({ maxEntries: 10_000, now });
  const joined = new Map<string, SharedCall<MdeFile | null>>();
  const counts = { direct: 0, batched: 0, fallbacks: 0, refusals: 0 };
  let pausedUntil = -Infinity;
  // Files API calls sent from here and not answered: those not at the limiter yet are still ahead.
  let outstanding = 0;
  const viaFilesApi = (hash: string, callOptions?: CallOptions): Promise<MdeFile | null> => {
    outstanding += 1;
    return inner.getFile(hash, callOptions).finally(() => void (outstanding -= 1));
  };

  /** Hunting, timed for the round-trip estimate; its refusals pause batching, its blanks are remembered. */
  async function hunt(hashes: readonly string[], callOptions?: CallOptions): Promise<FileProfileResult[]> {
    const started = now();
    try {
      const results = await inner.getFileProfiles(hashes, callOptions);
      roundTrip.observe(now() - started);
      for (const r of results) if (r.unavailable) unanswerable.set(r.hash.toLowerCase(), true, unavailableTtlMs);
      return results;
    } catch (err) {
      if (isRefusal(err)) {
        counts.refusals += 1;
        pausedUntil = now() + refusedPauseMs;
        options.logger?.warn({ kind: err.kind, code: err.code, pauseMs: refusedPauseMs }, 'hunting refused: single lookups use the Files API only for a while');
      }
      throw err;
    }
  }

  const batches = createBatchQueue({
    // A batch that gathered while hunting was being refused goes to the Files API without asking again.
    run: (hashes) => (now() < pausedUntil ? Promise.reject(new Error('hunting paused after a refusal')) : hunt(hashes)),
    gatherMs: options.gatherMs ?? BATCHER_DEFAULTS.gatherMs,
    maxHashes: options.maxHashes ?? BATCHER_DEFAULTS.maxHashes,
    maxPerWindow: options.maxBatchesPerMinute ?? BATCHER_DEFAULTS.maxBatchesPerMinute,
    windowMs: options.minuteMs ?? BATCHER_DEFAULTS.minuteMs,
    now,
    schedule: options.schedule ?? ((fn, ms) => void setTimeout(fn, ms)),
  });

  const shouldBatch = (hash: string): boolean =>
    isFileId(hash) &&
    now() >= pausedUntil &&
    !unanswerable.get(hash) &&
    batchIsSooner({
      filesWaitMs: options.limiter.expectedWaitMs(filesFamily, { outstanding }),
      huntingWaitMs: Math.max(0, ...huntingFamilies.map((f) => options.limiter.expectedWaitMs(f))),
      huntingRoundTripMs: roundTrip.current(),
      untilFlushMs: batches.untilFlushMs(),
    });

  function joinBatch(hash: string): SharedCall<MdeFile | null> {
    counts.batched += 1;
    const member = batches.add(hash);
    const viaFiles = (signal: AbortSignal) => {
      counts.fallbacks += 1;
      return viaFilesApi(hash, { signal });
    };
    const shared = shareCall<MdeFile | null>(
      (signal) =>
        member.answers.then(
          (answers) => {
            const answer = answers.get(hash);
            return answer && !answer.unavailable ? answer.file : viaFiles(signal);
          },
          () => viaFiles(signal),
        ),
      { abortError: (reason) => new MdeError({ kind: 'timeout', operation: 'files.get', cause: reason }), onAbandon: () => forget() },
    );
    const forget = () => {
      member.leave();
      if (joined.get(hash) === shared) joined.delete(hash);
    };
    joined.set(hash, shared);
    shared.result.finally(forget).catch(() => undefined);
    return shared;
  }

  return {
    ...inner,
    getFile(hash, callOptions) {
      const key = hash.toLowerCase();
      const running = joined.get(key);
      if (running) return running.join(callOptions?.signal);
      if (!shouldBatch(key)) {
        counts.direct += 1;
        return viaFilesApi(hash, callOptions);
      }
      return joinBatch(key).join(callOptions?.signal);
    },
    getFileProfiles: (hashes, callOptions) => hunt(hashes, callOptions),
    batcherStats: () => ({ ...counts, batches: batches.stats().batches, roundTripMs: roundTrip.current(), roundTripSamples: roundTrip.samples }),
  };
}

/** Hunting itself said no (permission, feature off, query refused); an invalid hash of ours is not that. */
function isRefusal(err: unknown): err is MdeError {
  return isMdeError(err) && (err.kind === 'forbidden' || (err.kind === 'bad-request' && err.code !== 'InvalidHashValue'));
}
