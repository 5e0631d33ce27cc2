/**
 * When a single-hash lookup should ride a shared FileProfile() hunting batch instead of taking
 * its turn in the Files API queue. Pure: the batcher gathers the numbers, this weighs them.
 */
export interface RouteCosts {
  /** About how long a Files API call asked now would wait for its slot (the limiter's estimate). */
  filesWaitMs: number;
  /** The same for a hunting call. */
  huntingWaitMs: number;
  /** What one hunting call takes from asking to answer (a running average of observed ones). */
  huntingRoundTripMs: number;
  /** How long the batch this lookup would join still waits before it leaves (gather window, or the batch already in flight). */
  untilFlushMs: number;
}

/**
 * True when the batch answers sooner: the Files API wait is longer than the batch's remaining
 * gathering, its hunting slot and one round trip. At low load the Files API wait is 0, so a lone
 * lookup always goes straight to the Files API; the REST call's own latency (a few hundred ms) is
 * left out on both sides, which favours the Files API slightly, as it should: its answer is richer.
 */
export function batchIsSooner(costs: RouteCosts): boolean {
  return costs.filesWaitMs > costs.untilFlushMs + costs.huntingWaitMs + costs.huntingRoundTripMs;
}

export interface RoundTripEstimate {
  /** Feeds one observed hunting call's duration (ms). */
  observe(ms: number): void;
  current(): number;
  /** How many observations fed the estimate. */
  readonly samples: number;
}

/**
 * An exponentially weighted moving average of hunting round trips, starting from `initialMs`
 * (a sane guess until hunting has answered once). `weight` is the share of each new observation.
 */
export function roundTripEstimate(initialMs: number, weight = 0.25): RoundTripEstimate {
  if (!(initialMs >= 0) || !(weight > 0 && weight <= 1)) throw new Error('round trip estimate: initialMs must be ≥ 0 and weight in (0, 1]');
  let value = initialMs;
  let samples = 0;
  return {
    observe(ms) {
      if (!Number.isFinite(ms) || ms < 0) return;
      value = samples === 0 ? ms : value + weight * (ms - value);
      samples += 1;
    },
    current: () => value,
    get samples() {
      return samples;
    },
  };
}
