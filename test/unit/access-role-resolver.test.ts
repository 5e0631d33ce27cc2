import { createRolesObjectResolver, RolesFileError } from '../../src/access/file-role-resolver';
import { createTenantGuard, withDefaultRole, type RoleResolver, type UserRef } from '../../src/access/role-resolver';
import { parseRolesFile } from '../../src/access/roles-file';
import { DEMO_ROLES_FILE, DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';

const TENANT = DEMO_TENANT_ID;
const sorted = async (r: RoleResolver, user: UserRef) => [...(await r.rolesOf(user))].sort();

/** A source that records who it was asked about. */
function recording(roles: string[] = ['responder', 'reader']) {
  const asked: UserRef[] = [];
  const resolver: RoleResolver = { rolesOf: async (u) => (asked.push(u), new Set(roles as never[])) };
  return { resolver, asked };
}

describe('tenant guard', () => {
  it.each<[string, UserRef]>([
    ['no object id', { tenantId: TENANT }],
    ['an object id that is not a GUID', { aadObjectId: '29:teams-id', tenantId: TENANT }],
    ['no tenant id', { aadObjectId: DEMO_USERS.alex.aadObjectId }],
    ['another tenant', { aadObjectId: DEMO_USERS.alex.aadObjectId, tenantId: '11111111-2222-3333-4444-555555555555' }],
  ])('when the user has %s, then no roles, and the source is never asked', async (_name, user) => {
    const { resolver, asked } = recording();
    expect(await sorted(createTenantGuard(resolver, { allowedTenantIds: [TENANT] }), user)).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('when ids differ only in case, then the user is let through with lower-cased ids', async () => {
    const { resolver, asked } = recording();
    const guard = createTenantGuard(resolver, { allowedTenantIds: [TENANT.toUpperCase()] });
    expect(await sorted(guard, { aadObjectId: DEMO_USERS.alex.aadObjectId.toUpperCase(), tenantId: TENANT })).toEqual(['reader', 'responder']);
    expect(asked).toEqual([{ aadObjectId: DEMO_USERS.alex.aadObjectId, tenantId: TENANT }]);
  });

  it('when no tenant is allowed, then building the guard fails instead of silently denying everyone', () => {
    expect(() => createTenantGuard(recording().resolver, { allowedTenantIds: [' '] })).toThrow(/allowedTenantIds is empty/);
  });
});

describe('default role', () => {
  it('when the default is reader, then a user with no grant gets reader, and one with a grant keeps exactly theirs', async () => {
    const nobody = withDefaultRole({ rolesOf: async () => new Set() }, 'reader');
    expect(await sorted(nobody, { aadObjectId: DEMO_USERS.diego.aadObjectId, tenantId: TENANT })).toEqual(['reader']);
    expect(await sorted(withDefaultRole(recording(['approver', 'reader']).resolver, 'reader'), {})).toEqual(['approver', 'reader']);
  });

  it('when the default is none, then a user with no grant has no roles', async () => {
    expect(await sorted(withDefaultRole({ rolesOf: async () => new Set() }, 'none'), {})).toEqual([]);
  });

  it('when the default is reader behind the tenant guard, then another tenant still gets nothing', async () => {
    const r = createTenantGuard(withDefaultRole({ rolesOf: async () => new Set() }, 'reader'), { allowedTenantIds: [TENANT] });
    expect(await sorted(r, { aadObjectId: DEMO_USERS.diego.aadObjectId, tenantId: '11111111-2222-3333-4444-555555555555' })).toEqual([]);
  });
});

describe('roles file contents', () => {
  it('when the demo roles file is used, then each demo user has their agreed role', async () => {
    const r = createRolesObjectResolver(DEMO_ROLES_FILE);
    expect(await sorted(r, DEMO_USERS.alex)).toEqual(['reader', 'responder']);
    expect(await sorted(r, DEMO_USERS.megan)).toEqual(['approver', 'reader']);
    expect(await sorted(r, DEMO_USERS.lee)).toEqual(['reader']);
    expect(await sorted(r, DEMO_USERS.diego)).toEqual([]);
    expect(await sorted(r, { aadObjectId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
  });

  it.each([
    ['a key that is not a GUID', { users: { alex: ['reader'] } }, /users\.alex: must be an Entra object id/],
    ['an unknown role', { users: { [DEMO_USERS.alex.aadObjectId]: ['admin'] } }, /must be one of: reader, responder, approver/],
    ['a misspelt top-level key', { user: {} }, /roles\.json: .*(user|users)/],
    ['the same id twice in different case', { users: { [DEMO_USERS.alex.aadObjectId]: [], [DEMO_USERS.alex.aadObjectId.toUpperCase()]: [] } }, /listed twice/],
  ])('when the file has %s, then the error names the file and the problem', (_name, value, message) => {
    const result = parseRolesFile(value, '/etc/verdict/roles.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Roles file \/etc\/verdict\/roles\.json: /);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('when a roles object is invalid, then building a resolver from it throws RolesFileError', () => {
    expect(() => createRolesObjectResolver({ users: { x: [] } })).toThrow(RolesFileError);
  });
});
