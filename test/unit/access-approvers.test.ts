import { createCachingRoleResolver } from '../../src/access/caching-role-resolver';
import { createRolesObjectResolver } from '../../src/access/file-role-resolver';
import { isGraphError } from '../../src/access/graph-errors';
import { createGraphCaller } from '../../src/access/graph-request';
import { createGraphRoleResolver, type RoleGroups } from '../../src/access/graph-role-resolver';
import { createTenantGuard, withDefaultRole, type RoleResolver } from '../../src/access/role-resolver';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

/* Who gets the approver view of an approval card: the listing behind Teams' refresh.userIds. */
const BASE = 'https://graph.example';
const TENANT = '8f6e7c3a-0d1b-4c2e-9a57-3b1f2e4d5c6a';
const G = { reader: 'aaaaaaaa-0000-4000-8000-000000000001', responder: 'aaaaaaaa-0000-4000-8000-000000000002', approver: 'aaaaaaaa-0000-4000-8000-000000000003', oncall: 'aaaaaaaa-0000-4000-8000-000000000004' };
const U = (n: number) => `3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d${String(n).padStart(2, '0')}`;
const user = (n: number) => ({ '@odata.type': '#microsoft.graph.user', id: U(n) });
const membersUrl = (group: string) => `${BASE}/v1.0/groups/${group}/transitiveMembers?$select=id&$top=999`;
const page = (url: string, value: unknown[], next?: string): ExpectedCall => ({ method: 'GET', url, headers: { authorization: 'Bearer tok-1' }, reply: { status: 200, body: { value, ...(next ? { '@odata.nextLink': next } : {}) } } });

function graph(calls: ExpectedCall[], groups: RoleGroups = { reader: [G.reader], responder: [G.responder], approver: [G.approver] }) {
  const script = scriptedFetch(calls);
  const post = createGraphCaller({ baseUrl: BASE, tokenProvider: { getToken: async () => 'tok-1' }, fetch: script.fetch, sleep: async () => undefined, random: () => 0, now: () => 0 });
  return { resolver: createGraphRoleResolver({ post, groups }), script };
}

const sorted = async (r: RoleResolver, tenant = TENANT) => [...((await r.approvers?.(tenant)) ?? [])].sort();

describe('listing approvers', () => {
  it('when the approver group has users on two pages and a nested group and a device, then the approvers are the users only', async () => {
    const next = `${BASE}/v1.0/groups/${G.approver}/transitiveMembers?$select=id&$top=999&$skiptoken=X`;
    const g = graph([
      page(membersUrl(G.approver), [user(2), { '@odata.type': '#microsoft.graph.group', id: G.oncall }, { '@odata.type': '#microsoft.graph.device', id: U(90) }], next),
      page(next, [{ ...user(7), id: U(7).toUpperCase() }]),
    ]);
    expect(await sorted(g.resolver)).toEqual([U(2), U(7)]);
    g.script.assertDone();
  });

  it('when two groups grant approver, then both are listed once each and only approver groups are read', async () => {
    const g = graph([page(membersUrl(G.approver), [user(2)]), page(membersUrl(G.oncall), [user(2), user(3)])], { reader: [G.reader], responder: [G.responder], approver: [G.approver, G.oncall] });
    expect(await sorted(g.resolver)).toEqual([U(2), U(3)]);
    g.script.assertDone();
  });

  it('when an approver group no longer exists (404), then it adds nobody', async () => {
    const g = graph([{ method: 'GET', url: membersUrl(G.approver), reply: { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'm' } } } }]);
    expect(await sorted(g.resolver)).toEqual([]);
  });

  it('when a nextLink points at another host, then it is not followed: the token goes only to Graph', async () => {
    const g = graph([page(membersUrl(G.approver), [user(2)], 'https://attacker.example/v1.0/next')]);
    const error = await g.resolver.approvers?.(TENANT).then(() => undefined, (e: unknown) => e);
    expect(isGraphError(error) && error.kind).toBe('malformed');
    expect(g.script.calls).toHaveLength(1);
  });

  it('when Graph refuses the listing (403), then the error names GroupMember.Read.All', async () => {
    const g = graph([{ method: 'GET', url: membersUrl(G.approver), reply: { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'm' } } } }]);
    const error = await g.resolver.approvers?.(TENANT).then(() => undefined, (e: unknown) => e);
    expect(String(error)).toContain('GroupMember.Read.All');
  });

  it('when the roles file lists users, then the approvers are those with the approver role', async () => {
    const file = createRolesObjectResolver({ users: { [U(1)]: ['responder'], [U(2)]: ['approver'], [U(3)]: ['approver', 'responder'], [U(4)]: [] } });
    expect(await sorted(file)).toEqual([U(2), U(3)]);
  });

  it('when the tenant is not served, then nobody is an approver there and the source is not asked', async () => {
    let asked = 0;
    const source: RoleResolver = { rolesOf: async () => new Set(), approvers: async () => (asked++, new Set([U(2)])) };
    const guarded = createTenantGuard(withDefaultRole(source, 'reader'), { allowedTenantIds: [TENANT] });
    expect(await sorted(guarded, 'ffffffff-0000-4000-8000-000000000000')).toEqual([]);
    expect(await sorted(guarded, TENANT.toUpperCase())).toEqual([U(2)]);
    expect(asked).toBe(1);
  });

  it('when a source cannot list approvers, then neither can the wrapped resolver', () => {
    const guarded = createTenantGuard({ rolesOf: async () => new Set() }, { allowedTenantIds: [TENANT] });
    expect(guarded.approvers).toBeUndefined();
  });

  it('when approvers are asked for twice within the TTL, then the source is asked once; a failure is not remembered', async () => {
    let now = 0;
    let calls = 0;
    let fail = true;
    const source: RoleResolver = {
      rolesOf: async () => new Set(),
      approvers: async () => {
        calls++;
        if (fail) throw new Error('graph down');
        return new Set([U(2)]);
      },
    };
    const cached = createCachingRoleResolver(source, { now: () => now, ttlMs: 1000 });
    await expect(cached.approvers?.(TENANT)).rejects.toThrow('graph down');
    fail = false;
    expect(await sorted(cached)).toEqual([U(2)]);
    expect(await sorted(cached)).toEqual([U(2)]);
    expect(calls).toBe(2);
    now = 1001;
    await sorted(cached);
    expect(calls).toBe(3);
  });
});
