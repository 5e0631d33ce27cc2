import { LogLevel, ManagedIdentityApplication } from '@azure/msal-node';
import pino, { type Logger } from 'pino';
import { tokenError } from './token-error';
import { sharingInFlight, type TokenProvider } from './token-provider';

export interface ManagedIdentityTokenProviderOptions {
  /** The user-assigned identity's client id; absent: the host's system-assigned identity. */
  clientId?: string;
  /** The scope as for client credentials (`https://api.securitycenter.microsoft.com/.default`); the endpoint wants the resource. */
  scope: string;
  logger?: Logger;
}

/** The managed-identity endpoints take a resource (`https://graph.microsoft.com`), not a `/.default` scope. */
export const resourceOfScope = (scope: string): string => scope.replace(/\/\.default$/i, '');

/**
 * Tokens for the host's managed identity via msal-node's ManagedIdentityApplication. msal finds the
 * endpoint from the environment the platform sets (App Service: IDENTITY_ENDPOINT and
 * IDENTITY_HEADER; else IMDS at 169.254.169.254, or AZURE_POD_IDENTITY_AUTHORITY_HOST), caches
 * tokens until shortly before expiry, and retries IMDS's transient answers. msal keeps the chosen
 * endpoint and its token cache process-wide (static), which is fine: a process has one host.
 * Concurrent callers share one in-flight request, as with the client-credentials provider.
 */
export function createManagedIdentityTokenProvider(opts: ManagedIdentityTokenProviderOptions): TokenProvider {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const app = new ManagedIdentityApplication({
    ...(opts.clientId ? { managedIdentityIdParams: { userAssignedClientId: opts.clientId } } : {}),
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => logger.debug({ operation: 'token', msalLevel: LogLevel[level] }, message),
      },
    },
  });
  const resource = resourceOfScope(opts.scope);
  const identity = opts.clientId ? 'user-assigned' : 'system-assigned';

  const acquire = async (forceRefresh: boolean): Promise<string> => {
    const started = Date.now();
    try {
      const result = await app.acquireToken({ resource, forceRefresh });
      if (!result?.accessToken) throw new Error('msal returned no access token');
      logger.debug({ operation: 'token', identity, fromCache: result.fromCache, forceRefresh, ms: Date.now() - started }, 'managed identity token acquired');
      return result.accessToken;
    } catch (err) {
      const mapped = tokenError(err);
      logger.warn({ operation: 'token', identity, kind: mapped.kind, code: mapped.code, status: mapped.status, ms: Date.now() - started }, 'managed identity token failed');
      throw mapped;
    }
  };

  return sharingInFlight(acquire);
}
