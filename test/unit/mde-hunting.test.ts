import { describeMdeError } from '../../src/mde/describe-error';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import { createHttpMdeClient } from '../../src/mde/http-mde-client';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

const BASE = 'https://mde.test';
const URL_RUN = `${BASE}/api/advancedqueries/run`;
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);
const S = 'e'.repeat(64);

function setup(expected: ExpectedCall[]) {
  const http = scriptedFetch(expected);
  const client = createHttpMdeClient({ baseUrl: BASE, tokenProvider: { getToken: async () => 'tok' }, fetch: http.fetch, sleep: async () => undefined, random: () => 0 });
  return { client, http };
}
const run = (query: string, reply: ExpectedCall['reply']): ExpectedCall => ({ method: 'POST', url: URL_RUN, headers: { 'content-type': 'application/json' }, body: { Query: query }, reply });
const row = (sha1: string, availability: string, extra: Record<string, unknown> = {}) => ({ SHA1: sha1, SHA256: '', ThreatName: '', ProfileAvailability: availability, ...extra });
const answer = (rows: unknown[]) => ({ status: 200, body: { Stats: {}, Schema: [{ Name: 'SHA1', Type: 'String' }], Results: rows } });

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('getFileProfiles over HTTP', () => {
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

  it('when the app lacks the hunting permission, then it fails forbidden naming AdvancedQuery.Read.All', async () => {
    const { client } = setup([run(`datatable(SHA1:string)["${A}"] | invoke FileProfile("SHA1", 1)`, { status: 403, body: { error: { code: 'Forbidden', target: 't-403' } } })]);
    const err = await failure(client.getFileProfiles([A]));
    expect(err).toMatchObject({ kind: 'forbidden', permissions: ['AdvancedQuery.Read.All'], target: 't-403' });
    expect(describeMdeError(err).detail).toBe('The Verdict app registration lacks AdvancedQuery.Read.All.');
  });

  it('when hunting answers 500 once, then the read query is retried like a GET', async () => {
    const query = `datatable(SHA1:string)["${A}"] | invoke FileProfile("SHA1", 1)`;
    const { client, http } = setup([run(query, { status: 500 }), run(query, answer([row(A, 'Missing')]))]);
    await expect(client.getFileProfiles([A])).resolves.toEqual([{ hash: A, file: null }]);
    http.assertDone();
  });

  it('when the answer has no Results, then it fails malformed rather than calling every file not found', async () => {
    const { client } = setup([run(`datatable(SHA1:string)["${A}"] | invoke FileProfile("SHA1", 1)`, { status: 200, body: { Schema: [] } })]);
    expect((await failure(client.getFileProfiles([A]))).kind).toBe('malformed');
  });
});
