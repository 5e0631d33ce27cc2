import { constants, createHash, sign, X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { generate } from 'selfsigned';
import { startSandbox, type Sandbox } from '../../src/sandbox';

/**
 * The sandbox's Entra side over real TLS on loopback: discovery documents, the token endpoint with
 * secret and certificate auth, Entra-shaped errors, and the real msal-node client against it.
 */
const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** One HTTPS call that trusts only the sandbox's certificate (or none, when `ca` is omitted). */
function https(url: string, init: { method?: string; form?: Record<string, string>; ca?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    const headers = { ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...init.headers };
    const req = request(url, { method: init.method ?? (body ? 'POST' : 'GET'), ca: init.ca, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** msal's network module over node https, trusting the sandbox CA, refusing anything but loopback. */
function loopbackNetworkClient(sb: Sandbox, visited: string[], rewriteMicrosoftLogin = false): INetworkModule {
  const send = async <T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const target = rewriteMicrosoftLogin ? url.replace('https://login.microsoftonline.com', sb.authorityHost) : url;
    visited.push(`${method} ${new URL(target).pathname}`);
    if (new URL(target).hostname !== '127.0.0.1') throw new Error(`test network client refuses ${new URL(target).host}`);
    const reply = await https(target, { method, ca: sb.caCertPem, headers: options?.headers, ...(options?.body ? { form: Object.fromEntries(new URLSearchParams(options.body)) } : {}) });
    return { status: reply.status, headers: reply.headers as Record<string, string>, body: reply.json as T };
  };
  return { sendGetRequestAsync: (url, options) => send('GET', url, options), sendPostRequestAsync: (url, options) => send('POST', url, options) };
}

describe('sandbox Entra endpoints', () => {
  let sb: Sandbox;
  let cert: { cert: string; private: string };
  let tokenUrl: string;

  beforeAll(async () => {
    cert = await generate([{ name: 'commonName', value: 'verdict-integration' }], { keySize: 2048, algorithm: 'sha256' });
    sb = await startSandbox({ clientCertificates: [cert.cert] });
    tokenUrl = `${sb.authority}/oauth2/v2.0/token`;
  });
  afterAll(() => sb.stop());

  /** The demo app's secret request; an override of null leaves the field out. */
  const secretForm = (over: Record<string, string | null> = {}): Record<string, string> =>
    Object.fromEntries(
      Object.entries({ grant_type: 'client_credentials', client_id: sb.credentials.clientId, client_secret: sb.credentials.clientSecret, scope: MDE_SCOPE, ...over }).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    );

  it('when a client does not trust the sandbox certificate, then TLS fails', async () => {
    await expect(https(`${sb.authority}/v2.0/.well-known/openid-configuration`)).rejects.toThrow(/self[- ]signed|certificate/i);
  });

  it('when the OIDC metadata is read over TLS, then every endpoint is on the sandbox and the token endpoint is exact', async () => {
    const reply = await https(`${sb.authority}/v2.0/.well-known/openid-configuration`, { ca: sb.caCertPem });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      token_endpoint: tokenUrl,
      issuer: `${sb.authority}/v2.0`,
      authorization_endpoint: `${sb.authority}/oauth2/v2.0/authorize`,
      jwks_uri: `${sb.authority}/discovery/v2.0/keys`,
    });
    const urls = Object.values(reply.json).filter((v): v is string => typeof v === 'string' && v.startsWith('http'));
    expect(urls.every((u) => u.startsWith(sb.authorityHost))).toBe(true);
  });

  it('when instance discovery is asked about the sandbox, then it answers with Entra\'s shape', async () => {
    const endpoint = encodeURIComponent(`${sb.authority}/oauth2/v2.0/authorize`);
    const reply = await https(`${sb.authorityHost}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`, { ca: sb.caCertPem });
    const host = new URL(sb.authorityHost).host;
    expect(reply.json).toEqual({
      tenant_discovery_endpoint: `${sb.authority}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  it('when the tenant is wrong, then discovery and token answer 400 invalid_request AADSTS90002', async () => {
    const other = `${sb.authorityHost}/00000000-0000-0000-0000-000000000000`;
    const meta = await https(`${other}/v2.0/.well-known/openid-configuration`, { ca: sb.caCertPem });
    const token = await https(`${other}/oauth2/v2.0/token`, { ca: sb.caCertPem, form: secretForm() });
    for (const reply of [meta, token]) {
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    }
  });

  it('when the demo app sends its secret, then a bearer token for an hour is issued and counted', async () => {
    const before = sb.stats().tokensIssued;
    const reply = await https(tokenUrl, { ca: sb.caCertPem, form: secretForm() });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: expect.any(String) });
    expect(sb.stats().tokensIssued).toBe(before + 1);
  });

  it('when the secret is wrong, then 401 invalid_client AADSTS7000215 with Entra\'s fields, echoing client-request-id', async () => {
    const reply = await https(tokenUrl, { ca: sb.caCertPem, form: secretForm({ client_secret: 'wrong' }), headers: { 'client-request-id': 'corr-123' } });
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: 'invalid_client', error_codes: [7000215], correlation_id: 'corr-123', trace_id: expect.any(String) });
    expect(reply.json.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(reply.json.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    expect(JSON.stringify(reply.json)).not.toContain(sb.credentials.clientSecret);
  });

  it.each<[string, number, string, number, Record<string, string | null>]>([
    ['the client id is unknown', 400, 'unauthorized_client', 700016, { client_id: '11111111-2222-3333-4444-555555555555' }],
    ['the grant type is not client_credentials', 400, 'unsupported_grant_type', 70003, { grant_type: 'password' }],
    ['the scope lacks /.default', 400, 'invalid_scope', 1002012, { scope: 'https://api.securitycenter.microsoft.com/File.Read.All' }],
    ['the resource is unknown', 400, 'invalid_resource', 500011, { scope: 'https://vault.azure.net/.default' }],
    ['no secret or assertion is sent', 401, 'invalid_client', 7000218, { client_secret: null }],
  ])('when %s, then %d %s AADSTS%d', async (_label, status, error, code, over) => {
    const reply = await https(tokenUrl, { ca: sb.caCertPem, form: secretForm(over) });
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ error, error_codes: [code] });
  });

  describe('certificate auth with a hand-made client assertion', () => {
    const assertion = (alg: 'PS256' | 'RS256', aud: string): string => {
      const der = new X509Certificate(cert.cert).raw;
      const header = alg === 'PS256' ? { alg, typ: 'JWT', 'x5t#S256': createHash('sha256').update(der).digest('base64url') } : { alg, typ: 'JWT', x5t: createHash('sha1').update(der).digest('base64url') };
      const now = Math.floor(Date.now() / 1000);
      const payload = { aud, iss: sb.credentials.clientId, sub: sb.credentials.clientId, exp: now + 600, nbf: now, jti: 'j1' };
      const data = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      const key = alg === 'PS256' ? { key: cert.private, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : cert.private;
      return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
    };
    const assertionForm = (jwt: string) => ({
      grant_type: 'client_credentials',
      client_id: sb.credentials.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
      scope: 'https://graph.microsoft.com/.default',
    });

    it.each(['PS256', 'RS256'] as const)('when the assertion is signed %s by the registered certificate, then a token is issued', async (alg) => {
      const reply = await https(tokenUrl, { ca: sb.caCertPem, form: assertionForm(assertion(alg, tokenUrl)) });
      expect(reply.status).toBe(200);
      expect(reply.json.access_token).toEqual(expect.any(String));
    });

    it('when the assertion is addressed to another token endpoint, then 401 invalid_client', async () => {
      const reply = await https(tokenUrl, { ca: sb.caCertPem, form: assertionForm(assertion('PS256', 'https://login.microsoftonline.com/x/oauth2/v2.0/token')) });
      expect(reply.status).toBe(401);
      expect(reply.json).toMatchObject({ error: 'invalid_client', error_codes: [700027] });
    });
  });

  describe('the real msal-node client', () => {
    const cca = (sbAuth: Record<string, unknown>, network: INetworkModule) =>
      new ConfidentialClientApplication({ auth: { clientId: sb.credentials.clientId, authority: sb.authority, ...sbAuth }, system: { networkClient: network } });

    it('when msal uses the secret and knownAuthorities, then it reads the OIDC metadata and gets a token', async () => {
      const visited: string[] = [];
      const app = cca({ clientSecret: sb.credentials.clientSecret, knownAuthorities: [new URL(sb.authorityHost).host] }, loopbackNetworkClient(sb, visited));
      const result = await app.acquireTokenByClientCredential({ scopes: [MDE_SCOPE] });
      expect(result?.accessToken).toEqual(expect.any(String));
      expect(visited).toEqual([`GET /${sb.credentials.tenantId}/v2.0/.well-known/openid-configuration`, `POST /${sb.credentials.tenantId}/oauth2/v2.0/token`]);
    });

    it('when msal signs with the registered certificate (PS256, x5t#S256), then it gets a token', async () => {
      const thumbprintSha256 = createHash('sha256').update(new X509Certificate(cert.cert).raw).digest('hex');
      const app = cca({ clientCertificate: { thumbprintSha256, privateKey: cert.private }, knownAuthorities: [sb.authorityHost] }, loopbackNetworkClient(sb, []));
      const result = await app.acquireTokenByClientCredential({ scopes: [MDE_SCOPE] });
      expect(result?.accessToken).toEqual(expect.any(String));
    });

    it('when knownAuthorities is not set, then msal asks login.microsoftonline.com for instance discovery (the sandbox can answer it)', async () => {
      const visited: string[] = [];
      const app = cca({ clientSecret: sb.credentials.clientSecret }, loopbackNetworkClient(sb, visited, true));
      const result = await app.acquireTokenByClientCredential({ scopes: [MDE_SCOPE] });
      expect(result?.accessToken).toEqual(expect.any(String));
      expect(visited[0]).toBe('GET /common/discovery/instance');
    });

    it('when the secret is wrong, then msal throws invalid_client carrying AADSTS7000215', async () => {
      const app = cca({ clientSecret: 'not-it', knownAuthorities: [sb.authorityHost] }, loopbackNetworkClient(sb, []));
      await expect(app.acquireTokenByClientCredential({ scopes: [MDE_SCOPE] })).rejects.toMatchObject({ errorCode: 'invalid_client', errorMessage: expect.stringContaining('7000215') });
    });
  });

  it('when a token fault is injected, then the token endpoint fails once with Entra\'s shape and then recovers', async () => {
    sb.faults.inject({ family: 'token', type: 'status', status: 503, retryAfterSeconds: 2 });
    const failed = await https(tokenUrl, { ca: sb.caCertPem, form: secretForm() });
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('2');
    expect(failed.json).toMatchObject({ error: 'temporarily_unavailable' });
    expect((await https(tokenUrl, { ca: sb.caCertPem, form: secretForm() })).status).toBe(200);
  });
});
