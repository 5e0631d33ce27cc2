import type { Logger } from 'pino';
import type { Config } from '../config';
import { graphEndpoints } from './graph-cloud';
import { cloudEndpoints } from './cloud';
import { createMsalTokenProvider, readClientCertificate, type TokenProvider } from './token-provider';
import { createManagedIdentityTokenProvider } from './managed-identity-token-provider';
import { createHttpMdeClient, huntingRunnerFor, type HttpMdeClientOptions, type HuntingOptions } from './http-mde-client';
import { createMdeDeviceApi, type MdeDeviceApi } from './device-api';
import type { HuntingApi } from './hunting-transport';
import { createCachingMdeClient, type CachingMdeClient } from './caching-mde-client';
import { createMdeRateLimiter, type MdeRateLimiter } from './rate-limiter';
import { budgetShare, unevenFamilies } from './budget-share';
import { createProfileBatcher, type BatchingMdeClient, type ProfileBatcherOptions } from './profile-batcher';
import type { MdeClient } from './client';
import { createHttpContainmentGateways, type MdeContainmentGateways } from './containment-gateways';
import { createIndicatorsApi, type IndicatorsApi } from './indicators-api';
import { createMdeRequest } from './request';
import type { Sandbox, SandboxOptions } from '../sandbox';
import { ConfigError } from '../config-error';
import type { Telemetry } from '../telemetry/telemetry';

/** A token provider for the live tenant: the host's managed identity, or the app registration (certificate, else secret). */
export async function liveTokenProvider(config: Config, scope: string, logger: Logger): Promise<TokenProvider> {
  const { tenantId, clientId, clientSecret, certificatePath } = config.mde;
  if (config.mde.auth === 'managed-identity') return createManagedIdentityTokenProvider({ clientId, scope, logger });
  if (!tenantId || !clientId) throw new ConfigError(['MDE_TENANT_ID and MDE_CLIENT_ID are required when MDE_MODE=live']);
  return createMsalTokenProvider({
    tenantId,
    clientId,
    clientSecret,
    certificate: certificatePath ? await readClientCertificate(certificatePath) : undefined,
    authorityHost: config.mde.authorityHost ?? cloudEndpoints(config.mde.cloud).authorityHost,
    scope,
    logger,
  });
}

/** How single lookups may share hunting batches: off, or the batcher's options (the limiter comes from the client). */
export type BatchingChoice = false | Omit<ProfileBatcherOptions, 'limiter'>;

export interface LayeredClient {
  client: MdeClient;
  batcher?: BatchingMdeClient;
  cache?: CachingMdeClient;
}

/**
 * The decorators over the paced HTTP client, innermost first: the profile batcher (single lookups
 * ride a shared hunting batch when the Files API queue is long), then the cache, so hits and
 * identical in-flight lookups never reach the batcher.
 */
export function layeredClient(http: MdeClient, limiter: MdeRateLimiter, cacheTtlMs: number, batching: BatchingChoice = {}): LayeredClient {
  const batcher = batching === false ? undefined : createProfileBatcher(http, { ...batching, limiter });
  const inner = batcher ?? http;
  if (cacheTtlMs === 0) return { client: inner, batcher };
  // Not-found and related answers (devices, alerts, stats) change sooner than a file's verdict.
  const shortTtlMs = Math.min(cacheTtlMs, 120_000);
  const cache = createCachingMdeClient(inner, { ttlMs: cacheTtlMs, notFoundTtlMs: shortTtlMs, relatedTtlMs: Math.min(cacheTtlMs, 60_000) });
  return { client: cache, batcher, cache };
}

/**
 * Hunting through the sandbox's Graph (runHuntingQuery) with a Graph token of the demo app, as
 * main wires it; for anything else that builds a client against a sandbox (benchmarks).
 */
export function sandboxHunting(sandbox: Sandbox, api: HuntingApi, logger: Logger, graphBaseUrl?: string): HuntingOptions {
  const graph = graphEndpoints('commercial', graphBaseUrl ?? sandbox.graphBaseUrl);
  const tokenProvider = createMsalTokenProvider({ ...sandbox.credentials, authorityHost: sandbox.authorityHost, scope: graph.scope, caCertPem: sandbox.caCertPem, logger });
  return { api, graph: { baseUrl: graph.baseUrl, tokenProvider } };
}

/** What a caller may tune when the MDE client is built (the benchmark scales time; the rest is config). */
export interface MdeTuning {
  /** Merged over the embedded sandbox's options (latency model, time scale, synthetic files, app roles). */
  sandbox?: Partial<SandboxOptions>;
  /** The rate limiter's time scale, kept in step with a scaled sandbox's windows; default 1. */
  limiterTimeScale?: number;
  /** Instances sharing the app registration's limits (INSTANCE_COUNT); each paces to its share. Default 1. */
  instanceCount?: number;
  /** The profile batcher: false for off, else its options (default ones, with the MDE logger). */
  batching?: BatchingChoice;
}

/**
 * One paced, caching client per process: the limiter keeps every caller together under MDE's
 * per-API limits (queueing, not failing), the decorators batch single lookups under load,
 * coalesce identical in-flight lookups and cache answers for a few minutes.
 */
export function pacedClient(opts: Omit<HttpMdeClientOptions, 'limiter'>, cacheTtlMs: number, now: () => number, tuning: MdeTuning = {}, clientId?: string): Omit<MdeParts, 'sandbox' | 'tenantId'> {
  // Several instances share one app's limits: each paces itself to its share (budget-share.ts).
  const share = (tuning.instanceCount ?? 1) > 1 ? budgetShare(tuning.instanceCount as number) : undefined;
  const uneven = unevenFamilies(tuning.instanceCount ?? 1);
  if (uneven.length > 0) opts.logger?.warn({ families: uneven, instanceCount: tuning.instanceCount }, 'more instances than these MDE families allow calls a minute: each instance gets one a minute, and a burst on all of them at once may be answered 429 (waited out)');
  const limiter = createMdeRateLimiter({ ...(tuning.limiterTimeScale ? { timeScale: tuning.limiterTimeScale } : {}), ...(share ? { limits: share.files, familyLimits: share } : {}) });
  // `now` is also the hunting API's clock: the MDE endpoint's retirement date is read from it.
  const http = createHttpMdeClient({ now, ...opts, limiter });
  // Containment calls share the limiter (one MDE budget for the process) and are never cached.
  const gateways = createHttpContainmentGateways({ ...opts, limiter }, { now });
  const batching = tuning.batching === false ? false : { logger: opts.logger, ...tuning.batching };
  const { client, batcher, cache } = layeredClient(http, limiter, cacheTtlMs, batching);
  // Bulk indicator calls: the same limiter, their own families (import and BatchDelete 30/min).
  const indicators = createIndicatorsApi(createMdeRequest({ ...opts, now, limiter }), clientId);
  // Device response: uncached, on the same limiter, hunting through the same choice of API.
  const deviceRequest = createMdeRequest({ ...opts, limiter });
  const devices = createMdeDeviceApi(deviceRequest, huntingRunnerFor({ now, ...opts }, deviceRequest, limiter), { now });
  return { client, gateways, indicators, devices, limiter, tokenProvider: opts.tokenProvider, batcher, cache };
}

export interface MdeParts {
  client: MdeClient;
  gateways: MdeContainmentGateways;
  /** The tenant's indicators in bulk (list, import, delete, BatchDelete), never cached. */
  indicators: IndicatorsApi;
  /** Device lookups, response actions, bulk tags and device hunting (src/devices uses it). */
  devices: MdeDeviceApi;
  /** The one limiter every MDE call waits in (its stats are the benchmark's). */
  limiter: MdeRateLimiter;
  /** MDE's token provider (the benchmark fetches one token before it measures). */
  tokenProvider: TokenProvider;
  batcher?: BatchingMdeClient;
  /** The caching decorator; absent when MDE_CACHE_TTL_SECONDS=0. */
  cache?: CachingMdeClient;
  sandbox?: Sandbox;
  tenantId?: string;
}

/** Builds the MDE client: against the embedded sandbox, or a real tenant with msal-node. */
export async function createMde(config: Config, logger: Logger, now: () => number, given: MdeTuning = {}, telemetry?: Telemetry): Promise<MdeParts> {
  const tuning: MdeTuning = { instanceCount: config.scaleOut.instanceCount, ...given };
  const cloud = cloudEndpoints(config.mde.cloud);
  const log = logger.child({ component: 'mde' });
  if (config.mde.mode === 'sandbox') {
    // Loaded only here: a live bot never carries the simulator (≈ 7 MiB of heap, more of RSS).
    // require, not import(): this is a CommonJS project, and under `node -r tsx/cjs` a dynamic
    // import() goes through Node's ES module resolver, which refuses the directory import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandbox } = require('../sandbox') as typeof import('../sandbox');
    const { pendingMs, runningMs, outcome } = config.sandboxActions;
    const sandbox = await startSandbox({
      port: config.sandboxPort,
      logger: logger.child({ component: 'sandbox' }),
      containment: { actionPendingMs: pendingMs, actionInProgressMs: runningMs, actionOutcome: outcome, syntheticIndicators: config.sandboxSyntheticIndicators },
      mdeHuntingRetired: config.sandboxMdeHuntingRetired,
      ...tuning.sandbox,
    });
    const tokenProvider = createMsalTokenProvider({
      ...sandbox.credentials,
      authorityHost: sandbox.authorityHost,
      scope: cloud.scope,
      caCertPem: sandbox.caCertPem,
      logger: log,
    });
    const hunting = sandboxHunting(sandbox, config.mde.huntingApi, log, config.roles.graphBaseUrl);
    const paced = pacedClient({ baseUrl: sandbox.apiBaseUrl, tokenProvider, timeoutMs: config.mde.timeoutMs, logger: log, hunting, telemetry }, config.mde.cacheTtlMs, now, tuning, sandbox.credentials.clientId);
    return { ...paced, sandbox, tenantId: sandbox.credentials.tenantId };
  }
  const tokenProvider = await liveTokenProvider(config, config.mde.tokenScope ?? cloud.scope, log);
  const baseUrl = config.mde.apiBaseUrl ?? cloud.apiBaseUrl;
  // Hunting goes to Microsoft Graph (runHuntingQuery) with the same app registration, Graph's scope.
  const graph = graphEndpoints(config.mde.cloud, config.roles.graphBaseUrl);
  const hunting = { api: config.mde.huntingApi, graph: { baseUrl: graph.baseUrl, tokenProvider: await liveTokenProvider(config, graph.scope, log) } };
  return { ...pacedClient({ baseUrl, tokenProvider, timeoutMs: config.mde.timeoutMs, logger: log, hunting, telemetry }, config.mde.cacheTtlMs, now, tuning, config.mde.clientId), tenantId: config.mde.tenantId };
}
