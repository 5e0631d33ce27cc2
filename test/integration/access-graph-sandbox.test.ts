import { buildRoleResolver } from '../../src/access/build-role-resolver';
import { graphEndpoints } from '../../src/mde/graph-cloud';
import { isGraphError } from '../../src/access/graph-errors';
import type { RoleResolver } from '../../src/access/role-resolver';
import { createMsalTokenProvider, type TokenProvider } from '../../src/mde/token-provider';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_GROUPS, DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';

/*
 * The Graph role resolver end to end: the real msal-node client takes a Graph token from the
 * sandbox's Entra over TLS, and checkMemberGroups goes to the sandbox's Graph over loopback HTTP.
 */
jest.setTimeout(30_000);

const GRAPH_SCOPE = graphEndpoints('commercial').scope;
const groups = { reader: [DEMO_GROUPS.reader], responder: [DEMO_GROUPS.responder], approver: [DEMO_GROUPS.approver] };

const tokenProvider = (sb: Sandbox, scope = GRAPH_SCOPE): TokenProvider =>
  createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope, caCertPem: sb.caCertPem });

/** The resolver main wires, with a fetch that counts Graph calls. */
async function resolverFor(sb: Sandbox) {
  const counted = { calls: 0 };
  const fetchCounting: typeof fetch = (input, init) => (counted.calls++, fetch(input, init));
  const resolver = await buildRoleResolver({
    source: { kind: 'graph', request: { baseUrl: sb.graphBaseUrl, tokenProvider: tokenProvider(sb), fetch: fetchCounting, random: () => 0 }, groups },
    allowedTenantIds: [DEMO_TENANT_ID],
    defaultRole: 'none',
    now: Date.now,
  });
  return { resolver, counted };
}

const rolesOf = async (r: RoleResolver, user: { aadObjectId: string }) => [...(await r.rolesOf({ ...user, tenantId: DEMO_TENANT_ID }))].sort();

describe('Graph role resolver against the sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb?.stop());
  afterEach(() => sb.faults.clear());

  it('when each demo user is looked up, then they get exactly their agreed roles', async () => {
    const { resolver } = await resolverFor(sb);
    expect(await rolesOf(resolver, DEMO_USERS.alex)).toEqual(['reader', 'responder']);
    expect(await rolesOf(resolver, DEMO_USERS.megan)).toEqual(['approver', 'reader']);
    expect(await rolesOf(resolver, DEMO_USERS.lee)).toEqual(['reader']);
    expect(await rolesOf(resolver, DEMO_USERS.diego)).toEqual([]);
  });

  it('when a user unknown to the directory is looked up, then Graph answers 404 and they have no roles', async () => {
    const { resolver, counted } = await resolverFor(sb);
    expect(await rolesOf(resolver, { aadObjectId: '0badf00d-0000-4000-8000-000000000000' })).toEqual([]);
    expect(counted.calls).toBe(1);
  });

  it('when one user clicks five times, then Graph is asked once (cache)', async () => {
    const { resolver, counted } = await resolverFor(sb);
    await Promise.all([1, 2, 3].map(() => rolesOf(resolver, DEMO_USERS.megan)));
    await rolesOf(resolver, DEMO_USERS.megan);
    await rolesOf(resolver, DEMO_USERS.megan);
    expect(counted.calls).toBe(1);
  });

  it('when Graph throttles with Retry-After, then the lookup waits that long and succeeds', async () => {
    const { resolver } = await resolverFor(sb);
    sb.faults.inject({ family: 'graph', type: 'status', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    expect(await rolesOf(resolver, DEMO_USERS.alex)).toEqual(['reader', 'responder']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('when a fault names no family, then it is left for MDE and Graph lookups are unaffected', async () => {
    const { resolver } = await resolverFor(sb);
    sb.faults.inject({ type: 'status', status: 500 });
    expect(await rolesOf(resolver, DEMO_USERS.lee)).toEqual(['reader']);
    const pending = (await (await fetch(`${sb.apiBaseUrl}/_sandbox/faults`)).json()) as { pending: unknown[] };
    expect(pending.pending).toHaveLength(1);
  });

  it('when the app lacks the Graph permissions, then the lookup fails as forbidden, naming them', async () => {
    const bare = await startSandbox({ appRoles: ['File.Read.All'] });
    try {
      const { resolver } = await resolverFor(bare);
      const error = await resolver.rolesOf({ aadObjectId: DEMO_USERS.alex.aadObjectId, tenantId: DEMO_TENANT_ID }).then(() => undefined, (e: unknown) => e);
      expect(isGraphError(error) && error).toMatchObject({ kind: 'forbidden', status: 403, code: 'Authorization_RequestDenied', requestId: expect.any(String) });
      expect((error as Error).message).toMatch(/GroupMember\.Read\.All \+ User\.Read\.All/);
    } finally {
      await bare.stop();
    }
  });

  it('when the user is from another tenant, then Graph is never asked', async () => {
    const { resolver, counted } = await resolverFor(sb);
    expect([...(await resolver.rolesOf({ aadObjectId: DEMO_USERS.megan.aadObjectId, tenantId: '11111111-2222-4333-8444-555555555555' }))]).toEqual([]);
    expect(counted.calls).toBe(0);
  });

  it('when the approvers are listed, then Graph names exactly the demo approver (Megan), once per TTL', async () => {
    const { resolver, counted } = await resolverFor(sb);
    expect([...((await resolver.approvers?.(DEMO_TENANT_ID)) ?? [])]).toEqual([DEMO_USERS.megan.aadObjectId.toLowerCase()]);
    await resolver.approvers?.(DEMO_TENANT_ID);
    expect(counted.calls).toBe(1);
  });
});
