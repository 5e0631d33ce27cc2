import { z } from 'zod';
import { isMdeError, MdeError } from '../../src/mde/errors';
import { createMdeRequest } from '../../src/mde/request';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

const BASE = 'https://mde.test';
const tokenProvider = { getToken: async () => 'tok' };
const indicator = z.object({ id: z.string() }).passthrough();
const post = (reply: ExpectedCall['reply']): ExpectedCall => ({
  method: 'POST',
  url: `${BASE}/api/indicators`,
  headers: { 'content-type': 'application/json', authorization: 'Bearer tok' },
  body: { indicatorValue: 'abc', action: 'Block' },
  reply,
});

function setup(expected: ExpectedCall[], timeoutMs = 1_000) {
  const http = scriptedFetch(expected);
  const waits: number[] = [];
  const request = createMdeRequest({ baseUrl: BASE, tokenProvider, fetch: http.fetch, sleep: async (ms) => void waits.push(ms), random: () => 0, timeoutMs });
  const create = () =>
    request({ operation: 'indicators.create', method: 'POST', path: '/api/indicators', permissions: ['Ti.ReadWrite.All'], idempotent: false, body: { indicatorValue: 'abc', action: 'Block' }, schema: indicator });
  return { http, waits, create, request };
}

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('createMdeRequest', () => {
  it('when a non-idempotent POST gets 500, then it is not retried and fails server', async () => {
    const { http, create, waits } = setup([post({ status: 500, body: { error: { code: 'InternalServerError', target: 't-1' } } })]);
    const err = await failure(create());
    http.assertDone();
    expect(err).toMatchObject({ kind: 'server', operation: 'indicators.create', target: 't-1', permissions: ['Ti.ReadWrite.All'] });
    expect(waits).toEqual([]);
  });

  it('when a non-idempotent POST times out, then it is not retried (MDE may have acted on it)', async () => {
    const { http, create } = setup([post({ hang: true })], 20);
    expect((await failure(create())).kind).toBe('timeout');
    http.assertDone();
  });

  it('when a POST gets 429, then it is retried, because MDE refused it before doing anything', async () => {
    const { http, create, waits } = setup([post({ status: 429, headers: { 'retry-after': '3' } }), post({ status: 200, body: { id: '17' } })]);
    await expect(create()).resolves.toEqual({ id: '17' });
    http.assertDone();
    expect(waits).toEqual([3000]);
  });

  it('when a GET gets 503 asking for a longer wait than allowed, then it fails at once as server, carrying the wait', async () => {
    const { http, request, waits } = setup([{ method: 'GET', url: `${BASE}/api/alerts/a1`, reply: { status: 503, headers: { 'retry-after': '120' } } }]);
    const err = await failure(request({ operation: 'alerts.get', method: 'GET', path: '/api/alerts/a1', permissions: [], idempotent: true, schema: indicator }));
    expect(err).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 120_000 });
    expect(waits).toEqual([]);
    http.assertDone();
  });

  it('when a 204 has no body, then the schema sees undefined', async () => {
    const { http, request } = setup([{ method: 'DELETE', url: `${BASE}/api/indicators/17`, reply: { status: 204 } }]);
    const result = await request({ operation: 'indicators.delete', method: 'DELETE', path: '/api/indicators/17', permissions: [], idempotent: true, schema: z.undefined() });
    expect(result).toBeUndefined();
    http.assertDone();
  });

  it('when a GET has no body, then no Content-Type is sent', async () => {
    const { http, request } = setup([{ method: 'GET', url: `${BASE}/api/alerts/a1`, reply: { status: 200, body: { id: 'a1' } } }]);
    await request({ operation: 'alerts.get', method: 'GET', path: '/api/alerts/a1', permissions: ['Alert.Read.All'], idempotent: true, schema: indicator });
    expect(http.calls[0]?.headers['content-type']).toBeUndefined();
  });

  it('when the token provider fails, then its MdeError reaches the caller and MDE is not called', async () => {
    const http = scriptedFetch([]);
    const failing = { getToken: async () => Promise.reject(new MdeError({ kind: 'unauthorized', operation: 'token', code: 'AADSTS7000215' })) };
    const request = createMdeRequest({ baseUrl: BASE, tokenProvider: failing, fetch: http.fetch });
    const err = await failure(request({ operation: 'files.get', method: 'GET', path: '/api/files/x', permissions: [], idempotent: true, schema: indicator }));
    expect(err).toMatchObject({ kind: 'unauthorized', operation: 'token', code: 'AADSTS7000215' });
    expect(http.calls).toHaveLength(0);
  });
});
