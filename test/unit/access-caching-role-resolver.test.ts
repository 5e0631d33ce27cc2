import { createCachingRoleResolver } from '../../src/access/caching-role-resolver';
import type { RoleResolver, UserRef } from '../../src/access/role-resolver';
import type { Role } from '../../src/access/roles';

const ALEX: UserRef = { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', tenantId: 't' };
const LEE: UserRef = { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d03', tenantId: 't' };

/** A source whose answers the test controls, counting calls. */
function source() {
  const s = { calls: 0, roles: ['reader'] as Role[], fail: false, release: Promise.resolve() };
  const resolver: RoleResolver = {
    async rolesOf() {
      s.calls++;
      await s.release;
      if (s.fail) throw new Error('graph down');
      return new Set(s.roles);
    },
  };
  return { s, resolver };
}

describe('caching role resolver', () => {
  let t: number;
  const now = () => t;
  beforeEach(() => {
    t = 0;
  });

  it('when the same user is looked up within the TTL, then the source is asked once; after it, again', async () => {
    const { s, resolver } = source();
    const cached = createCachingRoleResolver(resolver, { now, ttlMs: 60_000 });
    await cached.rolesOf(ALEX);
    t = 59_999;
    s.roles = ['approver'];
    expect([...(await cached.rolesOf(ALEX))]).toEqual(['reader']);
    expect(s.calls).toBe(1);
    t = 60_000;
    expect([...(await cached.rolesOf(ALEX))]).toEqual(['approver']);
    expect(s.calls).toBe(2);
  });

  it('when ten lookups of one user arrive together, then they share one call', async () => {
    const { s, resolver } = source();
    let open!: () => void;
    s.release = new Promise((r) => (open = r));
    const cached = createCachingRoleResolver(resolver, { now });
    const pending = Array.from({ length: 10 }, () => cached.rolesOf(ALEX));
    open();
    expect((await Promise.all(pending)).map((r) => [...r])).toEqual(Array(10).fill(['reader']));
    expect(s.calls).toBe(1);
  });

  it('when a lookup fails, then the failure is not cached and the next lookup asks again', async () => {
    const { s, resolver } = source();
    const cached = createCachingRoleResolver(resolver, { now });
    s.fail = true;
    await expect(cached.rolesOf(ALEX)).rejects.toThrow('graph down');
    s.fail = false;
    expect([...(await cached.rolesOf(ALEX))]).toEqual(['reader']);
    expect(s.calls).toBe(2);
  });

  it('when different users are looked up, then each has their own entry', async () => {
    const { s, resolver } = source();
    const cached = createCachingRoleResolver(resolver, { now });
    await Promise.all([cached.rolesOf(ALEX), cached.rolesOf(LEE), cached.rolesOf(ALEX)]);
    expect(s.calls).toBe(2);
  });

  it('when a caller mutates the set it got, then the cached answer is unaffected', async () => {
    const { resolver } = source();
    const cached = createCachingRoleResolver(resolver, { now });
    (await cached.rolesOf(ALEX) as Set<Role>).add('approver');
    expect([...(await cached.rolesOf(ALEX))]).toEqual(['reader']);
  });

  it('when more users than maxEntries are cached, then the oldest is asked for again', async () => {
    const { s, resolver } = source();
    const cached = createCachingRoleResolver(resolver, { now, maxEntries: 1 });
    await cached.rolesOf(ALEX);
    await cached.rolesOf(LEE);
    await cached.rolesOf(ALEX);
    expect(s.calls).toBe(3);
  });
});
