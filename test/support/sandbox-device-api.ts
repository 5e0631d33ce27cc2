import pino from 'pino';
import { createMdeDeviceApi, type MdeDeviceApi } from '../../src/mde/device-api';
import { sandboxHunting } from '../../src/mde/create';
import { huntingRunnerFor } from '../../src/mde/http-mde-client';
import { createMdeRateLimiter, type MdeRateLimiter } from '../../src/mde/rate-limiter';
import { createMdeRequest } from '../../src/mde/request';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import type { Sandbox } from '../../src/sandbox';

const SCOPE = 'https://api.securitycenter.microsoft.com/.default';

/** The real device API (msal-node over loopback, the real pipeline and limiter, Graph hunting) against a sandbox. */
export function sandboxDeviceApi(sb: Sandbox, options: { limiter?: MdeRateLimiter } = {}): MdeDeviceApi {
  const logger = pino({ level: 'silent' });
  const tokenProvider = createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope: SCOPE, caCertPem: sb.caCertPem });
  const limiter = options.limiter ?? createMdeRateLimiter();
  const opts = { baseUrl: sb.apiBaseUrl, tokenProvider, random: () => 0, logger, hunting: sandboxHunting(sb, 'graph', logger) };
  const request = createMdeRequest({ ...opts, limiter });
  return createMdeDeviceApi(request, huntingRunnerFor(opts, request, limiter));
}
