import { performance } from 'node:perf_hooks';
import type { SandboxStats } from '../src/sandbox';
import type { BatcherStats } from '../src/mde/profile-batcher';
import { startBenchVerdict } from './compose';
import { botDriver, cardHeadline } from './bot-driver';
import { summarise, type Summary } from './stats';

export interface LowLoadResult {
  timeToCard: Summary;
  sandbox: SandboxStats;
  batcher?: BatcherStats;
  headlines: Record<string, number>;
}

/**
 * 3: one `/hash` at a time (each waits for the last card), distinct hashes, cache cold, realistic
 * latency: the load at which a lone lookup must keep the Files API's latency. Run with batching
 * on and off (same seed, so the same MDE latencies) to compare in one run.
 */
export async function runLowLoad(timeScale: number, hashes: readonly string[], random: () => number, options: { batching: boolean }): Promise<LowLoadResult> {
  const v = await startBenchVerdict({ timeScale, sandbox: { latencyModel: 'realistic', random }, batching: options.batching });
  try {
    await v.tokenProvider.getToken();
    const driver = botDriver(v.bot, v.sandbox.credentials.tenantId);
    const times: number[] = [];
    const headlines: Record<string, number> = {};
    for (const [i, hash] of hashes.entries()) {
      const started = performance.now();
      const replies = await driver.send(i % 5, `/hash ${hash}`);
      times.push(performance.now() - started);
      const headline = cardHeadline(replies);
      headlines[headline] = (headlines[headline] ?? 0) + 1;
    }
    return { timeToCard: summarise(times), sandbox: v.sandbox.stats(), batcher: v.batcher?.batcherStats(), headlines };
  } finally {
    await v.stop();
  }
}
