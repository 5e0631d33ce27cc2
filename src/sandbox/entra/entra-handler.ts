import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { TOKEN_FAMILY, type FaultQueue } from '../fault-queue';
import { readBody, truncateBody, writeAnswer, type HttpAnswer } from '../http-kit';
import type { Sleeper } from '../sleeper';
import type { StatsRecorder } from '../stats';
import { EMPTY_JWKS, instanceDiscovery, openIdConfiguration } from './discovery';
import { entraError } from './entra-errors';

export interface EntraHandlerDeps {
  /** 'https://127.0.0.1:<tlsPort>', fixed at start: documents never echo a caller's Host header. */
  authorityHost: string;
  tenantId: string;
  handleToken(form: URLSearchParams, correlationId: string | undefined): { answer: HttpAnswer; issued: boolean };
  faults: FaultQueue;
  stats: StatsRecorder;
  sleeper: Sleeper;
  logger: Logger;
}

const FORM_LIMIT_BYTES = 64 * 1024;

/** Routes of the TLS listener: instance discovery, OIDC metadata, keys, and the token endpoint. */
export function createEntraHandler(deps: EntraHandlerDeps) {
  const { authorityHost, tenantId, logger } = deps;
  const ourHost = new URL(authorityHost).host;

  const unknownTenant = (tenant: string, correlationId?: string): HttpAnswer =>
    entraError({
      status: 400,
      error: 'invalid_request',
      aadsts: 90002,
      message: `Tenant '${tenant.slice(0, 100)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      correlationId,
    });

  const discover = (url: URL): HttpAnswer => {
    const endpoint = url.searchParams.get('authorization_endpoint') ?? '';
    let target: URL | undefined;
    try {
      target = new URL(endpoint);
    } catch {
      target = undefined;
    }
    if (!target || target.host !== ourHost) {
      return { status: 400, body: { error: 'invalid_instance', error_description: 'AADSTS50049: Unknown or invalid instance.', error_codes: [50049] } };
    }
    const tenant = target.pathname.split('/').filter(Boolean)[0] ?? 'common';
    return { status: 200, body: instanceDiscovery(authorityHost, tenant) };
  };

  const token = async (req: IncomingMessage, correlationId: string | undefined): Promise<HttpAnswer | 'hold'> => {
    const fault = deps.faults.take(TOKEN_FAMILY, req.method);
    if (fault?.type === 'timeout') return 'hold';
    // A sleep cut short means the sandbox is stopping: leave the socket to be destroyed.
    if (fault?.type === 'latency' && !(await deps.sleeper.sleep(fault.ms))) return 'hold';
    if (fault?.type === 'status') {
      const transient = fault.status >= 500 || fault.status === 429;
      const answer = entraError({
        status: fault.status,
        error: fault.code ?? (transient ? 'temporarily_unavailable' : 'invalid_request'),
        aadsts: transient ? 50000 : 90000,
        message: 'Injected fault: there was an error issuing a token.',
        correlationId,
      });
      if (fault.retryAfterSeconds !== undefined) answer.headers = { ...answer.headers, 'retry-after': String(fault.retryAfterSeconds) };
      return answer;
    }
    const form = new URLSearchParams(await readBody(req, FORM_LIMIT_BYTES));
    const { answer, issued } = deps.handleToken(form, correlationId);
    if (issued) deps.stats.tokenIssued();
    logger.debug({ status: answer.status, issued, clientId: form.get('client_id'), correlationId }, 'sandbox token request');
    return fault?.type === 'malformed' ? truncateBody(answer) : answer;
  };

  const decide = async (req: IncomingMessage, url: URL): Promise<HttpAnswer | 'hold'> => {
    const method = req.method ?? 'GET';
    // msal-node sends its correlation id as a query parameter; other clients as a header.
    const correlationId = headerValue(req.headers['client-request-id']) ?? url.searchParams.get('client-request-id') ?? undefined;
    const segments = url.pathname.split('/').filter(Boolean);
    const [tenant = '', ...rest] = segments;
    const tail = rest.join('/');

    if (method === 'GET' && tenant === 'common' && tail === 'discovery/instance') return discover(url);
    const known = ['v2.0/.well-known/openid-configuration', 'discovery/v2.0/keys', 'oauth2/v2.0/token'];
    if (!known.includes(tail)) return { status: 404, body: { error: 'not_found', error_description: `The sandbox serves no ${method} ${url.pathname}` } };
    if (tenant.toLowerCase() !== tenantId) return unknownTenant(tenant, correlationId);

    if (method === 'GET' && tail === 'v2.0/.well-known/openid-configuration') return { status: 200, body: openIdConfiguration(authorityHost, tenantId) };
    if (method === 'GET' && tail === 'discovery/v2.0/keys') return { status: 200, body: EMPTY_JWKS };
    if (method === 'POST' && tail === 'oauth2/v2.0/token') return token(req, correlationId);
    return entraError({ status: 405, error: 'invalid_request', aadsts: 900561, message: `The endpoint only accepts ${tail.endsWith('token') ? 'POST' : 'GET'} requests. Received a ${method} request.`, correlationId });
  };

  return async function handleEntra(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const outcome = await decide(req, url);
    if (outcome === 'hold') {
      // Never answered: the client gives up, or stop() destroys the socket (closeAllConnections).
      return;
    }
    writeAnswer(res, outcome);
  };
}

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
