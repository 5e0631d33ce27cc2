import { isGraphError, type GraphError } from '../../src/access/graph-errors';
import { createGraphCaller } from '../../src/access/graph-request';
import { createGraphRoleResolver, type RoleGroups } from '../../src/access/graph-role-resolver';
import { scriptedFetch, type ExpectedCall, type ScriptedReply } from '../support/scripted-fetch';

const BASE = 'https://graph.example';
const USER = '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01';
const URL_ = `${BASE}/v1.0/users/${USER}/checkMemberGroups`;
const G = { reader: 'aaaaaaaa-0000-4000-8000-000000000001', responder: 'aaaaaaaa-0000-4000-8000-000000000002', approver: 'aaaaaaaa-0000-4000-8000-000000000003' };
const GROUPS: RoleGroups = { reader: [G.reader], responder: [G.responder], approver: [G.approver] };
const ALL = [G.reader, G.responder, G.approver];

const ok = (value: string[]): ScriptedReply => ({ status: 200, body: { '@odata.context': 'x', value } });
const graphFail = (status: number, code: string, headers?: Record<string, string>): ScriptedReply => ({
  status,
  headers,
  body: { error: { code, message: 'm', innerError: { date: '2025-11-03T10:00:00', 'request-id': 'req-123', 'client-request-id': 'req-123' } } },
});
const call = (reply: ScriptedReply, groupIds = ALL, token = 'tok-1'): ExpectedCall => ({
  method: 'POST',
  url: URL_,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: { groupIds },
  reply,
});

function setup(calls: ExpectedCall[], groups: RoleGroups = GROUPS) {
  const script = scriptedFetch(calls);
  const tokens: boolean[] = [];
  const slept: number[] = [];
  const post = createGraphCaller({
    baseUrl: `${BASE}/`,
    tokenProvider: { getToken: async (o) => (tokens.push(o?.forceRefresh === true), o?.forceRefresh ? 'tok-2' : 'tok-1') },
    fetch: script.fetch,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0,
    now: () => 0,
  });
  return { resolver: createGraphRoleResolver({ post, groups }), script, tokens, slept };
}

const rolesOf = async (s: ReturnType<typeof setup>, aadObjectId = USER) => [...(await s.resolver.rolesOf({ aadObjectId }))].sort();
const failure = async (p: Promise<unknown>): Promise<GraphError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!isGraphError(e)) throw new Error(`expected a GraphError, got ${String(e)}`);
  return e;
};

describe('Graph role resolver', () => {
  it('when Graph says the user is in the responder group, then the roles are responder and reader', async () => {
    const s = setup([call(ok([G.responder.toUpperCase()]))]);
    expect(await rolesOf(s)).toEqual(['reader', 'responder']);
    s.script.assertDone();
  });

  it('when one group is configured for two roles, then membership grants both', async () => {
    const s = setup([call(ok([G.approver]), [G.reader, G.approver])], { reader: [G.reader], responder: [G.approver], approver: [G.approver] });
    expect(await rolesOf(s)).toEqual(['approver', 'reader', 'responder']);
  });

  it('when 25 groups are configured, then Graph is asked in two calls of 20 and 5', async () => {
    const many = Array.from({ length: 25 }, (_, i) => `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const s = setup([call(ok([]), many.slice(0, 20)), call(ok([many[24] as string]), many.slice(20))], { reader: many.slice(0, 24), responder: [], approver: [many[24] as string] });
    expect(await rolesOf(s)).toEqual(['approver', 'reader']);
    s.script.assertDone();
  });

  it('when Graph does not know the user (404), then no roles', async () => {
    const s = setup([call(graphFail(404, 'Request_ResourceNotFound'))]);
    expect(await rolesOf(s)).toEqual([]);
  });

  it('when the object id is not a GUID, then no roles and no call', async () => {
    const s = setup([]);
    expect(await rolesOf(s, '../../groups')).toEqual([]);
    s.script.assertDone();
  });

  it('when no groups are configured, then no roles and no call', async () => {
    const s = setup([], { reader: [], responder: [], approver: [] });
    expect(await rolesOf(s)).toEqual([]);
    s.script.assertDone();
  });

  it('when Graph answers 403, then a forbidden GraphError names both permissions and the request id', async () => {
    const s = setup([call(graphFail(403, 'Authorization_RequestDenied'))]);
    const e = await failure(s.resolver.rolesOf({ aadObjectId: USER }));
    expect(e).toMatchObject({ kind: 'forbidden', status: 403, code: 'Authorization_RequestDenied', requestId: 'req-123', permissions: ['GroupMember.Read.All', 'User.Read.All'] });
    expect(e.message).toContain('GroupMember.Read.All + User.Read.All');
    expect(e.message).not.toContain('tok-1');
  });

  it('when Graph answers 429 with Retry-After, then the resolver waits at least that long and retries', async () => {
    const s = setup([call(graphFail(429, 'TooManyRequests', { 'retry-after': '2' })), call(ok([G.reader]))]);
    expect(await rolesOf(s)).toEqual(['reader']);
    expect(s.slept).toHaveLength(1);
    expect(s.slept[0]).toBeGreaterThanOrEqual(2_000);
  });

  it('when Graph answers 429 without Retry-After, then it waits a backoff and a lasting 429 carries that wait', async () => {
    const s = setup([1, 2, 3, 4].map(() => call(graphFail(429, 'TooManyRequests'))));
    const e = await failure(s.resolver.rolesOf({ aadObjectId: USER }));
    expect(e).toMatchObject({ kind: 'throttled', status: 429 });
    expect(e.retryAfterMs).toBeGreaterThan(0);
    expect(s.slept).toHaveLength(3);
    expect(s.slept.every((ms) => ms >= 250)).toBe(true);
  });

  it('when Graph asks to wait longer than allowed, then a throttled GraphError carries the wait', async () => {
    const s = setup([call(graphFail(429, 'TooManyRequests', { 'retry-after': '120' }))]);
    expect(await failure(s.resolver.rolesOf({ aadObjectId: USER }))).toMatchObject({ kind: 'throttled', retryAfterMs: 120_000 });
    expect(s.slept).toEqual([]);
  });

  it('when Graph answers 401 once, then a fresh token is fetched and the call repeated', async () => {
    const s = setup([call(graphFail(401, 'InvalidAuthenticationToken')), call(ok([G.approver]), ALL, 'tok-2')]);
    expect(await rolesOf(s)).toEqual(['approver', 'reader']);
    expect(s.tokens).toEqual([false, true]);
  });

  it('when Graph keeps failing with 503, then it retries with backoff and gives up as server', async () => {
    const s = setup([1, 2, 3, 4].map(() => call(graphFail(503, 'ServiceNotAvailable'))));
    expect(await failure(s.resolver.rolesOf({ aadObjectId: USER }))).toMatchObject({ kind: 'server', status: 503 });
    expect(s.slept).toHaveLength(3);
  });

  it('when the 200 body is not a list of ids, then a malformed GraphError', async () => {
    const s = setup([call({ status: 200, body: { value: 'nope' } })]);
    expect(await failure(s.resolver.rolesOf({ aadObjectId: USER }))).toMatchObject({ kind: 'malformed' });
  });

  it('when a configured group id is not a GUID, then building the resolver fails', () => {
    expect(() => setup([], { reader: ['SOC Readers'], responder: [], approver: [] })).toThrow(/reader group is not an Entra object id/);
  });
});
