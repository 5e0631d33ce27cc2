import { connect } from 'node:net';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { tokenFor as tokenForScope } from './sandbox-http';

/** Rate limits, injected faults, the admin routes and stop(), over real HTTP on loopback. */
// Tokens here ask for MDE's newer scope name (api.security…); sandbox-http's default is the older one.
const tokenFor = (sb: Sandbox) => tokenForScope(sb, 'https://api.security.microsoft.com/.default');
const FILE = `/api/files/${DEMO_FILES.malware.sha256}`;

const call = (sb: Sandbox, token: string, signal?: AbortSignal) => fetch(`${sb.apiBaseUrl}${FILE}`, { headers: { authorization: `Bearer ${token}` }, signal });
const admin = (sb: Sandbox, method: string, path: string, body?: string) => fetch(`${sb.apiBaseUrl}/_sandbox/${path}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when something accepts a TCP connection on the port. */
const accepts = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

describe('sandbox rate limits', () => {
  it('when the per-minute limit is spent, then 429 TooManyRequests with Retry-After, and success after waiting it', async () => {
    const sb = await startSandbox({ limits: { perMinute: 2 }, timeScale: 0.01 });
    try {
      const token = await tokenFor(sb);
      expect((await call(sb, token)).status).toBe(200);
      expect((await call(sb, token)).status).toBe(200);
      const throttled = await call(sb, token);
      expect(throttled.status).toBe(429);
      const retryAfter = Number(throttled.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
      expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
      expect(sb.stats().throttled).toBe(1);
      await sleep(retryAfter * 1000);
      expect((await call(sb, token)).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });
});

describe('sandbox faults', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterEach(() => sb.faults.clear());
  afterAll(() => sb.stop());

  it('when a status fault applies twice, then two calls get it (with code and Retry-After) and the third succeeds', async () => {
    sb.faults.inject({ type: 'status', status: 503, code: 'ServiceUnavailable', retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const res = await call(sb, token);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ServiceUnavailable');
    }
    expect((await call(sb, token)).status).toBe(200);
  });

  it('when a malformed fault applies, then the answer is 200 with a body that is not JSON', async () => {
    sb.faults.inject({ type: 'malformed', family: 'files' });
    const res = await call(sb, token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('when a timeout fault applies, then the sandbox never answers until the client aborts, and the next call works', async () => {
    sb.faults.inject({ type: 'timeout' });
    await expect(call(sb, token, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
    expect((await call(sb, token)).status).toBe(200);
  });

  it('when a latency fault applies, then that one answer is delayed', async () => {
    sb.faults.inject({ type: 'latency', ms: 250 });
    let started = performance.now();
    expect((await call(sb, token)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    started = performance.now();
    await call(sb, token);
    expect(performance.now() - started).toBeLessThan(240);
  });

  it('when a fault targets the token endpoint, then MDE API calls are untouched', async () => {
    sb.faults.inject({ type: 'status', status: 500, family: 'token' });
    expect((await call(sb, token)).status).toBe(200);
  });

  it('when an invalid fault is injected in code, then it throws naming the problem', () => {
    expect(() => sb.faults.inject({ type: 'status', status: 503, family: 'flies' })).toThrow(/family/);
  });
});

describe('sandbox admin routes', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());

  it('when a fault is posted, then it is queued, listed, and applied to the next call', async () => {
    const posted = await admin(sb, 'POST', 'faults', JSON.stringify({ type: 'status', status: 500 }));
    expect(posted.status).toBe(201);
    expect(((await (await admin(sb, 'GET', 'faults')).json()) as { pending: unknown[] }).pending).toEqual([{ type: 'status', status: 500, times: 1 }]);
    expect((await call(sb, token)).status).toBe(500);
  });

  it('when faults are deleted, then none apply any more', async () => {
    await admin(sb, 'POST', 'faults', JSON.stringify({ type: 'status', status: 500, times: 3 }));
    const deleted = await admin(sb, 'DELETE', 'faults');
    expect(await deleted.json()).toEqual({ cleared: 1 });
    expect((await call(sb, token)).status).toBe(200);
  });

  it.each([
    ['not JSON', '{type:', /not valid JSON/],
    ['an unknown type', '{"type":"explode"}', /type/],
    ['a misspelt key', '{"type":"timeout","tmies":2}', /tmies/],
    ['a status without its number', '{"type":"status"}', /status/],
  ])('when the posted body is %s, then 400 with a message naming the problem', async (_label, body, message) => {
    const res = await admin(sb, 'POST', 'faults', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it('when stats are read, then they report tokens, calls, throttles and families', async () => {
    const stats = await (await admin(sb, 'GET', 'stats')).json();
    expect(stats).toEqual(sb.stats());
    expect(stats).toMatchObject({ tokensIssued: 1, throttled: 0, byFamily: { files: expect.any(Number) } });
  });

  it('when an unknown admin route is asked for, then 404 listing the real ones', async () => {
    const res = await admin(sb, 'GET', 'nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('/_sandbox/faults');
  });
});

describe('sandbox stop', () => {
  it('when stopped, then both listeners refuse connections and a second stop is harmless', async () => {
    const sb = await startSandbox();
    await tokenFor(sb);
    await fetch(`${sb.apiBaseUrl}/_sandbox/stats`); // leaves a keep-alive connection open
    await sb.stop();
    expect(await accepts(sb.apiBaseUrl)).toBe(false);
    expect(await accepts(sb.authorityHost)).toBe(false);
    await expect(sb.stop()).resolves.toBeUndefined();
  });

  it('when a request is held by a timeout fault or delayed by latency, then stop still finishes promptly and drops it', async () => {
    const sb = await startSandbox({ latencyMs: 60_000 });
    const token = await tokenFor(sb);
    sb.faults.inject({ type: 'timeout' });
    const held = call(sb, token).then(
      () => 'answered',
      () => 'dropped',
    );
    const delayed = call(sb, token).then(
      () => 'answered',
      () => 'dropped',
    );
    await sleep(100);
    const started = performance.now();
    await sb.stop();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await Promise.all([held, delayed])).toEqual(['dropped', 'dropped']);
  });
});
