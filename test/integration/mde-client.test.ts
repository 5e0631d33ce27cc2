import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { startSandbox } from '../../src/sandbox';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { parseClientCertificate } from '../../src/mde/client-certificate';
import { describeMdeError } from '../../src/mde/describe-error';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import { createHttpMdeClient, type HttpMdeClientOptions } from '../../src/mde/http-mde-client';
import { createMsalTokenProvider, readClientCertificate, type MsalTokenProviderOptions } from '../../src/mde/token-provider';

/*
 * The real client, the real msal-node ConfidentialClientApplication and the embedded sandbox
 * (MDE over HTTP, Entra over self-signed TLS) on 127.0.0.1. Nothing is stubbed.
 */
jest.setTimeout(30_000); // sandbox start (RSA key generation), real Retry-After and backoff waits

const SCOPE = 'https://api.securitycenter.microsoft.com/.default';
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

function clientFor(sb: Sandbox, token: Partial<MsalTokenProviderOptions> = {}, http: Partial<HttpMdeClientOptions> = {}) {
  const tokenProvider = createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope: SCOPE, caCertPem: sb.caCertPem, ...token });
  return createHttpMdeClient({ baseUrl: sb.apiBaseUrl, tokenProvider, random: () => 0, ...http });
}

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('MDE client against the sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({});
  });
  afterAll(async () => sb?.stop());
  afterEach(() => sb.faults.clear());

  it('when five files are looked up, then one token is issued and reused', async () => {
    const before = sb.stats();
    const client = clientFor(sb);
    await client.getFile(DEMO_FILES.malware.sha256);
    await Promise.all([client.getFile(DEMO_FILES.pua.sha256), client.getFile(DEMO_FILES.clean.sha1)]);
    await client.getFile(DEMO_FILES.unknown.sha256);
    await client.getFile(DEMO_NOT_FOUND_SHA256);
    const after = sb.stats();
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    expect(after.apiCalls - before.apiCalls).toBe(5);
  });

  it('when a known file is looked up by SHA-256 or SHA-1, then MDE\'s entity is parsed, nulls included', async () => {
    const client = clientFor(sb);
    const bySha256 = await client.getFile(DEMO_FILES.malware.sha256.toUpperCase());
    expect(bySha256).toMatchObject({ ...DEMO_FILES.malware.file });
    expect(bySha256?.signer).toBeNull();
    expect(await client.getFile(DEMO_FILES.pua.sha1)).toMatchObject({ sha256: DEMO_FILES.pua.sha256, determinationValue: DEMO_FILES.pua.file.determinationValue });
  });

  it('when the file is unknown to MDE, then getFile resolves null', async () => {
    await expect(clientFor(sb).getFile(DEMO_NOT_FOUND_SHA256)).resolves.toBeNull();
  });

  it('when the secret is wrong, then the call fails unauthorized with the AADSTS code and without the secret', async () => {
    const wrong = `${sb.credentials.clientSecret}-wrong`;
    const err = await failure(clientFor(sb, { clientSecret: wrong }).getFile(DEMO_FILES.malware.sha256));
    expect(err).toMatchObject({ kind: 'unauthorized', operation: 'token' });
    expect(err.code).toMatch(/^AADSTS\d+$/);
    expect(`${err.message}${err.stack}`).not.toContain(wrong);
    expect(describeMdeError(err).detail).toContain(err.code);
  });

  it('when MDE answers 429 with Retry-After, then the client waits that long and succeeds', async () => {
    sb.faults.inject({ family: 'files', type: 'status', status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 });
    const started = Date.now();
    await expect(clientFor(sb).getFile(DEMO_FILES.clean.sha256)).resolves.toMatchObject({ sha256: DEMO_FILES.clean.sha256 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('when MDE answers 500 twice, then the GET is retried and succeeds', async () => {
    const before = sb.stats().apiCalls;
    sb.faults.inject({ family: 'files', type: 'status', status: 500, code: 'InternalServerError', times: 2 });
    await expect(clientFor(sb).getFile(DEMO_FILES.pua.sha256)).resolves.toMatchObject({ sha256: DEMO_FILES.pua.sha256 });
    expect(sb.stats().apiCalls - before).toBe(3);
  });

  it('when MDE does not answer in time, then the call fails timeout', async () => {
    sb.faults.inject({ family: 'files', type: 'timeout', times: 2 });
    const err = await failure(clientFor(sb, {}, { timeoutMs: 200, maxRetries: 1 }).getFile(DEMO_FILES.malware.sha256));
    expect(err).toMatchObject({ kind: 'timeout', operation: 'files.get' });
  });

  it('when MDE answers 200 with a broken body, then the call fails malformed', async () => {
    sb.faults.inject({ family: 'files', type: 'malformed' });
    const err = await failure(clientFor(sb).getFile(DEMO_FILES.malware.sha256));
    expect(err).toMatchObject({ kind: 'malformed', status: 200 });
  });

  it('when MDE answers 401 even after a fresh token, then the call fails unauthorized after one refresh', async () => {
    const before = sb.stats().tokensIssued;
    sb.faults.inject({ family: 'files', type: 'status', status: 401, code: 'Unauthorized', times: 2 });
    const err = await failure(clientFor(sb).getFile(DEMO_FILES.malware.sha256));
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, operation: 'files.get' });
    expect(sb.stats().tokensIssued - before).toBe(2);
  });

  it('when the rate limit is reached, then the client honours Retry-After and every lookup succeeds', async () => {
    const limited = await startSandbox({ limits: { perMinute: 2 }, timeScale: 0.02 });
    try {
      const client = clientFor(limited);
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await client.getFile(DEMO_FILES.malware.sha256));
      expect(results.every((r) => r?.sha256 === DEMO_FILES.malware.sha256)).toBe(true);
      expect(limited.stats().throttled).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});

describe('MDE client against a sandbox with other app settings', () => {
  it('when the app has no File.Read.All role, then the lookup fails forbidden naming File.Read.All', async () => {
    const sb = await startSandbox({ appRoles: [] });
    try {
      const err = await failure(clientFor(sb).getFile(DEMO_FILES.malware.sha256));
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, permissions: ['File.Read.All'] });
      expect(describeMdeError(err).detail).toBe('The Verdict app registration lacks File.Read.All.');
    } finally {
      await sb.stop();
    }
  });

  it('when the app authenticates with a certificate, then a token is issued and the lookup works', async () => {
    const pem = await selfsigned.generate([{ name: 'commonName', value: 'verdict-mde-app' }], { keySize: 2048, algorithm: 'sha256' });
    const dir = await mkdtemp(join(tmpdir(), 'verdict-mde-'));
    const sb = await startSandbox({ clientCertificates: [pem.cert] });
    try {
      const path = join(dir, 'app.pem');
      await writeFile(path, `${pem.private}\n${pem.cert}`, { mode: 0o600 });
      const certificate = await readClientCertificate(path);
      const client = clientFor(sb, { clientSecret: undefined, certificate });
      await expect(client.getFile(DEMO_FILES.pua.sha256)).resolves.toMatchObject({ sha256: DEMO_FILES.pua.sha256 });
      expect(sb.stats().tokensIssued).toBe(1);
    } finally {
      await sb.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when an unregistered certificate is used, then it fails unauthorized with an AADSTS code', async () => {
    const pem = await selfsigned.generate([{ name: 'commonName', value: 'stranger' }], { keySize: 2048, algorithm: 'sha256' });
    const sb = await startSandbox({});
    try {
      const client = clientFor(sb, { clientSecret: undefined, certificate: parseClientCertificate(`${pem.private}${pem.cert}`) });
      const err = await failure(client.getFile(DEMO_FILES.pua.sha256));
      expect(err).toMatchObject({ kind: 'unauthorized', operation: 'token' });
      expect(err.code).toMatch(/^AADSTS\d+$/);
    } finally {
      await sb.stop();
    }
  });
});
