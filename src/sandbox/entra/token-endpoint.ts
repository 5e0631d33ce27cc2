import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpAnswer } from '../http-kit';
import type { SandboxCredentials } from '../types';
import { verifyClientAssertion, type RegisteredCertificate } from './client-assertion';
import { entraError } from './entra-errors';
import { resolveScope } from './resources';
import type { TokenStore } from './token-store';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenEndpointDeps {
  credentials: SandboxCredentials;
  tenantName: string;
  certificates: readonly RegisteredCertificate[];
  appRoles: readonly string[];
  tokens: TokenStore;
  /** The token endpoint's own URL and the issuer: the `aud` values a client assertion may carry. */
  assertionAudiences: readonly string[];
  now: () => number;
}

const sameSecret = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * POST /{tenant}/oauth2/v2.0/token for `grant_type=client_credentials`, with a client secret or a
 * certificate-signed client assertion. Errors carry Entra's status, `error` and AADSTS code for the
 * same mistake, so clients can be tested against what they will really see.
 */
export function createTokenEndpoint(deps: TokenEndpointDeps) {
  const { credentials } = deps;

  return function handleToken(form: URLSearchParams, correlationId: string | undefined): { answer: HttpAnswer; issued: boolean } {
    const refuse = (status: number, error: string, aadsts: number, message: string) => ({
      answer: entraError({ status, error, aadsts, message, correlationId }),
      issued: false,
    });
    const missing = (name: string) => refuse(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

    const grantType = form.get('grant_type');
    if (!grantType) return missing('grant_type');
    if (grantType !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);

    const clientId = form.get('client_id');
    if (!clientId) return missing('client_id');
    if (clientId.toLowerCase() !== credentials.clientId.toLowerCase()) {
      return refuse(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${deps.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }

    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    const assertionType = form.get('client_assertion_type');
    if (secret !== null && assertion !== null) return refuse(400, 'invalid_request', 9002313, 'Invalid request. Request is malformed or invalid: send either client_secret or client_assertion, not both.');
    if (secret === null && assertion === null) return refuse(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (secret !== null && !sameSecret(secret, credentials.clientSecret)) {
      return refuse(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${credentials.clientId}'.`);
    }
    if (assertion !== null) {
      if (assertionType !== JWT_BEARER) return refuse(400, 'invalid_request', 900144, `The request body must contain the following parameter: 'client_assertion_type' with the value '${JWT_BEARER}'.`);
      const check = verifyClientAssertion(assertion, { clientId: credentials.clientId, audiences: deps.assertionAudiences, certificates: deps.certificates, nowMs: deps.now() });
      if (!check.ok) return refuse(check.status, check.error, check.aadsts, check.message);
    }

    const scope = form.get('scope');
    if (!scope) return missing('scope');
    const resolved = resolveScope(scope);
    if (!resolved.ok) {
      switch (resolved.reason) {
        case 'not-default':
          return refuse(400, 'invalid_scope', 1002012, `The provided value for scope ${resolved.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
        case 'several-resources':
          return refuse(400, 'invalid_scope', 70011, `The provided request must include a 'scope' input parameter naming one resource. The provided value for the input parameter 'scope' is not valid. The scope ${resolved.scope} is not valid.`);
        case 'unknown-resource':
          return refuse(400, 'invalid_resource', 500011, `The resource principal named ${resolved.resource} was not found in the tenant named ${deps.tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
      }
    }

    const { accessToken, expiresIn } = deps.tokens.issue({ audience: resolved.audience, roles: deps.appRoles, clientId: credentials.clientId, tenantId: credentials.tenantId });
    return {
      issued: true,
      answer: {
        status: 200,
        headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache', ...(correlationId ? { 'client-request-id': correlationId } : {}) },
        body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken },
      },
    };
  };
}
