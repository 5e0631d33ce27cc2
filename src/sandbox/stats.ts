import type { SandboxStats } from './types';

export interface StatsRecorder {
  tokenIssued(): void;
  apiCall(): void;
  familyCall(family: string): void;
  throttled(): void;
  /** A copy: callers may keep or change it without touching the counters. */
  snapshot(): SandboxStats;
}

export function createStatsRecorder(): StatsRecorder {
  let tokensIssued = 0;
  let apiCalls = 0;
  let throttled = 0;
  const byFamily = new Map<string, number>();
  return {
    tokenIssued: () => void (tokensIssued += 1),
    apiCall: () => void (apiCalls += 1),
    familyCall: (family) => void byFamily.set(family, (byFamily.get(family) ?? 0) + 1),
    throttled: () => void (throttled += 1),
    snapshot: () => ({ tokensIssued, apiCalls, throttled, byFamily: Object.fromEntries(byFamily) }),
  };
}
