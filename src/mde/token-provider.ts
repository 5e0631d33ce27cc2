import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import pino, { type Logger } from 'pino';
import type { ClientCertificate } from './client-certificate';
import { tokenError } from './token-error';
import { createTlsNetworkClient } from './tls-network-client';

export { readClientCertificate, type ClientCertificate } from './client-certificate';

/** Bearer tokens for the MDE API. Implementations cache; `forceRefresh` skips the cache (after a 401). */
export interface TokenProvider {
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export interface MsalTokenProviderOptions {
  tenantId: string;
  clientId: string;
  /** Exactly one of clientSecret and certificate. */
  clientSecret?: string;
  certificate?: ClientCertificate;
  /** e.g. https://login.microsoftonline.com (see cloudEndpoints). Must be https: msal refuses anything else. */
  authorityHost: string;
  /** e.g. https://api.securitycenter.microsoft.com/.default */
  scope: string;
  /** A CA to trust for the authority (the sandbox's self-signed one). */
  caCertPem?: string;
  logger?: Logger;
}

/** Entra hosts msal-node has built-in instance metadata for (msal-common AuthorityMetadata.ts). */
const MICROSOFT_LOGIN_HOSTS: ReadonlySet<string> = new Set([
  'login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net',
  'login.partner.microsoftonline.cn', 'login.chinacloudapi.cn', 'login.microsoftonline.de',
  'login.microsoftonline.us', 'login.usgovcloudapi.net', 'login-us.microsoftonline.com',
  'login.sovcloud-identity.fr', 'login.sovcloud-identity.de', 'login.sovcloud-identity.sg',
]);

/**
 * Client-credentials tokens from Entra via msal-node. One ConfidentialClientApplication per
 * provider: its in-memory cache hands out the same token until shortly before expiry. Concurrent
 * callers share one in-flight request, so a burst of lookups costs one token call.
 */
export function createMsalTokenProvider(opts: MsalTokenProviderOptions): TokenProvider {
  if (!opts.clientSecret === !opts.certificate) throw new Error('MSAL token provider: give exactly one of clientSecret or certificate');
  const logger = opts.logger ?? pino({ level: 'silent' });
  const cca = new ConfidentialClientApplication(msalConfiguration(opts, logger));

  const acquire = async (forceRefresh: boolean): Promise<string> => {
    const started = Date.now();
    try {
      const result = await cca.acquireTokenByClientCredential({ scopes: [opts.scope], skipCache: forceRefresh });
      if (!result?.accessToken) throw new Error('msal returned no access token');
      logger.debug({ operation: 'token', fromCache: result.fromCache, forceRefresh, ms: Date.now() - started }, 'mde token acquired');
      return result.accessToken;
    } catch (err) {
      const mapped = tokenError(err);
      logger.warn({ operation: 'token', kind: mapped.kind, code: mapped.code, target: mapped.target, ms: Date.now() - started }, 'mde token failed');
      throw mapped;
    }
  };

  return sharingInFlight(acquire);
}

/**
 * A token provider over `acquire` in which concurrent callers share one in-flight request (one
 * for normal calls, one for forced refreshes), so a burst of calls costs one token call.
 */
export function sharingInFlight(acquire: (forceRefresh: boolean) => Promise<string>): TokenProvider {
  const inFlight = new Map<boolean, Promise<string>>();
  return {
    getToken(options = {}) {
      const force = options.forceRefresh === true;
      const pending = inFlight.get(force);
      if (pending) return pending;
      const p = acquire(force).finally(() => inFlight.delete(force));
      inFlight.set(force, p);
      return p;
    },
  };
}

/** The msal-node configuration for these options (exported for tests). */
export function msalConfiguration(opts: MsalTokenProviderOptions, logger: Logger = pino({ level: 'silent' })): Configuration {
  const authorityUrl = new URL(opts.authorityHost);
  const host = authorityUrl.host;
  return {
    auth: {
      clientId: opts.clientId,
      authority: `${authorityUrl.origin}/${encodeURIComponent(opts.tenantId)}`,
      ...(opts.clientSecret ? { clientSecret: opts.clientSecret } : { clientCertificate: opts.certificate }),
      // Instance discovery is a call to login.microsoftonline.com whatever the authority is, so for
      // any other host (the sandbox, a test double) we declare it known. msal still fetches the
      // host's own /{tenant}/v2.0/.well-known/openid-configuration and validates its issuer.
      ...(MICROSOFT_LOGIN_HOSTS.has(authorityUrl.hostname.toLowerCase()) ? {} : { knownAuthorities: [host] }),
    },
    system: {
      ...(opts.caCertPem ? { networkClient: createTlsNetworkClient({ caCertPem: opts.caCertPem }) } : {}),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => logger.debug({ operation: 'token', msalLevel: LogLevel[level] }, message),
      },
    },
  };
}
