import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FamilyStats } from '../src/mde/rate-limiter';
import type { CacheStats } from '../src/mde/caching-mde-client';
import type { SandboxStats } from '../src/sandbox';
import { startBenchVerdict } from './compose';
import { collectingTurn } from './collecting-turn';
import { cardHeadline } from './bot-driver';

export interface BulkResult {
  wallMs: number;
  sandbox: SandboxStats;
  limiter: Record<string, FamilyStats>;
  cache: CacheStats;
  /** Messages the analyst saw (progress + summary), and the headline of the last one. */
  cards: number;
  finalHeadline: string;
}

/**
 * 1a (and 4, with hunting refused): a pasted advisory through the real router and /hash command (advanced hunting above the
 * threshold, Files API fallbacks), with the real paced + caching client, cache cold.
 */
export async function runBulkAdvisory(timeScale: number, hashes: readonly string[], random: () => number, options: { zeroLatency?: boolean; huntingRefused?: boolean } = {}): Promise<BulkResult> {
  // zeroLatency: the same run with MDE answering at once, to tell the bot's own time from MDE's.
  // huntingRefused: the app lacks the hunting permission, so everything goes through the Files API.
  const sandbox = options.zeroLatency ? {} : { latencyModel: 'realistic' as const, random };
  const v = await startBenchVerdict({ timeScale, sandbox, huntingRefused: options.huntingRefused });
  try {
    await v.tokenProvider.getToken(); // one token for the whole run either way; not part of the lookup
    const turn = collectingTurn(`/hash ${hashes.join('\n')}`, v.sandbox.credentials.tenantId, () => performance.now());
    const started = performance.now();
    await v.router.handleMessage(turn);
    const wallMs = performance.now() - started;
    const last = turn.cards[turn.cards.length - 1];
    return {
      wallMs,
      sandbox: v.sandbox.stats(),
      limiter: v.limiter.stats(),
      cache: v.client.cacheStats(),
      cards: turn.cards.length,
      finalHeadline: last ? cardHeadline([{ attachments: [{ contentType: 'card', content: last }] }]) : '(none)',
    };
  } finally {
    await v.stop();
  }
}

export interface NaiveResult {
  hashesLooked: number;
  wallMs: number;
  requests: number;
  throttled: number;
  retryAfterWaitMs: number;
  statuses: Record<string, number>;
  sandbox: SandboxStats;
}

/**
 * 1b: what the PowerShell loop of Microsoft's MDE API blog does: GET /api/files/{hash} one after
 * another with plain fetch, no pacing, and on 429 sleep for Retry-After and try the same hash again.
 * The token comes from the same msal-node provider the bot uses.
 */
export async function runNaiveLoop(timeScale: number, hashes: readonly string[], random: () => number): Promise<NaiveResult> {
  const v = await startBenchVerdict({ timeScale, sandbox: { latencyModel: 'realistic', random } });
  try {
    const token = await v.tokenProvider.getToken();
    const statuses: Record<string, number> = {};
    let requests = 0;
    let throttled = 0;
    let retryAfterWaitMs = 0;
    const started = performance.now();
    for (const hash of hashes) {
      for (;;) {
        const res = await fetch(`${v.sandbox.apiBaseUrl}/api/files/${hash}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
        await res.text();
        requests += 1;
        if (res.status !== 429) {
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          break;
        }
        throttled += 1;
        const waitMs = Math.max(0, Number(res.headers.get('retry-after') ?? '1')) * 1_000;
        retryAfterWaitMs += waitMs;
        await sleep(waitMs);
      }
    }
    return { hashesLooked: hashes.length, wallMs: performance.now() - started, requests, throttled, retryAfterWaitMs, statuses, sandbox: v.sandbox.stats() };
  } finally {
    await v.stop();
  }
}
