import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CacheStats } from '../src/mde/caching-mde-client';
import { startBenchVerdict } from './compose';
import { botDriver, cardHeadline } from './bot-driver';
import { summarise, type Summary } from './stats';

export interface OverheadResult {
  distinct: number;
  commands: number;
  warmMs: number;
  perCommand: Summary;
  rssBefore: number;
  rssAfter: number;
  heapUsedBefore: number;
  heapUsedAfter: number;
  /** MDE calls made during the timed commands (0 when the cache is warm throughout). */
  mdeCallsDuringRun: number;
  cacheDuringRun: CacheStats;
  headlines: Record<string, number>;
}

/** A full collection before each memory reading, so "heap used" is what is retained, not garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => gc();
}

/**
 * 3: the bot's own cost per `/hash`: the sandbox answers with no latency, the cache is warmed with
 * `distinct` hashes first (paced under the scaled limits, not timed), then `commands` are sent one
 * after another through the real bot (TestAdapter) and each is timed.
 */
export async function runOverhead(timeScale: number, hashes: readonly string[], commands: number): Promise<OverheadResult> {
  const v = await startBenchVerdict({ timeScale, sandbox: {} });
  try {
    const driver = botDriver(v.bot, v.sandbox.credentials.tenantId);
    const warmStart = performance.now();
    await Promise.all(hashes.map((hash, i) => driver.send(i % 50, `/hash ${hash}`)));
    const warmMs = performance.now() - warmStart;

    const callsBefore = v.sandbox.stats().apiCalls;
    const cacheBefore = v.client.cacheStats();
    const gc = collector();
    gc();
    const before = process.memoryUsage();
    const samples: number[] = [];
    const headlines: Record<string, number> = {};
    for (let i = 0; i < commands; i++) {
      const t = performance.now();
      const replies = await driver.send(i % 50, `/hash ${hashes[i % hashes.length] as string}`);
      samples.push(performance.now() - t);
      const headline = cardHeadline(replies);
      headlines[headline] = (headlines[headline] ?? 0) + 1;
    }
    gc();
    const after = process.memoryUsage();
    const cacheAfter = v.client.cacheStats();
    return {
      distinct: hashes.length,
      commands,
      warmMs,
      perCommand: summarise(samples),
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapUsedBefore: before.heapUsed,
      heapUsedAfter: after.heapUsed,
      mdeCallsDuringRun: v.sandbox.stats().apiCalls - callsBefore,
      cacheDuringRun: {
        hits: cacheAfter.hits - cacheBefore.hits,
        misses: cacheAfter.misses - cacheBefore.misses,
        coalesced: cacheAfter.coalesced - cacheBefore.coalesced,
        entries: cacheAfter.entries,
      },
      headlines,
    };
  } finally {
    await v.stop();
  }
}
