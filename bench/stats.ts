/** Pure number helpers for the benchmark: percentiles and summaries of latency samples. */

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be in 0–100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarise(samples: readonly number[]): Summary {
  const count = samples.length;
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: count ? Math.max(...samples) : Number.NaN,
    mean: count ? sum / count : Number.NaN,
  };
}

/** A deterministic PRNG (mulberry32) in [0, 1), so latency jitter and workloads repeat run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
