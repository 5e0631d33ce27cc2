import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';

/* The stand-in managed-identity endpoints refuse what the real ones refuse, and their tokens open MDE. */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const imds = (query: string, headers: Record<string, string> = { Metadata: 'true' }) =>
  fetch(`${sandbox.managedIdentity.imdsHost}/metadata/identity/oauth2/token?${query}`, { headers });
const appService = (query: string, headers: Record<string, string> = { 'X-IDENTITY-HEADER': sandbox.managedIdentity.identityHeader }) =>
  fetch(`${sandbox.managedIdentity.identityEndpoint}?${query}`, { headers });
const MDE = 'resource=https%3A%2F%2Fapi.securitycenter.microsoft.com';

describe('sandbox managed-identity endpoints', () => {
  it('when IMDS is asked without the Metadata header, then 400 and no token', async () => {
    const res = await imds(`api-version=2018-02-01&${MDE}`, {});
    expect(res.status).toBe(400);
    expect(await res.json()).not.toHaveProperty('access_token');
  });

  it('when App Service is asked with a wrong X-IDENTITY-HEADER, then 401', async () => {
    expect((await appService(`api-version=2019-08-01&${MDE}`, { 'X-IDENTITY-HEADER': 'guess' })).status).toBe(401);
  });

  it('when a client id names no identity of the host, then 400 "Identity not found"', async () => {
    const res = await imds(`api-version=2018-02-01&${MDE}&client_id=00000000-0000-0000-0000-000000000000`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/Identity not found/);
  });

  it('when the user-assigned identity asks for MDE, then its token opens the MDE API and not Graph', async () => {
    const res = await imds(`api-version=2018-02-01&${MDE}&client_id=${sandbox.managedIdentity.userAssignedClientId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_on: string; resource: string };
    expect(Number(body.expires_on)).toBeGreaterThan(Date.now() / 1000);
    const auth = { Authorization: `Bearer ${body.access_token}` };
    expect((await fetch(`${sandbox.apiBaseUrl}/api/files/${DEMO_FILES.malware.sha256}`, { headers: auth })).status).toBe(200);
    const graph = await fetch(`${sandbox.graphBaseUrl}/v1.0/users/x/checkMemberGroups`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"groupIds":[]}' });
    expect(graph.status).toBe(401);
  });
});
