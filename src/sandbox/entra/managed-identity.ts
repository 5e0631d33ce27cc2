import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpAnswer } from '../http-kit';
import { TOKEN_FAMILY, type FaultQueue } from '../fault-queue';
import type { TokenStore } from './token-store';
import { resolveScope } from './resources';

/** Where the two endpoint shapes live on the sandbox's HTTP listener (the real IMDS is plain HTTP too). */
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
export const APP_SERVICE_TOKEN_PATH = '/msi/token';

/** msal-node normalises the endpoint URL with a trailing slash (`…/oauth2/token/`); IMDS answers both. */
export const isManagedIdentityPath = (path: string): boolean => {
  const bare = path.replace(/\/+$/, '');
  return bare === IMDS_TOKEN_PATH || bare === APP_SERVICE_TOKEN_PATH;
};

export interface ManagedIdentityDeps {
  /** The user-assigned identity's client id; a request naming another is refused as IMDS refuses it. */
  userAssignedClientId: string;
  /** The system-assigned identity's client id (what tokens issued without a client id carry). */
  systemAssignedClientId: string;
  /** App Service's X-IDENTITY-HEADER secret (IDENTITY_HEADER), new at every start. */
  identityHeader: string;
  tenantId: string;
  appRoles: readonly string[];
  tokens: TokenStore;
  faults: FaultQueue;
  now: () => number;
}

const same = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * A stand-in for the managed-identity token endpoints a workload in Azure calls: IMDS
 * (`GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…`, header `Metadata: true`)
 * and App Service's (`GET $IDENTITY_ENDPOINT?api-version=2019-08-01&resource=…`, header
 * `X-IDENTITY-HEADER: $IDENTITY_HEADER`). Both take `client_id` for a user-assigned identity and
 * answer with the fields msal-node reads. The token goes into the sandbox's one token store, so
 * its MDE and Graph accept it exactly like a client-credentials token, with the identity's app roles.
 */
export function createManagedIdentityEndpoint(deps: ManagedIdentityDeps) {
  const issued = new Map<string, number>();
  const refuse = (status: number, error: string, description: string): HttpAnswer => ({ status, body: { error, error_description: description } });

  const handle = (req: IncomingMessage, url: URL): HttpAnswer => {
    const imds = url.pathname.replace(/\/+$/, '') === IMDS_TOKEN_PATH;
    if ((req.method ?? 'GET').toUpperCase() !== 'GET') return refuse(405, 'invalid_request', 'Only GET is supported');
    if (imds && header(req, 'metadata') !== 'true') return refuse(400, 'invalid_request', 'Required metadata header not specified');
    if (!imds && !same(header(req, 'x-identity-header') ?? '', deps.identityHeader)) return refuse(401, 'invalid_request', 'X-IDENTITY-HEADER is missing or wrong');
    const version = url.searchParams.get('api-version');
    if (version !== (imds ? '2018-02-01' : '2019-08-01')) return refuse(400, 'invalid_request', `api-version ${version ?? '(none)'} is not supported here`);

    const fault = deps.faults.take(TOKEN_FAMILY);
    if (fault?.type === 'status') return refuse(fault.status, fault.code ?? 'temporarily_unavailable', 'Injected fault: the identity endpoint failed');

    const resource = url.searchParams.get('resource');
    if (!resource) return refuse(400, 'invalid_request', 'Required query variable resource is missing');
    // The endpoints take a resource, not a scope; Entra resolves it like `<resource>/.default`.
    const resolved = resolveScope(`${resource.replace(/\/+$/, '')}/.default`);
    if (!resolved.ok) return refuse(400, 'invalid_resource', `AADSTS500011: The resource principal named ${resource} was not found in the tenant.`);

    const asked = url.searchParams.get('client_id');
    if (url.searchParams.has('object_id') || url.searchParams.has('msi_res_id') || url.searchParams.has('mi_res_id')) {
      return refuse(400, 'invalid_request', 'The sandbox knows its identities by client id only');
    }
    if (asked !== null && asked.toLowerCase() !== deps.userAssignedClientId.toLowerCase()) {
      return refuse(400, 'invalid_request', 'Identity not found');
    }
    const clientId = asked ?? deps.systemAssignedClientId;
    const { accessToken, expiresIn } = deps.tokens.issue({ audience: resolved.audience, roles: deps.appRoles, clientId, tenantId: deps.tenantId });
    issued.set(resolved.audience, (issued.get(resolved.audience) ?? 0) + 1);
    const expiresOn = String(Math.floor(deps.now() / 1000) + expiresIn);
    const body: Record<string, string> = { access_token: accessToken, expires_on: expiresOn, resource, token_type: 'Bearer', client_id: clientId };
    // IMDS also sends these; App Service's 2019-08-01 answer does not.
    if (imds) Object.assign(body, { refresh_token: '', expires_in: String(expiresIn), not_before: String(Math.floor(deps.now() / 1000)) });
    return { status: 200, body };
  };
  /** Tokens issued per audience (MDE's, Graph's): what tests count to see whose tokens were used. */
  return { handle, issued: (): Record<string, number> => Object.fromEntries(issued) };
}
