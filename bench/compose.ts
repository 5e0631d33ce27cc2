import pino from 'pino';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox';
import { cloudEndpoints } from '../src/mde/cloud';
import { createMsalTokenProvider, type TokenProvider } from '../src/mde/token-provider';
import { createHttpMdeClient } from '../src/mde/http-mde-client';
import { createCachingMdeClient, type CachingMdeClient } from '../src/mde/caching-mde-client';
import { createMdeRateLimiter, type MdeRateLimiter } from '../src/mde/rate-limiter';
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
 * Keep this in step with main.ts's pacedClient (limiter → http client → caching decorator, TTLs).
 */
export async function startBenchVerdict(options: { timeScale: number; sandbox: SandboxOptions }): Promise<BenchVerdict> {
  const logger = pino({ level: 'silent' });
  const sandbox = await startSandbox({ ...options.sandbox, timeScale: options.timeScale, syntheticFiles: true });
  const tokenProvider = createMsalTokenProvider({
    ...sandbox.credentials,
    authorityHost: sandbox.authorityHost,
    scope: cloudEndpoints('commercial').scope,
    caCertPem: sandbox.caCertPem,
    logger,
  });
  const limiter = createMdeRateLimiter({ timeScale: options.timeScale });
  const http = createHttpMdeClient({ baseUrl: sandbox.apiBaseUrl, tokenProvider, timeoutMs: TIMEOUT_MS, logger, limiter });
  const shortTtlMs = Math.min(CACHE_TTL_MS, 120_000);
  const client = createCachingMdeClient(http, { ttlMs: CACHE_TTL_MS, notFoundTtlMs: shortTtlMs, relatedTtlMs: Math.min(CACHE_TTL_MS, 60_000) });
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
  return { sandbox, tokenProvider, limiter, client, deps, router, bot: new VerdictBot(router, logger), stop: () => sandbox.stop() };
}
