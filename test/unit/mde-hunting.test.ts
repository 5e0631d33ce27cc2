import { describeMdeError } from '../../src/mde/describe-error';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import { createHttpMdeClient } from '../../src/mde/http-mde-client';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

const BASE = 'https://mde.test';
const GRAPH = 'https://graph.test';
const URL_RUN = `${GRAPH}/v1.0/security/runHuntingQuery`;
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);
const S = 'e'.repeat(64);

/** The client as wired: Graph hunting (its own token) by default, on the process's limiter. */
function setup(expected: ExpectedCall[], extra: { timeoutMs?: number; now?: number } = {}) {
  const http = scriptedFetch(expected);
  const slept: number[] = [];
  const limiter = createMdeRateLimiter();
  const client = createHttpMdeClient({
    baseUrl: BASE,
    tokenProvider: { getToken: async () => 'mde-tok' },
    fetch: http.fetch,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0,
    limiter,
    now: () => extra.now ?? NOW,
    hunting: { graph: { baseUrl: GRAPH, tokenProvider: { getToken: async () => 'graph-tok' } }, timeoutMs: extra.timeoutMs },
  });
  return { client, http, slept, limiter };
}
const run = (query: string, reply: ExpectedCall['reply']): ExpectedCall => ({ method: 'POST', url: URL_RUN, headers: { 'content-type': 'application/json', authorization: 'Bearer graph-tok' }, body: { Query: query }, reply });
const row = (sha1: string, availability: string, extra: Record<string, unknown> = {}) => ({ SHA1: sha1, SHA256: '', ThreatName: '', ProfileAvailability: availability, ...extra });
/** Graph's huntingQueryResults: camelCase top level, KQL column names in the rows. */
const answer = (rows: unknown[]) => ({ status: 200, body: { '@odata.context': `${GRAPH}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`, schema: [{ name: 'SHA1', type: 'String' }], results: rows } });
const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): ExpectedCall['reply'] => ({
  status,
  headers,
  body: { error: { code, message, innerError: { date: '2026-12-02T10:00:00', 'request-id': `req-${status}`, 'client-request-id': `req-${status}` } } },
});
const NOW = Date.parse('2026-12-02T10:00:00Z');
const ONE = `datatable(SHA1:string)["${A}"] | invoke FileProfile("SHA1", 1)`;

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('getFileProfiles over Microsoft Graph hunting', () => {
  it('when hashes are profiled, then the body is {"Query": …} and every input gets its own result, in order', async () => {
    const query = `datatable(SHA1:string)["${A}","${B}","${C}","${D}"] | invoke FileProfile("SHA1", 4)`;
    const { client, http } = setup([
      run(query, answer([row(D, 'Error'), row(B.toUpperCase(), 'Missing'), row(A, 'Available', { SHA256: S, ThreatName: 'Virus:DOS/EICAR_Test_File', GlobalPrevalence: 5 }), 'not a row'])),
    ]);
    const results = await client.getFileProfiles([A, B, C, D.toUpperCase(), A]);
    http.assertDone();
    expect(http.calls[0]?.body).toBe(JSON.stringify({ Query: query }));
    expect(results).toEqual([
      { hash: A, file: expect.objectContaining({ sha1: A, sha256: S, threatName: 'Virus:DOS/EICAR_Test_File', globalPrevalence: 5 }) },
      { hash: B, file: null },
      { hash: C, file: null, unavailable: true },
      { hash: D, file: null, unavailable: true },
      { hash: A, file: expect.objectContaining({ sha1: A }) },
    ]);
  });

  it('when SHA-1s and SHA-256s are mixed, then one query per kind is sent', async () => {
    const { client, http } = setup([
      run(`datatable(SHA1:string)["${A}"] | invoke FileProfile("SHA1", 1)`, answer([row(A, 'Missing')])),
      run(`datatable(SHA256:string)["${S}"] | invoke FileProfile("SHA256", 1)`, answer([{ SHA256: S, ProfileAvailability: 'Missing' }])),
    ]);
    expect(await client.getFileProfiles([S, A])).toEqual([{ hash: S, file: null }, { hash: A, file: null }]);
    http.assertDone();
  });

  it('when the list is empty, then nothing is sent', async () => {
    const { client, http } = setup([]);
    await expect(client.getFileProfiles([])).resolves.toEqual([]);
    expect(http.calls).toHaveLength(0);
  });

  it('when a value is not a SHA-1/SHA-256 (an MD5, or an injection attempt), then the call fails before anything is sent', async () => {
    const { client, http } = setup([]);
    for (const bad of ['44d88612fea8a8f36de82e1278abb02f', `${A.slice(0, 38)}"]`]) {
      expect(await failure(client.getFileProfiles([A, bad]))).toMatchObject({ kind: 'bad-request', code: 'InvalidHashValue', operation: 'hunting.run' });
    }
    expect(http.calls).toHaveLength(0);
  });

  it('when the app lacks both hunting permissions, then it fails forbidden naming ThreatHunting.Read.All on Microsoft Graph, with the request id', async () => {
    const legacy: ExpectedCall = { method: 'POST', url: `${BASE}/api/advancedqueries/run`, headers: { authorization: 'Bearer mde-tok' }, body: { Query: ONE }, reply: { status: 403, body: { error: { code: 'Forbidden', target: 't-mde' } } } };
    const { client, http } = setup([run(ONE, graphError(403, 'Forbidden', 'Missing application roles. API required roles: ThreatHunting.Read.All.')), legacy]);
    const err = await failure(client.getFileProfiles([A]));
    expect(err).toMatchObject({ kind: 'forbidden', operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'], target: 'req-403' });
    expect(describeMdeError(err)).toMatchObject({ detail: 'The Verdict app registration lacks ThreatHunting.Read.All.', action: expect.stringContaining('Microsoft Graph application permission') });
    http.assertDone();
  });

  it('when Graph refuses on or after 2027-01-31, then the retired MDE endpoint is not tried', async () => {
    const { client, http } = setup([run(ONE, graphError(403, 'Forbidden', 'Missing application roles.'))], { now: Date.parse('2027-01-31T00:00:00Z') });
    expect(await failure(client.getFileProfiles([A]))).toMatchObject({ kind: 'forbidden', operation: 'hunting.graph' });
    http.assertDone();
    expect(http.calls).toHaveLength(1);
  });

  it('when Graph answers 429 with Retry-After, then the graph-hunting family waits that long and the query is sent again', async () => {
    const { client, http, slept, limiter } = setup([run(ONE, graphError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': '7' })), run(ONE, answer([row(A, 'Missing')]))]);
    await expect(client.getFileProfiles([A])).resolves.toEqual([{ hash: A, file: null }]);
    http.assertDone();
    expect(slept[0]).toBeGreaterThanOrEqual(7_000);
    expect(limiter.stats()['graph-hunting']).toMatchObject({ calls: 2, throttled: 1 });
    expect(limiter.stats().hunting).toBeUndefined();
  });

  it('when Graph says the CPU quota is used up (429, no Retry-After), then it fails throttled at once and the family pauses for the 15-minute cycle', async () => {
    const { client, http, slept, limiter } = setup([run(ONE, graphError(429, 'TooManyRequests', 'Hunting CPU quota exceeded for this 15-minute cycle.'))]);
    const err = await failure(client.getFileProfiles([A]));
    expect(err).toMatchObject({ kind: 'throttled', operation: 'hunting.graph', retryAfterMs: 15 * 60_000 });
    expect(slept).toEqual([]);
    expect(limiter.stats()['graph-hunting']?.throttled).toBe(1);
    http.assertDone();
    // For the rest of the cycle a hunting query fails at once, without a call or a wait in the queue.
    expect(await failure(client.getFileProfiles([B]))).toMatchObject({ kind: 'throttled', operation: 'hunting.graph', retryAfterMs: expect.any(Number) });
    expect(http.calls).toHaveLength(1);
    expect(limiter.stats()['graph-hunting']?.queued).toBe(0);
  });

  it('when a Graph hunting query gets no answer in time, then it fails as a timeout and is not sent again', async () => {
    const { client, http } = setup([run(ONE, { hang: true })], { timeoutMs: 20 });
    expect(await failure(client.getFileProfiles([A]))).toMatchObject({ kind: 'timeout', operation: 'hunting.graph' });
    expect(http.calls).toHaveLength(1);
  });

  it("when the answer is MDE's PascalCase shape instead of Graph's, then it fails malformed", async () => {
    const { client } = setup([run(ONE, { status: 200, body: { Schema: [], Results: [row(A, 'Missing')] } })]);
    expect((await failure(client.getFileProfiles([A]))).kind).toBe('malformed');
  });

  it('when hunting answers 500 once, then the read query is retried like a GET', async () => {
    const query = `datatable(SHA1:string)["${A}"] | invoke FileProfile("SHA1", 1)`;
    const { client, http } = setup([run(query, { status: 500 }), run(query, answer([row(A, 'Missing')]))]);
    await expect(client.getFileProfiles([A])).resolves.toEqual([{ hash: A, file: null }]);
    http.assertDone();
  });

  it('when the answer has no results, then it fails malformed rather than calling every file not found', async () => {
    const { client } = setup([run(ONE, { status: 200, body: { schema: [] } })]);
    expect((await failure(client.getFileProfiles([A]))).kind).toBe('malformed');
  });
});
