import { performance } from 'node:perf_hooks';
import type { FamilyStats } from '../src/mde/rate-limiter';
import type { CacheStats } from '../src/mde/caching-mde-client';
import type { BatcherStats } from '../src/mde/profile-batcher';
import type { SandboxStats } from '../src/sandbox';
import { startBenchVerdict } from './compose';
import { botDriver, cardHeadline } from './bot-driver';
import type { UserWorkload } from './hashes';
import { summarise, type Summary } from './stats';

export interface ConcurrentResult {
  requests: number;
  wallMs: number;
  timeToCard: Summary;
  sandbox: SandboxStats;
  limiter: Record<string, FamilyStats>;
  cache: CacheStats;
  /** Absent when batching was off. */
  batcher?: BatcherStats;
  /** Cards by headline (verdict or error title), to see that every request got a real answer. */
  headlines: Record<string, number>;
}

/**
 * 2: every user's `/hash` requests sent at once through the real bot (TestAdapter), paced +
 * caching client, cache cold; `batching: false` is the Files-API-only path of before.
 */
export async function runConcurrentUsers(timeScale: number, workload: readonly UserWorkload[], random: () => number, options: { batching?: boolean } = {}): Promise<ConcurrentResult> {
  const v = await startBenchVerdict({ timeScale, sandbox: { latencyModel: 'realistic', random }, batching: options.batching });
  try {
    await v.tokenProvider.getToken();
    const driver = botDriver(v.bot, v.sandbox.credentials.tenantId);
    const headlines: Record<string, number> = {};
    const started = performance.now();
    const times = await Promise.all(
      workload.flatMap((w) =>
        w.hashes.map(async (hash) => {
          const replies = await driver.send(w.user, `/hash ${hash}`);
          const ms = performance.now() - started;
          const headline = cardHeadline(replies);
          headlines[headline] = (headlines[headline] ?? 0) + 1;
          return ms;
        }),
      ),
    );
    return {
      requests: times.length,
      wallMs: performance.now() - started,
      timeToCard: summarise(times),
      sandbox: v.sandbox.stats(),
      limiter: v.limiter.stats(),
      cache: v.client.cacheStats(),
      batcher: v.batcher?.batcherStats(),
      headlines,
    };
  } finally {
    await v.stop();
  }
}
