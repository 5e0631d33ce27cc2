import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { z } from 'zod';
import { ADMIN_PREFIX, createAdminHandler } from './admin-handler';
import { DEMO_APP_ROLES, DEMO_CLIENT_ID, DEMO_MANAGED_IDENTITY_CLIENT_ID, DEMO_SYSTEM_IDENTITY_CLIENT_ID, DEMO_TENANT_ID, DEMO_TENANT_NAME } from './demo-tenant';
import { parseCertificates } from './entra/client-assertion';
import { createEntraHandler } from './entra/entra-handler';
import { APP_SERVICE_TOKEN_PATH, createManagedIdentityEndpoint, isManagedIdentityPath } from './entra/managed-identity';
import { createTlsMaterial } from './entra/tls-cert';
import { createTokenEndpoint } from './entra/token-endpoint';
import { createTokenStore } from './entra/token-store';
import { createFaultQueue, describeIssues, GRAPH_HUNTING_FAMILY, TOKEN_FAMILY } from './fault-queue';
import { createDemoDirectory } from './graph/directory';
import { createGraphHandler, GRAPH_FAMILY, isGraphPath } from './graph/graph-handler';
import { createRunHuntingQuery } from './graph/run-hunting-query';
import { urlHost, writeAnswer } from './http-kit';
import { close, listen, serve } from './listeners';
import { createApiHandler } from './mde/api-handler';
import { mdeError } from './mde/mde-errors';
import { createApiRoutes, createContainmentState, familiesOf } from './mde/routes';
import { portalIndicator } from './mde/portal-indicator';
import { createRequestLog } from './request-log';
import { MAX_ACTIVE_INDICATORS } from './mde/indicator-store';
import { createFamilyLimiters } from './rate-limits';
import { createLatency } from './latency-model';
import { createCatalogue } from './mde/catalogue';
import { demoCatalogue } from './demo-catalogue';
import type { SyntheticFiles } from './synthetic-files';
import { crowdedIndicators } from './synthetic-indicators';
import { createSleeper } from './sleeper';
import { createStatsRecorder } from './stats';
import type { Sandbox, SandboxCredentials, SandboxOptions } from './types';

export type { PortalIndicatorInit } from './mde/portal-indicator';
export type { ReceivedRequest } from './request-log';
export type { Fault, Sandbox, SandboxContainmentOptions, SandboxCredentials, SandboxFaults, SandboxOptions, SandboxStats } from './types';

const optionsSchema = z.object({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  tlsPort: z.number().int().min(0).max(65535).optional(),
  limits: z.object({ perMinute: z.number().int().min(1).optional(), perHour: z.number().int().min(1).optional() }).optional(),
  familyLimits: z.record(z.string(), z.object({ perMinute: z.number().int().min(1).optional(), perHour: z.number().int().min(1).optional() })).optional(),
  latencyModel: z.union([z.literal('realistic'), z.record(z.string(), z.object({ baseMs: z.number().min(0), jitterMs: z.number().min(0).optional() }))]).optional(),
  random: z.custom<() => number>((v) => typeof v === 'function').optional(),
  syntheticFiles: z.union([z.boolean(), z.custom<SyntheticFiles>((v) => typeof v === 'function')]).optional(),
  timeScale: z.number().positive().max(1000).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  appRoles: z.array(z.string().min(1)).optional(),
  mdeHuntingRetired: z.boolean().optional(),
  huntingQueriesPerQuotaCycle: z.number().int().min(0).optional(),
  clientCertificates: z.array(z.string()).optional(),
  containment: z
    .object({
      seedIndicators: z.number().int().min(0).max(MAX_ACTIVE_INDICATORS).optional(),
      syntheticIndicators: z.number().int().min(0).max(MAX_ACTIVE_INDICATORS * 2).optional(),
      actionPendingMs: z.number().min(0).optional(),
      actionInProgressMs: z.number().min(0).optional(),
      actionOutcome: z.enum(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']).optional(),
    })
    .optional(),
});

/** Listening hosts that mean "every interface"; clients still reach them on loopback. */
const clientHost = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

/** A secret shaped like Entra's (`xxx8Q~…`), new at every start so none is ever committed. */
const newClientSecret = (): string => `${randomBytes(3).toString('base64url').slice(0, 3)}8Q~${randomBytes(27).toString('base64url').slice(0, 34)}`;

/**
 * Starts the embedded MDE + Entra sandbox: an HTTP listener for the MDE API and the admin surface,
 * and an HTTPS listener for Entra. Everything it keeps (tokens, limits, faults, stats) belongs to
 * this one call, so several sandboxes can run side by side in one process.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) throw new Error(`Invalid sandbox options: ${describeIssues(checked.error)}`);
  const host = options.host ?? '127.0.0.1';
  // Used as given: callers already bind their own fields (main passes a `component: sandbox` child).
  const logger = options.logger ?? pino({ level: 'silent' });
  const certificates = parseCertificates(options.clientCertificates ?? []);
  const credentials: SandboxCredentials = { tenantId: DEMO_TENANT_ID, clientId: DEMO_CLIENT_ID, clientSecret: newClientSecret() };

  const tls = await createTlsMaterial(host);
  const httpServer = createHttpServer();
  const httpsServer = createHttpsServer({ key: tls.keyPem, cert: tls.certPem });
  let apiPort: number;
  let tlsPort: number;
  try {
    apiPort = await listen(httpServer, options.port ?? 0, host);
    tlsPort = await listen(httpsServer, options.tlsPort ?? 0, host);
  } catch (error) {
    await Promise.all([close(httpServer), close(httpsServer)]);
    throw error;
  }
  const apiBaseUrl = `http://${urlHost(clientHost(host), apiPort)}`;
  const authorityHost = `https://${urlHost(clientHost(host), tlsPort)}`;
  const authority = `${authorityHost}/${credentials.tenantId}`;

  const stats = createStatsRecorder();
  const sleeper = createSleeper();
  const tokens = createTokenStore(Date.now);
  const timeScale = options.timeScale ?? 1;
  const c = options.containment ?? {};
  const crowded = c.syntheticIndicators ? crowdedIndicators({ count: c.syntheticIndicators, verdictClientId: credentials.clientId, now: Date.now() }) : [];
  const containment = createContainmentState({
    seedIndicators: c.seedIndicators,
    extraIndicators: crowded,
    timing: { pendingMs: c.actionPendingMs ?? 30_000 * timeScale, inProgressMs: c.actionInProgressMs ?? 60_000 * timeScale, outcome: c.actionOutcome ?? 'Succeeded' },
  });
  // The crowded tenant's indicators are on synthetic files (`bad0…` malware): they need the rule on.
  const catalogue = createCatalogue(demoCatalogue(options.syntheticFiles ?? (crowded.length > 0 ? true : undefined)));
  const routes = createApiRoutes(catalogue, containment, { huntingRetired: options.mdeHuntingRetired });
  const families = [...familiesOf(routes), TOKEN_FAMILY, GRAPH_FAMILY, GRAPH_HUNTING_FAMILY];
  const faults = createFaultQueue(families);
  // One limiter set and one latency model for MDE and Graph hunting: the same tenant's budgets.
  const limiters = createFamilyLimiters({ override: options.limits, families: options.familyLimits, timeScale, now: () => performance.now() });
  const latencyFor = createLatency(options.latencyModel, timeScale, options.random ?? Math.random);
  const received = createRequestLog();
  const handleApi = createApiHandler({ routes, tokens, limiters, faults, stats, sleeper, latencyMs: options.latencyMs ?? 0, latencyFor, logger, received });
  const handleAdmin = createAdminHandler({ faults, stats, families });
  const runHuntingQuery = createRunHuntingQuery({
    catalogue,
    limiters,
    faults,
    stats,
    queriesPerQuotaCycle: options.huntingQueriesPerQuotaCycle,
    timeScale,
    latencyFor: (family) => (options.latencyMs ?? 0) + latencyFor(family),
    now: () => performance.now(),
  });
  const handleGraph = createGraphHandler({ tokens, directory: createDemoDirectory(), faults, sleeper, logger, runHuntingQuery });
  const handleToken = createTokenEndpoint({
    credentials,
    tenantName: DEMO_TENANT_NAME,
    certificates,
    appRoles: options.appRoles ?? DEMO_APP_ROLES,
    tokens,
    assertionAudiences: [`${authority}/oauth2/v2.0/token`, `${authority}/v2.0`],
    now: Date.now,
  });

  const identityHeader = randomBytes(24).toString('base64url');
  const managedIdentity = createManagedIdentityEndpoint({
    userAssignedClientId: DEMO_MANAGED_IDENTITY_CLIENT_ID,
    systemAssignedClientId: DEMO_SYSTEM_IDENTITY_CLIENT_ID,
    identityHeader,
    tenantId: credentials.tenantId,
    appRoles: options.appRoles ?? DEMO_APP_ROLES,
    tokens,
    faults,
    now: Date.now,
  });

  serve(httpServer, apiBaseUrl, logger, async (req, res, url) => {
    if (isManagedIdentityPath(url.pathname)) writeAnswer(res, managedIdentity.handle(req, url));
    else if (url.pathname.startsWith(ADMIN_PREFIX)) writeAnswer(res, await handleAdmin(req, url));
    else if (/^\/api(\/|$)/i.test(url.pathname)) await handleApi(req, res, url);
    else if (isGraphPath(url.pathname)) await handleGraph(req, res, url);
    else writeAnswer(res, mdeError(404, 'NotFound', `No API at ${url.pathname}`));
  });
  serve(httpsServer, authorityHost, logger, createEntraHandler({ authorityHost, tenantId: credentials.tenantId, handleToken, faults, stats, sleeper, logger }));
  logger.info({ apiBaseUrl, authority }, 'sandbox started');

  let stopping: Promise<void> | undefined;
  return {
    apiBaseUrl,
    graphBaseUrl: apiBaseUrl,
    authorityHost,
    authority,
    caCertPem: tls.certPem,
    credentials,
    managedIdentity: {
      imdsHost: apiBaseUrl,
      identityEndpoint: `${apiBaseUrl}${APP_SERVICE_TOKEN_PATH}`,
      identityHeader,
      userAssignedClientId: DEMO_MANAGED_IDENTITY_CLIENT_ID,
      systemAssignedClientId: DEMO_SYSTEM_IDENTITY_CLIENT_ID,
      tokensIssued: managedIdentity.issued,
    },
    stats: () => stats.snapshot(),
    faults: { inject: (fault) => faults.inject(fault), clear: () => void faults.clear() },
    received: () => received.list(),
    portal: {
      addIndicator(init) {
        const indicator = portalIndicator(init, init.id ?? containment.indicators.takeId(), Date.now());
        if (!containment.indicators.insert(indicator)) throw new Error(`The sandbox already has indicator ${indicator.id} or one on ${indicator.indicatorType} ${indicator.indicatorValue}`);
        return indicator.id;
      },
    },
    stop() {
      stopping ??= (async () => {
        sleeper.cancelAll();
        await Promise.all([close(httpServer), close(httpsServer)]);
        logger.info('sandbox stopped');
      })();
      return stopping;
    },
  };
}
