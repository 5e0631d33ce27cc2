import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Sandbox, SandboxOptions } from '../src/sandbox';
import type { TokenProvider } from '../src/mde/token-provider';
import type { CachingMdeClient } from '../src/mde/caching-mde-client';
import type { MdeRateLimiter } from '../src/mde/rate-limiter';
import { BATCHER_DEFAULTS, type BatchingMdeClient } from '../src/mde/profile-batcher';
import { DEMO_APP_ROLES } from '../src/sandbox/demo-tenant';
import { composeVerdict, configFrom } from '../src/main';
import type { Router } from '../src/app/router';
import type { AppDeps } from '../src/app/deps';
import type { VerdictBot } from '../src/teams/bot';

export interface BenchVerdict {
  sandbox: Sandbox;
  tokenProvider: TokenProvider;
  limiter: MdeRateLimiter;
  client: CachingMdeClient;
  /** The profile batcher under the cache; absent when batching is off (today's Files-API-only path). */
  batcher?: BatchingMdeClient;
  deps: AppDeps;
  router: Router;
  bot: VerdictBot;
  stop(): Promise<void>;
}

/**
 * Verdict composed by main.ts's root in sandbox mode, with default configuration and three ports a
 * benchmark needs: the sandbox takes benchmark options (latency model, time scale, synthetic
 * files), the client's limiter and profile batcher get the same `timeScale`, so pacing and MDE's
 * windows stay in step, and roles come from no source with everyone a reader.
 */
export async function startBenchVerdict(options: {
  timeScale: number;
  sandbox: SandboxOptions;
  /** false: no profile batcher (the Files-API-only path single lookups took before batching). Default on. */
  batching?: boolean;
  /** The app is not granted hunting (neither MDE's AdvancedQuery.Read.All nor Graph's ThreatHunting.Read.All). */
  huntingRefused?: boolean;
}): Promise<BenchVerdict> {
  const appRoles = options.huntingRefused ? DEMO_APP_ROLES.filter((role) => !/AdvancedQuery|ThreatHunting/i.test(role)) : undefined;
  const ts = options.timeScale;
  const d = BATCHER_DEFAULTS;
  const batching = options.batching === false
    ? false
    : { gatherMs: d.gatherMs * ts, initialRoundTripMs: d.initialRoundTripMs * ts, refusedPauseMs: d.refusedPauseMs * ts, unavailableTtlMs: d.unavailableTtlMs * ts, minuteMs: d.minuteMs * ts };
  const stateDir = mkdtempSync(join(tmpdir(), 'verdict-bench-'));
  // Every user of the demo tenant a reader: the benchmark has 50 synthetic users the sandbox's Graph does not know.
  const config = configFrom({ MDE_MODE: 'sandbox', STATE_DIR: stateDir, ROLES_DEFAULT: 'reader' });
  const verdict = await composeVerdict(config, {
    logger: pino({ level: 'silent' }),
    mde: { sandbox: { ...options.sandbox, timeScale: ts, syntheticFiles: true, ...(appRoles ? { appRoles } : {}) }, limiterTimeScale: ts, batching },
    roleSource: { kind: 'none' },
  });
  const { mde, sandbox } = verdict;
  if (!sandbox || !mde.cache) throw new Error('the benchmark needs the sandbox and the cache (MDE_MODE=sandbox, MDE_CACHE_TTL_SECONDS > 0)');
  return {
    sandbox,
    tokenProvider: mde.tokenProvider,
    limiter: mde.limiter,
    client: mde.cache,
    batcher: mde.batcher,
    deps: verdict.deps,
    router: verdict.router,
    bot: verdict.bot,
    async stop() {
      await verdict.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
