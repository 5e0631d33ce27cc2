import type { RoleResolver, UserRef } from './role-resolver';
import type { Role } from './roles';

export interface CachingOptions {
  now: () => number;
  /** How long an answer is reused; default 3 minutes (a revoked role lasts at most this long). */
  ttlMs?: number;
  /** Entries kept at most; the oldest go first. Default 5,000. */
  maxEntries?: number;
}

export const DEFAULT_ROLE_CACHE_TTL_MS = 3 * 60_000;

/**
 * Remembers each user's roles (and each tenant's approver list) for `ttlMs`, so a burst of clicks
 * costs one Graph call; concurrent lookups share one call. Failures are not cached: the next
 * lookup asks again.
 */
export function createCachingRoleResolver(inner: RoleResolver, opts: CachingOptions): RoleResolver {
  const ttlMs = opts.ttlMs ?? DEFAULT_ROLE_CACHE_TTL_MS;
  const maxEntries = opts.maxEntries ?? 5_000;
  const cached = new Map<string, { roles: ReadonlySet<Role>; expiresAt: number }>();
  const inFlight = new Map<string, Promise<ReadonlySet<Role>>>();
  const keyOf = (user: UserRef) => `${user.tenantId?.toLowerCase() ?? ''}/${user.aadObjectId?.toLowerCase() ?? ''}`;

  const remember = (key: string, roles: ReadonlySet<Role>): void => {
    cached.delete(key);
    cached.set(key, { roles, expiresAt: opts.now() + ttlMs });
    for (const oldest of cached.keys()) {
      if (cached.size <= maxEntries) break;
      cached.delete(oldest);
    }
  };

  const approvers = inner.approvers?.bind(inner);
  const listed = new Map<string, { ids: Promise<ReadonlySet<string>>; expiresAt: number }>();
  const approversOf = (tenantId: string): Promise<ReadonlySet<string>> => {
    const hit = listed.get(tenantId);
    if (hit && hit.expiresAt > opts.now()) return hit.ids;
    // Shared while in flight and for ttlMs after; a failure is forgotten at once.
    const ids = (approvers as (tenantId: string) => Promise<ReadonlySet<string>>)(tenantId);
    listed.set(tenantId, { ids, expiresAt: Number.POSITIVE_INFINITY });
    ids.then(
      () => listed.set(tenantId, { ids, expiresAt: opts.now() + ttlMs }),
      () => listed.delete(tenantId),
    );
    return ids;
  };

  return {
    ...(approvers && { approvers: approversOf }),
    rolesOf(user) {
      const key = keyOf(user);
      const hit = cached.get(key);
      if (hit && hit.expiresAt > opts.now()) return Promise.resolve(new Set(hit.roles));
      const pending = inFlight.get(key);
      if (pending) return pending.then((roles) => new Set(roles));
      const lookup = inner
        .rolesOf(user)
        .then((roles) => {
          remember(key, new Set(roles));
          return roles;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, lookup);
      return lookup.then((roles) => new Set(roles));
    },
  };
}
