import type { Logger } from 'pino';
import { loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { cloudEndpoints } from './mde/cloud';
import { createMsalTokenProvider, readClientCertificate } from './mde/token-provider';
import { createHttpMdeClient, type HttpMdeClientOptions } from './mde/http-mde-client';
import { createCachingMdeClient } from './mde/caching-mde-client';
import { createMdeRateLimiter } from './mde/rate-limiter';
import type { MdeClient } from './mde/client';
import { startSandbox, type Sandbox } from './sandbox';
import { createRouter } from './app/router';
import { defaultCommands } from './app/commands';
import type { AppDeps } from './app/deps';
import { createAdapter } from './teams/adapter';
import { VerdictBot } from './teams/bot';
import { createServer, listen } from './server';

export interface RunningVerdict {
  /** http://host:port of the bot; activities go to `${url}/api/messages`. */
  url: string;
  port: number;
  config: Config;
  /** The embedded MDE simulator, in sandbox mode. */
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * One paced, caching client per process: the limiter keeps every caller together under MDE's
 * per-API limits (queueing, not failing), the decorator coalesces identical in-flight lookups
 * and caches answers for a few minutes.
 */
function pacedClient(opts: Omit<HttpMdeClientOptions, 'limiter'>, cacheTtlMs: number): MdeClient {
  const http = createHttpMdeClient({ ...opts, limiter: createMdeRateLimiter() });
  if (cacheTtlMs === 0) return http;
  // Not-found and related answers (devices, alerts, stats) change sooner than a file's verdict.
  const shortTtlMs = Math.min(cacheTtlMs, 120_000);
  return createCachingMdeClient(http, { ttlMs: cacheTtlMs, notFoundTtlMs: shortTtlMs, relatedTtlMs: Math.min(cacheTtlMs, 60_000) });
}

interface MdeWiring {
  client: MdeClient;
  sandbox?: Sandbox;
  tenantId?: string;
}

/** Builds the MDE client: against the embedded sandbox, or a real tenant with msal-node. */
async function wireMde(config: Config, logger: Logger): Promise<MdeWiring> {
  const cloud = cloudEndpoints(config.mde.cloud);
  const log = logger.child({ component: 'mde' });
  if (config.mde.mode === 'sandbox') {
    const sandbox = await startSandbox({ port: config.sandboxPort, logger: logger.child({ component: 'sandbox' }) });
    const tokenProvider = createMsalTokenProvider({
      ...sandbox.credentials,
      authorityHost: sandbox.authorityHost,
      scope: cloud.scope,
      caCertPem: sandbox.caCertPem,
      logger: log,
    });
    const client = pacedClient({ baseUrl: sandbox.apiBaseUrl, tokenProvider, timeoutMs: config.mde.timeoutMs, logger: log }, config.mde.cacheTtlMs);
    return { client, sandbox, tenantId: sandbox.credentials.tenantId };
  }
  const { tenantId, clientId, clientSecret, certificatePath } = config.mde;
  if (!tenantId || !clientId) throw new ConfigError(['MDE_TENANT_ID and MDE_CLIENT_ID are required when MDE_MODE=live']);
  const tokenProvider = createMsalTokenProvider({
    tenantId,
    clientId,
    clientSecret,
    certificate: certificatePath ? await readClientCertificate(certificatePath) : undefined,
    authorityHost: config.mde.authorityHost ?? cloud.authorityHost,
    scope: config.mde.tokenScope ?? cloud.scope,
    logger: log,
  });
  const baseUrl = config.mde.apiBaseUrl ?? cloud.apiBaseUrl;
  return { client: pacedClient({ baseUrl, tokenProvider, timeoutMs: config.mde.timeoutMs, logger: log }, config.mde.cacheTtlMs), tenantId };
}

export interface BuiltVerdict {
  bot: VerdictBot;
  deps: AppDeps;
  sandbox?: Sandbox;
}

/** Builds clients and the bot from validated config; no listening socket (tests drive `bot.run`). */
export async function buildVerdict(config: Config, logger: Logger): Promise<BuiltVerdict> {
  const mde = await wireMde(config, logger);
  const deps: AppDeps = {
    mde: mde.client,
    portalUrl: cloudEndpoints(config.mde.cloud).portalUrl,
    tenants: {
      allowed: [mde.tenantId, config.bot.appTenantId].filter((t): t is string => Boolean(t)),
      requireTenant: config.mde.mode === 'live',
    },
  };
  const router = createRouter(deps, defaultCommands());
  return { bot: new VerdictBot(router, logger.child({ component: 'bot' })), deps, sandbox: mde.sandbox };
}

/** Validates the environment or throws ConfigError naming every bad key. */
export function configFrom(env: Record<string, string | undefined>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new ConfigError(loaded.errors);
  return loaded.config;
}

/** The composition root: config → clients → bot → server. Everything else receives what it needs. */
export async function startVerdict(env: Record<string, string | undefined>, options: { logger?: Logger } = {}): Promise<RunningVerdict> {
  const config = configFrom(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const { bot, sandbox } = await buildVerdict(config, logger);
  const adapter = createAdapter(config.bot, logger.child({ component: 'adapter' }));

  let ready = false;
  const server = createServer({ adapter, run: (context) => bot.run(context), ready: () => ready, logger });
  let running;
  try {
    running = await listen(server, config.port, config.host);
  } catch (err) {
    await sandbox?.stop();
    throw err;
  }
  ready = true;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${running.port}`;
  logger.info({ url, mdeMode: config.mde.mode, cloud: config.mde.cloud }, 'verdict listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port: running.port,
    config,
    sandbox,
    stop() {
      stopping ??= (async () => {
        ready = false;
        await running.close();
        await sandbox?.stop();
        logger.info('verdict stopped');
      })();
      return stopping;
    },
  };
}

/** `npm run serve`: the bot alone, as a container runs it. */
async function serve(): Promise<void> {
  let app: RunningVerdict;
  try {
    app = await startVerdict(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and the README's configuration table.\n`);
      process.exit(1);
    }
    throw err;
  }
  const shutdown = () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  serve().catch((err: unknown) => {
    process.stderr.write(`Verdict failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
