import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import { parseClientCertificate } from '../../src/mde/client-certificate';
import { createMsalTokenProvider, type MsalTokenProviderOptions } from '../../src/mde/token-provider';

/*
 * The real msal-node ConfidentialClientApplication and our TLS network client against a minimal
 * Entra double on loopback (self-signed TLS). The full sandbox is exercised in mde-client.test.ts;
 * this pins down what msal itself asks of an authority.
 */
jest.setTimeout(30_000); // RSA key generation and TLS handshakes are slow on a loaded CI machine

const TENANT = '11111111-2222-3333-4444-555555555555';
const SCOPE = 'https://api.securitycenter.microsoft.com/.default';

interface Seen { method: string; path: string; form: URLSearchParams }

async function startEntraDouble(respond: (form: URLSearchParams) => { status: number; body: unknown }) {
  const tls = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const seen: Seen[] = [];
  let issued = 0;
  const server: Server = createServer({ key: tls.private, cert: tls.cert }, (req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const form = new URLSearchParams(raw);
      seen.push({ method: req.method ?? '', path: url.pathname, form });
      const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      let out: { status: number; body: unknown };
      if (url.pathname === `/${TENANT}/v2.0/.well-known/openid-configuration`) {
        out = { status: 200, body: { issuer: `${origin}/${TENANT}/v2.0`, authorization_endpoint: `${origin}/${TENANT}/oauth2/v2.0/authorize`, token_endpoint: `${origin}/${TENANT}/oauth2/v2.0/token`, jwks_uri: `${origin}/${TENANT}/discovery/v2.0/keys` } };
      } else if (url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
        out = respond(form);
        if (out.status === 200) issued++;
      } else {
        out = { status: 404, body: { error: 'not_found' } };
      }
      // Two statements: restify (loaded by other suites in the same jest worker) patches
      // ServerResponse.writeHead globally and its version does not return `this`.
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authorityHost = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { authorityHost, caCertPem: tls.cert, seen, issued: () => issued, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

const okToken = () => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: `at-${Math.random().toString(36).slice(2)}` } });

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('createMsalTokenProvider against a loopback TLS authority', () => {
  let entra: Awaited<ReturnType<typeof startEntraDouble>>;
  let reply: (form: URLSearchParams) => { status: number; body: unknown };
  const options = (extra: Partial<MsalTokenProviderOptions> = {}): MsalTokenProviderOptions => ({
    tenantId: TENANT, clientId: 'app-id', clientSecret: 's3cret-value', authorityHost: entra.authorityHost, scope: SCOPE, caCertPem: entra.caCertPem, ...extra,
  });

  beforeAll(async () => {
    entra = await startEntraDouble((form) => reply(form));
  });
  afterAll(async () => entra.stop());
  beforeEach(() => {
    entra.seen.length = 0;
    reply = okToken;
  });

  it('when tokens are asked for repeatedly and concurrently, then msal discovers the authority once, issues one token and reuses it', async () => {
    const provider = createMsalTokenProvider(options());
    const tokens = await Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]);
    const later = await provider.getToken();
    expect(new Set([...tokens, later]).size).toBe(1);
    const tokenCalls = entra.seen.filter((s) => s.path.endsWith('/token'));
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.form.get('grant_type')).toBe('client_credentials');
    expect(tokenCalls[0]?.form.get('scope')).toBe(SCOPE);
    expect(entra.seen.filter((s) => s.path.endsWith('openid-configuration'))).toHaveLength(1);
  });

  it('when forceRefresh is asked, then a new token is fetched past the cache', async () => {
    const provider = createMsalTokenProvider(options());
    const first = await provider.getToken();
    const second = await provider.getToken({ forceRefresh: true });
    expect(second).not.toBe(first);
    expect(await provider.getToken()).toBe(second);
  });

  it('when a certificate is configured, then msal sends a PS256 client assertion with x5t#S256 and x5c', async () => {
    const pem = await selfsigned.generate([{ name: 'commonName', value: 'verdict-app' }], { keySize: 2048, algorithm: 'sha256' });
    const certificate = parseClientCertificate(`${pem.private}${pem.cert}`);
    const provider = createMsalTokenProvider(options({ clientSecret: undefined, certificate }));
    await provider.getToken();
    const form = entra.seen.find((s) => s.path.endsWith('/token'))?.form;
    expect(form?.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form?.get('client_secret')).toBeNull();
    const header = JSON.parse(Buffer.from((form?.get('client_assertion') ?? '').split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'PS256', 'x5t#S256': Buffer.from(certificate.thumbprintSha256, 'hex').toString('base64url') });
    expect(header.x5c).toEqual([pem.cert.replace(/-----[A-Z ]+-----|\s/g, '')]);
  });

  it('when Entra refuses the secret, then it fails unauthorized with the AADSTS code and without the secret', async () => {
    reply = () => ({ status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215], correlation_id: 'corr-entra' } });
    const err = await failure(createMsalTokenProvider(options()).getToken());
    expect(err).toMatchObject({ kind: 'unauthorized', operation: 'token', code: 'AADSTS7000215', status: 401 });
    // msal's request correlation id (sent as client-request-id, which Entra logs) is the one to quote.
    expect(err.target).toMatch(/^[0-9a-f-]{36}$/);
    expect(`${err.message}${err.stack}`).not.toContain('s3cret-value');
  });

  it('when the CA is not given, then the self-signed authority is not trusted and it fails network', async () => {
    const err = await failure(createMsalTokenProvider(options({ caCertPem: undefined })).getToken());
    expect(err).toMatchObject({ kind: 'network', operation: 'token' });
  });

  it('when nothing listens at the authority, then it fails network', async () => {
    const err = await failure(createMsalTokenProvider(options({ authorityHost: 'https://127.0.0.1:9' })).getToken());
    expect(err).toMatchObject({ kind: 'network', operation: 'token' });
  });

  it('when neither or both credentials are given, then the provider refuses to start', () => {
    expect(() => createMsalTokenProvider(options({ clientSecret: undefined }))).toThrow('exactly one of clientSecret or certificate');
  });
});
