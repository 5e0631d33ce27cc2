import { isMdeError, type MdeError } from '../../src/mde/errors';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import type { Sandbox } from '../../src/sandbox';
import { DEMO_FILES } from '../../src/sandbox/demo-files';
import { DEMO_APP_ROLES } from '../../src/sandbox/demo-tenant';
import { clientFor, GRAPH_SCOPE, tokenFor, withSandbox } from './sandbox-http';

/**
 * Graph's runHuntingQuery in the sandbox, over raw HTTP and through the real client (msal-node +
 * fetch): the documented shape, the permission, 429 + Retry-After, the CPU quota, the 3-minute
 * timeout, and the retired MDE endpoint that no code path calls any more.
 */
jest.setTimeout(30_000);

const RUN = '/v1.0/security/runHuntingQuery';
const profile = (sha1: string) => ({ Query: `datatable(SHA1:string)["${sha1}"] | invoke FileProfile("SHA1", 1)` });
const WITHOUT_GRAPH_HUNTING = DEMO_APP_ROLES.filter((r) => r !== 'ThreatHunting.Read.All');

async function post(sb: Sandbox, token: string, body: unknown) {
  const res = await fetch(`${sb.graphBaseUrl}${RUN}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

const failure = (p: Promise<unknown>): Promise<MdeError> =>
  p.then(
    () => Promise.reject(new Error('expected a failure')),
    (e: unknown) => (isMdeError(e) ? e : Promise.reject(e)),
  );

describe('sandbox Graph runHuntingQuery over HTTP', () => {
  it('when a FileProfile query is run with a Graph token, then the answer is camelCase schema/results with KQL column names in the rows', () =>
    withSandbox({}, async (sb) => {
      const { status, json } = await post(sb, await tokenFor(sb, GRAPH_SCOPE), profile(DEMO_FILES.malware.sha1));
      expect(status).toBe(200);
      expect(Object.keys(json).sort()).toEqual(['@odata.context', 'results', 'schema']);
      expect((json.schema as { name: string; type: string }[])[0]).toEqual({ name: 'SHA1', type: 'String' });
      expect((json.results as Record<string, unknown>[])[0]).toMatchObject({ SHA1: DEMO_FILES.malware.sha1, ThreatName: 'Virus:DOS/EICAR_Test_File', ProfileAvailability: 'Available' });
    }));

  it('when the token is for MDE rather than Graph, then 401; when Graph lacks ThreatHunting.Read.All, then 403 naming it', async () => {
    await withSandbox({}, async (sb) => {
      expect((await post(sb, await tokenFor(sb), profile(DEMO_FILES.malware.sha1))).status).toBe(401);
    });
    await withSandbox({ appRoles: WITHOUT_GRAPH_HUNTING }, async (sb) => {
      const { status, json } = await post(sb, await tokenFor(sb, GRAPH_SCOPE), profile(DEMO_FILES.malware.sha1));
      expect(status).toBe(403);
      expect(json.error?.message).toContain('ThreatHunting.Read.All');
    });
  });

  it.each([
    ['no Query', {}],
    ['another query', { Query: 'DeviceProcessEvents | take 10' }],
  ])('when the body has %s, then 400 BadRequest', (_label, body) =>
    withSandbox({}, async (sb) => {
      const { status, json } = await post(sb, await tokenFor(sb, GRAPH_SCOPE), body);
      expect(status).toBe(400);
      expect(json.error?.code).toBe('BadRequest');
    }));
});

describe('the MDE client hunting through Graph against the sandbox', () => {
  it('when Graph throttles with 429 + Retry-After, then the client waits it out in the graph-hunting family and the query succeeds', () =>
    withSandbox({ familyLimits: { 'graph-hunting': { perMinute: 1 } }, timeScale: 0.01 }, async (sb) => {
      const limiter = createMdeRateLimiter();
      const client = clientFor(sb, { limiter });
      await client.getFileProfiles([DEMO_FILES.clean.sha1]);
      const [second] = await client.getFileProfiles([DEMO_FILES.pua.sha1]);
      expect(second?.file?.threatName).toBe('PUA:Win32/FusionCore');
      expect(sb.stats().throttled).toBe(1);
      expect(limiter.stats()['graph-hunting']).toMatchObject({ calls: 3, throttled: 1 });
    }));

  it("when Graph's CPU quota for the cycle is used up, then the query fails throttled with the cycle's wait, and the family is paused", () =>
    withSandbox({ huntingQueriesPerQuotaCycle: 1 }, async (sb) => {
      const limiter = createMdeRateLimiter();
      const client = clientFor(sb, { limiter });
      await client.getFileProfiles([DEMO_FILES.clean.sha1]);
      const err = await failure(client.getFileProfiles([DEMO_FILES.pua.sha1]));
      expect(err).toMatchObject({ kind: 'throttled', operation: 'hunting.graph', status: 429 });
      expect(err.retryAfterMs).toBeGreaterThan(14 * 60_000);
      expect(limiter.stats()['graph-hunting']).toMatchObject({ calls: 2, throttled: 1 });
    }));

  it('when a query runs past the 3-minute limit, then Graph answers 504 and the client reports a timeout without sending it again', () =>
    withSandbox({ timeScale: 0.001, latencyModel: { 'graph-hunting': { baseMs: 200_000 } } }, async (sb) => {
      const err = await failure(clientFor(sb).getFileProfiles([DEMO_FILES.clean.sha1]));
      expect(err).toMatchObject({ kind: 'timeout', status: 504, operation: 'hunting.graph' });
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1 });
    }));

  it('when Graph never answers, then the client gives up after its hunting timeout and does not send the query again', () =>
    withSandbox({}, async (sb) => {
      sb.faults.inject({ type: 'timeout', family: 'graph-hunting' });
      const err = await failure(clientFor(sb, { hunting: { timeoutMs: 300 } }).getFileProfiles([DEMO_FILES.clean.sha1]));
      expect(err).toMatchObject({ kind: 'timeout', operation: 'hunting.graph' });
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1 });
    }));

  it('when the sandbox has retired the MDE endpoint, then with the default roles only Graph is called', () =>
    withSandbox({ mdeHuntingRetired: true }, async (sb) => {
      const [result] = await clientFor(sb).getFileProfiles([DEMO_FILES.malware.sha256]);
      expect(result?.file?.threatName).toBe('Virus:DOS/EICAR_Test_File');
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1 });
    }));

  it('when Graph refuses and the MDE endpoint answers 404 (retired), then the Graph refusal is reported and the endpoint is never called again', () =>
    withSandbox({ mdeHuntingRetired: true, appRoles: WITHOUT_GRAPH_HUNTING }, async (sb) => {
      const client = clientFor(sb);
      for (let i = 0; i < 2; i++) {
        expect(await failure(client.getFileProfiles([DEMO_FILES.pua.sha1]))).toMatchObject({ kind: 'forbidden', operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'] });
      }
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 2, hunting: 1 });
    }));

  it('when Graph refuses before the retirement and the MDE endpoint still answers, then auto gets the profile from it', () =>
    withSandbox({ appRoles: WITHOUT_GRAPH_HUNTING }, async (sb) => {
      const [result] = await clientFor(sb, { now: () => Date.parse('2027-01-30T23:59:00Z') }).getFileProfiles([DEMO_FILES.pua.sha1]);
      expect(result?.file?.threatName).toBe('PUA:Win32/FusionCore');
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1, hunting: 1 });
    }));

  it('when Graph refuses on 2027-01-31 by the injected clock, then the MDE endpoint is not called although it would answer', () =>
    withSandbox({ appRoles: WITHOUT_GRAPH_HUNTING }, async (sb) => {
      const err = await failure(clientFor(sb, { now: () => Date.parse('2027-01-31T00:00:00Z') }).getFileProfiles([DEMO_FILES.pua.sha1]));
      expect(err).toMatchObject({ kind: 'forbidden', operation: 'hunting.graph' });
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1 });
    }));
});
