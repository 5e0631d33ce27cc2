/** How long one API family takes to answer: `baseMs` plus up to `jitterMs` more, at random. */
export interface FamilyLatency {
  baseMs: number;
  jitterMs?: number;
}

/** By family name (`files`, `alerts`, `hunting`…); `*` for any family not named. */
export type LatencyModel = Readonly<Record<string, FamilyLatency>>;

/**
 * Response times in the range MDE shows from a nearby region: REST lookups in a few hundred
 * milliseconds, advanced hunting in seconds (it runs a query). For benchmarks, not a measurement.
 */
export const REALISTIC_LATENCY: LatencyModel = Object.freeze({
  files: Object.freeze({ baseMs: 120, jitterMs: 180 }),
  alerts: Object.freeze({ baseMs: 150, jitterMs: 200 }),
  machines: Object.freeze({ baseMs: 150, jitterMs: 200 }),
  indicators: Object.freeze({ baseMs: 200, jitterMs: 250 }),
  hunting: Object.freeze({ baseMs: 2_000, jitterMs: 3_000 }),
  'graph-hunting': Object.freeze({ baseMs: 2_000, jitterMs: 3_000 }),
  '*': Object.freeze({ baseMs: 150, jitterMs: 200 }),
});

/**
 * Milliseconds to hold an answer of `family`. Model times are real ones and are multiplied by
 * `timeScale`, like the rate windows, so a scaled benchmark keeps latency and limits in proportion.
 */
export function createLatency(model: 'realistic' | LatencyModel | undefined, timeScale: number, random: () => number): (family: string) => number {
  const table = model === 'realistic' ? REALISTIC_LATENCY : model;
  if (!table) return () => 0;
  return (family) => {
    // Graph's hunting runs the same queries: unless a table names it, it takes hunting's time.
    const entry = table[family] ?? (family === 'graph-hunting' ? table.hunting : undefined) ?? table['*'];
    if (!entry) return 0;
    return Math.max(0, (entry.baseMs + (entry.jitterMs ?? 0) * random()) * timeScale);
  };
}
