import pino from 'pino';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox';
import { cloudEndpoints } from '../src/mde/cloud';
import { createMsalTokenProvider, type TokenProvider } from '../src/mde/token-provider';
import { createHttpMdeClient } from '../src/mde/http-mde-client';
import type { CachingMdeClient } from '../src/mde/caching-mde-client';
import { createMdeRateLimiter, type MdeRateLimiter } from '../src/mde/rate-limiter';
import { BATCHER_DEFAULTS, type BatchingMdeClient } from '../src/mde/profile-batcher';
import { DEMO_APP_ROLES } from '../src/sandbox/demo-tenant';
import { layeredClient, sandboxHunting } from '../src/mde/create';
import { createRouter, type Router } from '../src/app/router';
import { defaultCommands } from '../src/app/commands';
import type { AppDeps } from '../src/app/deps';
import { VerdictBot } from '../src/teams/bot';
import { buildRoleResolver } from '../src/access';

/** The defaults of src/config.ts (MDE_TIMEOUT_MS, MDE_CACHE_TTL_SECONDS), as main.ts would read them. */
const TIMEOUT_MS = 15_000;
const CACHE_TTL_MS = 600_000;

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
 * Verdict wired as main.ts wires it in sandbox mode (wireMde + pacedClient + buildVerdict), from
 * the same public factories, with two differences a benchmark needs and main.ts has no hook for:
 * the sandbox takes benchmark options (latency model, time scale, synthetic files) and the
 * client's limiter gets the same `timeScale`, so pacing and MDE's windows stay in step.
 * Keep this in step with main.ts's pacedClient (limiter → http client → layeredClient: profile
 * batcher, caching decorator, TTLs); the batcher's times are scaled like the limiter's windows.
 */
export async function startBenchVerdict(options: {
  timeScale: number;
  sandbox: SandboxOptions;
  /** false: no profile batcher (the Files-API-only path single lookups took before batching). Default on. */
  batching?: boolean;
  /** The app is not granted hunting (neither MDE's AdvancedQuery.Read.All nor Graph's ThreatHunting.Read.All). */
  huntingRefused?: boolean;
}): Promise<BenchVerdict> {
  const logger = pino({ level: 'silent' });
  const appRoles = options.huntingRefused ? DEMO_APP_ROLES.filter((role) => !/AdvancedQuery|ThreatHunting/i.test(role)) : undefined;
  const sandbox = await startSandbox({ ...options.sandbox, timeScale: options.timeScale, syntheticFiles: true, ...(appRoles ? { appRoles } : {}) });
  const tokenProvider = createMsalTokenProvider({
    ...sandbox.credentials,
    authorityHost: sandbox.authorityHost,
    scope: cloudEndpoints('commercial').scope,
    caCertPem: sandbox.caCertPem,
    logger,
  });
  const limiter = createMdeRateLimiter({ timeScale: options.timeScale });
  // Hunting as main wires it: Graph's runHuntingQuery (HUNTING_API=auto), the MDE endpoint only as its fallback.
  const hunting = sandboxHunting(sandbox, 'auto', logger);
  const http = createHttpMdeClient({ baseUrl: sandbox.apiBaseUrl, tokenProvider, timeoutMs: TIMEOUT_MS, logger, limiter, hunting });
  const ts = options.timeScale;
  const d = BATCHER_DEFAULTS;
  const batching = options.batching === false
    ? false
    : { gatherMs: d.gatherMs * ts, initialRoundTripMs: d.initialRoundTripMs * ts, refusedPauseMs: d.refusedPauseMs * ts, unavailableTtlMs: d.unavailableTtlMs * ts, minuteMs: d.minuteMs * ts };
  const { cache, batcher } = layeredClient(http, limiter, CACHE_TTL_MS, batching);
  const client = cache as CachingMdeClient; // CACHE_TTL_MS > 0: always there
  const allowed = [sandbox.credentials.tenantId];
  // Roles through main's own builder (tenant guard → default role), with every user of the demo
  // tenant a reader: the benchmark has 50 synthetic users the sandbox's Graph does not know.
  const roles = await buildRoleResolver({ source: { kind: 'none' }, allowedTenantIds: allowed, defaultRole: 'reader', now: Date.now, logger });
  const deps: AppDeps = {
    mde: client,
    portalUrl: cloudEndpoints('commercial').portalUrl,
    tenants: { allowed, requireTenant: false },
    roles,
    rolesDefault: 'reader',
  };
  const router = createRouter(deps, defaultCommands());
  return { sandbox, tokenProvider, limiter, client, batcher, deps, router, bot: new VerdictBot(router, logger), stop: () => sandbox.stop() };
}
