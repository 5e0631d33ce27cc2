import { createMsalTokenProvider } from '../../src/mde/token-provider';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-tenant';

/** The sandbox's Microsoft Graph over raw HTTP: shapes, statuses and Graph-style errors. */
jest.setTimeout(30_000);

const ALL_GROUPS = [DEMO_GROUPS.reader, DEMO_GROUPS.responder, DEMO_GROUPS.approver];
const GRAPH_ERROR = {
  error: {
    code: expect.any(String),
    message: expect.any(String),
    innerError: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/), 'request-id': expect.any(String), 'client-request-id': expect.any(String) },
  },
};

describe('sandbox Graph API', () => {
  let sb: Sandbox;
  let graphToken: string;
  let mdeToken: string;
  beforeAll(async () => {
    sb = await startSandbox();
    const provider = (scope: string) => createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope, caCertPem: sb.caCertPem });
    graphToken = await provider('https://graph.microsoft.com/.default').getToken();
    mdeToken = await provider('https://api.securitycenter.microsoft.com/.default').getToken();
  });
  afterAll(() => sb?.stop());

  const post = async (path: string, body: unknown, token?: string, method = 'POST', headers: Record<string, string> = {}) => {
    const res = await fetch(`${sb.graphBaseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
  };
  const check = (userId: string) => `/v1.0/users/${userId}/checkMemberGroups`;

  it('when Alex is checked against all demo groups, then only the responder group comes back, in Graph\'s collection shape', async () => {
    const reply = await post(check(DEMO_USERS.alex.aadObjectId), { groupIds: ALL_GROUPS }, graphToken);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ '@odata.context': `${sb.graphBaseUrl}/v1.0/$metadata#Collection(Edm.String)`, value: [DEMO_GROUPS.responder] });
    expect(reply.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when Diego is checked, then the collection is empty', async () => {
    expect((await post(check(DEMO_USERS.diego.aadObjectId), { groupIds: ALL_GROUPS }, graphToken)).json.value).toEqual([]);
  });

  it('when no token is sent, then 401 InvalidAuthenticationToken in Graph\'s error shape, echoing client-request-id', async () => {
    const reply = await post(check(DEMO_USERS.alex.aadObjectId), { groupIds: ALL_GROUPS }, undefined, 'POST', { 'client-request-id': 'corr-9' });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual(GRAPH_ERROR);
    expect(reply.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: { 'client-request-id': 'corr-9' } });
  });

  it('when an MDE token or a made-up one is sent, then 401 InvalidAuthenticationToken', async () => {
    for (const token of [mdeToken, 'sbx.made-up']) {
      const reply = await post(check(DEMO_USERS.alex.aadObjectId), { groupIds: ALL_GROUPS }, token);
      expect(reply.status).toBe(401);
      expect(reply.json.error).toMatchObject({ code: 'InvalidAuthenticationToken' });
    }
  });

  it('when the user does not exist, then 404 Request_ResourceNotFound', async () => {
    const reply = await post(check('0badf00d-0000-4000-8000-000000000000'), { groupIds: ALL_GROUPS }, graphToken);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual(GRAPH_ERROR);
    expect(reply.json.error).toMatchObject({ code: 'Request_ResourceNotFound' });
  });

  it('when more than 20 group ids are sent, or no list at all, or not JSON, then 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const cases = [{ groupIds: many }, { groups: ALL_GROUPS }, { groupIds: ['not-a-guid'] }, '{"groupIds": ['];
    for (const body of cases) {
      const reply = await post(check(DEMO_USERS.alex.aadObjectId), body, graphToken);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(GRAPH_ERROR);
    }
  });

  it('when the method or the path is one Graph has but the sandbox does not serve, then 405 or 400 with Graph\'s messages', async () => {
    expect((await post(check(DEMO_USERS.alex.aadObjectId), undefined, graphToken, 'GET')).status).toBe(405);
    const me = await post('/v1.0/me', undefined, graphToken, 'GET');
    expect(me.status).toBe(400);
    expect(me.json.error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'me'." });
  });

  it('when a Graph fault is injected, then the next call gets it with Retry-After, and the one after is normal', async () => {
    sb.faults.inject({ family: 'graph', type: 'status', status: 429, retryAfterSeconds: 3 });
    const throttled = await post(check(DEMO_USERS.lee.aadObjectId), { groupIds: ALL_GROUPS }, graphToken);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect(throttled.json.error).toMatchObject({ code: 'TooManyRequests' });
    expect((await post(check(DEMO_USERS.lee.aadObjectId), { groupIds: ALL_GROUPS }, graphToken)).json.value).toEqual([DEMO_GROUPS.reader]);
  });

  it('when a group\'s transitive members are listed a page of one at a time, then the nextLinks walk through every user, and an unknown group is 404', async () => {
    const seen: unknown[] = [];
    let next: string | undefined = `${sb.graphBaseUrl}/v1.0/groups/${DEMO_GROUPS.reader}/transitiveMembers?$select=id&$top=1`;
    while (next) {
      const res: Response = await fetch(next, { headers: { authorization: `Bearer ${graphToken}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { value: unknown[]; '@odata.nextLink'?: string };
      seen.push(...body.value);
      next = body['@odata.nextLink'];
    }
    expect(seen).toEqual([{ '@odata.type': '#microsoft.graph.user', id: DEMO_USERS.lee.aadObjectId.toLowerCase() }]);
    const missing = await post('/v1.0/groups/0badf00d-0000-4000-8000-000000000000/transitiveMembers', undefined, graphToken, 'GET');
    expect(missing).toMatchObject({ status: 404, json: GRAPH_ERROR });
  });

  it('when a transitiveMembers listing comes with an MDE token, or without GroupMember.Read.All, then 401 / 403', async () => {
    expect((await post(`/v1.0/groups/${DEMO_GROUPS.approver}/transitiveMembers`, undefined, mdeToken, 'GET')).status).toBe(401);
    const bare = await startSandbox({ appRoles: ['User.Read.All'] });
    try {
      const token = await createMsalTokenProvider({ ...bare.credentials, authorityHost: bare.authorityHost, scope: 'https://graph.microsoft.com/.default', caCertPem: bare.caCertPem }).getToken();
      const res = await fetch(`${bare.graphBaseUrl}/v1.0/groups/${DEMO_GROUPS.approver}/transitiveMembers`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
    } finally {
      await bare.stop();
    }
  });
});
