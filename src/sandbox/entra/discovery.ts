/**
 * The two discovery documents msal-node reads before its first token request:
 * - OIDC metadata at `{authority}/v2.0/.well-known/openid-configuration` (Authority
 *   .defaultOpenIdConfigurationEndpoint). msal needs authorization_endpoint, token_endpoint, issuer
 *   and jwks_uri, and checks that the issuer has the authority's scheme, host and port.
 * - Instance discovery. msal-common sends it to the *public cloud*
 *   (`https://login.microsoftonline.com/common/discovery/instance?...`, AAD_INSTANCE_DISCOVERY_ENDPT)
 *   unless the authority's host is in `knownAuthorities` or `cloudDiscoveryMetadata` is given. A
 *   sandbox client must therefore pass one of those; this endpoint exists for clients that route
 *   the public host to the sandbox, or that fetch the document to build `cloudDiscoveryMetadata`.
 * Only loopback URLs appear in them, so nothing a client follows can leave the machine.
 */
export function openIdConfiguration(authorityHost: string, tenantId: string): Record<string, unknown> {
  const base = `${authorityHost}/${tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${authorityHost}/${tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'sandbox.local',
  };
}

/** Entra's instance discovery answer, for the one host the sandbox is. */
export function instanceDiscovery(authorityHost: string, tenant: string): Record<string, unknown> {
  const host = new URL(authorityHost).host;
  return {
    tenant_discovery_endpoint: `${authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

/** JSON Web Key Set: empty, because sandbox tokens are opaque and never signed. */
export const EMPTY_JWKS: Readonly<Record<string, unknown>> = Object.freeze({ keys: [] });
