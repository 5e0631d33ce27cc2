import { Writable } from 'node:stream';
import pino from 'pino';
import { isMdeError, MdeError } from '../../src/mde/errors';
import { createHttpMdeClient, type HttpMdeClientOptions } from '../../src/mde/http-mde-client';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';
import type { TokenProvider } from '../../src/mde/token-provider';

const BASE = 'https://mde.test';
const SHA256 = '4c3ba8a2d5b3f5b2e1a0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8';
const SHA1 = '9d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e';
const FILE_URL = `${BASE}/api/files/${SHA256}`;
const TOKEN_1 = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.first-token';
const TOKEN_2 = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.refreshed-token';

function fakeTokens() {
  const requests: Array<{ forceRefresh?: boolean }> = [];
  const provider: TokenProvider = {
    getToken: async (options = {}) => {
      requests.push(options);
      return options.forceRefresh ? TOKEN_2 : TOKEN_1;
    },
  };
  return { provider, requests };
}

function setup(expected: ExpectedCall[], overrides: Partial<HttpMdeClientOptions> = {}) {
  const http = scriptedFetch(expected);
  const tokens = fakeTokens();
  const waits: number[] = [];
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const client = createHttpMdeClient({
    baseUrl: `${BASE}/`,
    tokenProvider: tokens.provider,
    fetch: http.fetch,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    now: () => Date.parse('2026-03-01T12:00:00Z'),
    logger: pino({ level: 'debug' }, sink),
    ...overrides,
  });
  return { client, http, tokens, waits, lines };
}

const get = (reply: ExpectedCall['reply'], token = TOKEN_1): ExpectedCall => ({
  method: 'GET',
  url: FILE_URL,
  headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  reply,
});
const mdeError = (code: string, target = 'corr-123') => ({ error: { code, message: `${code} happened`, target } });

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('createHttpMdeClient getFile', () => {
  it('when MDE answers 200 with nulls and extra fields, then the file is parsed with nulls kept and extras passed through', async () => {
    const body = {
      '@odata.context': `${BASE}/api/$metadata#Files/$entity`,
      sha1: SHA1, sha256: SHA256, md5: null, globalPrevalence: 180022, globalFirstObserved: '2017-09-19T03:51:27.6785431Z',
      size: null, fileType: null, isPeFile: true, signer: null, determinationType: 'Pua', determinationValue: 'PUA:Win32/FusionCore',
      someFutureField: { nested: 1 },
    };
    const { client, http } = setup([get({ status: 200, body })]);
    const file = await client.getFile(SHA256.toUpperCase());
    http.assertDone();
    expect(file).toMatchObject({ sha256: SHA256, size: null, fileType: null, determinationValue: 'PUA:Win32/FusionCore', someFutureField: { nested: 1 } });
  });

  it('when MDE answers 404, then getFile resolves null', async () => {
    const { client, http } = setup([get({ status: 404, body: mdeError('NotFound') })]);
    await expect(client.getFile(SHA256)).resolves.toBeNull();
    http.assertDone();
  });

  it.each([
    ['an MD5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a path traversal', `../machines/${SHA1}`],
    ['a SHA-256 with a stray character', `${SHA256.slice(0, 63)}g`],
    ['an empty string', ''],
  ])('when the hash is %s, then it is refused as bad-request without calling MDE', async (_label, hash) => {
    const { client, http } = setup([]);
    const err = await failure(client.getFile(hash));
    expect(err).toMatchObject({ kind: 'bad-request', code: 'InvalidHashValue', operation: 'files.get' });
    expect(http.calls).toHaveLength(0);
  });

  it('when MDE answers 400, then it fails bad-request with the MDE code and correlation id', async () => {
    const { client } = setup([get({ status: 400, body: mdeError('InvalidHashValue', 'corr-400') })]);
    const err = await failure(client.getFile(SHA256));
    expect(err).toMatchObject({ kind: 'bad-request', status: 400, code: 'InvalidHashValue', target: 'corr-400' });
  });

  it('when MDE answers 401 twice, then the token is refreshed once and the call fails unauthorized', async () => {
    const { client, http, tokens } = setup([get({ status: 401, body: mdeError('Unauthorized') }), get({ status: 401, body: mdeError('Unauthorized', 'corr-401') }, TOKEN_2)]);
    const err = await failure(client.getFile(SHA256));
    http.assertDone();
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, target: 'corr-401' });
    expect(tokens.requests).toEqual([{}, { forceRefresh: true }]);
  });

  it('when MDE answers 401 once, then the call succeeds with the refreshed token', async () => {
    const { client, http } = setup([get({ status: 401 }), get({ status: 200, body: { sha256: SHA256 } }, TOKEN_2)]);
    await expect(client.getFile(SHA256)).resolves.toMatchObject({ sha256: SHA256 });
    http.assertDone();
  });

  it('when MDE answers 403, then it fails forbidden naming File.Read.All, without retrying', async () => {
    const { client, http } = setup([get({ status: 403, body: mdeError('Forbidden', 'corr-403') })]);
    const err = await failure(client.getFile(SHA256));
    http.assertDone();
    expect(err).toMatchObject({ kind: 'forbidden', status: 403, code: 'Forbidden', target: 'corr-403', permissions: ['File.Read.All'] });
  });

  it('when MDE answers 429 with Retry-After in seconds, then the client waits at least that long and succeeds', async () => {
    const { client, http, waits } = setup([get({ status: 429, headers: { 'retry-after': '2' }, body: mdeError('TooManyRequests') }), get({ status: 200, body: { sha256: SHA256 } })]);
    await expect(client.getFile(SHA256)).resolves.toMatchObject({ sha256: SHA256 });
    http.assertDone();
    expect(waits).toEqual([2100]); // 2 s plus jitter (random 0.5 of 10%), never less than asked
  });

  it('when MDE answers 429 with Retry-After as an HTTP date, then the client waits until that time', async () => {
    const { client, waits } = setup([get({ status: 429, headers: { 'retry-after': 'Sun, 01 Mar 2026 12:00:05 GMT' } }), get({ status: 200, body: {} })]);
    await client.getFile(SHA256);
    expect(waits).toEqual([5250]);
  });

  it('when Retry-After exceeds maxRetryAfterMs, then it fails throttled at once with retryAfterMs', async () => {
    const { client, http, waits } = setup([get({ status: 429, headers: { 'retry-after': '120' }, body: mdeError('TooManyRequests', 'corr-429') })], { maxRetryAfterMs: 60_000 });
    const err = await failure(client.getFile(SHA256));
    http.assertDone();
    expect(err).toMatchObject({ kind: 'throttled', status: 429, retryAfterMs: 120_000, target: 'corr-429' });
    expect(waits).toEqual([]);
  });

  it('when MDE keeps answering 429, then it fails throttled after maxRetries', async () => {
    const r429 = get({ status: 429, headers: { 'retry-after': '1' } });
    const { client, http, waits } = setup([r429, r429, r429], { maxRetries: 2 });
    const err = await failure(client.getFile(SHA256));
    http.assertDone();
    expect(err).toMatchObject({ kind: 'throttled', retryAfterMs: 1000 });
    expect(waits).toHaveLength(2);
  });

  it('when MDE answers 500 then 503 then 200, then the GET is retried with growing backoff and succeeds', async () => {
    const { client, http, waits } = setup([get({ status: 500, body: mdeError('InternalServerError') }), get({ status: 503 }), get({ status: 200, body: { sha1: SHA1 } })]);
    await expect(client.getFile(SHA256)).resolves.toMatchObject({ sha1: SHA1 });
    http.assertDone();
    expect(waits).toEqual([375, 750]);
  });

  it('when MDE answers 5xx on every attempt, then it fails server after maxRetries with the last correlation id', async () => {
    const r = (t: string) => get({ status: 500, body: mdeError('InternalServerError', t) });
    const { client, http } = setup([r('a'), r('b'), r('c'), r('d')]);
    const err = await failure(client.getFile(SHA256));
    http.assertDone();
    expect(err).toMatchObject({ kind: 'server', status: 500, code: 'InternalServerError', target: 'd' });
  });

  it('when MDE answers 502 with an HTML page, then it fails server without a code', async () => {
    const { client } = setup([get({ status: 502, body: '<html><body>Bad Gateway</body></html>' })], { maxRetries: 0 });
    const err = await failure(client.getFile(SHA256));
    expect(err).toMatchObject({ kind: 'server', status: 502, code: undefined, target: undefined });
  });

  it('when MDE never answers, then each attempt times out and the call fails timeout', async () => {
    const { client, http } = setup([get({ hang: true }), get({ hang: true })], { timeoutMs: 20, maxRetries: 1 });
    const err = await failure(client.getFile(SHA256));
    http.assertDone();
    expect(err.kind).toBe('timeout');
  });

  it('when the connection fails and then works, then the GET is retried and succeeds', async () => {
    const { client, http } = setup([get({ networkError: 'ECONNRESET' }), get({ status: 200, body: {} })]);
    await expect(client.getFile(SHA256)).resolves.toEqual({});
    http.assertDone();
  });

  it('when the caller aborts, then the call fails timeout without retrying', async () => {
    const { client, http } = setup([get({ hang: true })]);
    const controller = new AbortController();
    const pending = failure(client.getFile(SHA256, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 10);
    expect((await pending).kind).toBe('timeout');
    http.assertDone();
  });

  it.each([
    ['a wrongly typed field', { size: 'size-as-a-string' }, 'size: invalid_type'],
    ['a body that is not JSON', 'not json at all', 'not JSON'],
  ])('when a 200 body has %s, then it fails malformed and the log names the problem, not the body', async (_label, body, logged) => {
    const { client, lines } = setup([get({ status: 200, body })]);
    const err = await failure(client.getFile(SHA256));
    expect(err).toMatchObject({ kind: 'malformed', status: 200 });
    const log = lines.join('');
    expect(log).toContain(logged);
    expect(log).not.toContain(typeof body === 'string' ? body : body.size);
  });

  it('when calls fail in every way, then no error message, stack or log line contains the token', async () => {
    const { client, lines } = setup([get({ status: 401 }), get({ status: 401 }, TOKEN_2), get({ status: 403 }), get({ status: 500 }), get({ status: 200, body: { size: 'x' } })], { maxRetries: 0 });
    const errors = [await failure(client.getFile(SHA256)), await failure(client.getFile(SHA256)), await failure(client.getFile(SHA256)), await failure(client.getFile(SHA256))];
    expect(errors.map((e) => e.kind)).toEqual(['unauthorized', 'forbidden', 'server', 'malformed']);
    const text = errors.map((e) => `${e.message}\n${e.stack}\n${JSON.stringify(e)}`).join('\n') + lines.join('');
    for (const token of [TOKEN_1, TOKEN_2, 'refreshed-token', 'first-token']) expect(text).not.toContain(token);
  });

  it('when a call is retried, then each attempt is logged at debug and the retry at warn with operation and correlation id', async () => {
    const { client, lines } = setup([get({ status: 500, body: mdeError('InternalServerError', 'corr-x') }), get({ status: 200, body: {} })]);
    await client.getFile(SHA256);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.filter((e) => e.msg === 'mde attempt').map((e) => [e.level, e.operation, e.status, e.attempt])).toEqual([
      [20, 'files.get', 500, 1],
      [20, 'files.get', 200, 2],
    ]);
    expect(entries.find((e) => e.msg === 'mde retrying')).toMatchObject({ level: 40, operation: 'files.get', target: 'corr-x', waitMs: 375 });
  });
});
