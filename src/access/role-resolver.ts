import { expandRoles, type DefaultRole, type Role } from './roles';

/** Who is asking, as the Teams edge saw it (`from.aadObjectId`, `channelData.tenant.id`). */
export interface UserRef {
  aadObjectId?: string;
  tenantId?: string;
}

/**
 * Roles of a user, decided on the server. Deny by default: anyone the source does not know gets
 * the empty set. Rejects only on unexpected failures (Graph down, permission missing, broken roles
 * file), which the turn-level handler turns into an error card; it never guesses a role.
 */
export interface RoleResolver {
  rolesOf(user: UserRef): Promise<ReadonlySet<Role>>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra object ids are GUIDs; anything else is refused before it reaches a URL or a lookup. */
export const isObjectId = (value: unknown): value is string => typeof value === 'string' && GUID.test(value);

/**
 * The outer gate: a user without an Entra object id, or from a tenant not in `allowedTenantIds`
 * (a missing tenant id included), gets no roles and the source is not even asked.
 */
export function createTenantGuard(inner: RoleResolver, opts: { allowedTenantIds: readonly string[] }): RoleResolver {
  const allowed = new Set(opts.allowedTenantIds.map((t) => t.trim().toLowerCase()).filter(Boolean));
  // An empty list would silently deny everyone; that is a wiring mistake worth failing at start.
  if (allowed.size === 0) throw new Error('Role resolver: allowedTenantIds is empty; give the Entra tenant id(s) Verdict serves');
  return {
    async rolesOf(user) {
      if (!isObjectId(user.aadObjectId) || !user.tenantId || !allowed.has(user.tenantId.toLowerCase())) return new Set<Role>();
      return inner.rolesOf({ aadObjectId: user.aadObjectId.toLowerCase(), tenantId: user.tenantId.toLowerCase() });
    },
  };
}

/**
 * `ROLES_DEFAULT=reader`: a known user of an allowed tenant with no grant may still look things
 * up. Only `reader` can be a default; containment authority always comes from an explicit grant.
 */
export function withDefaultRole(inner: RoleResolver, defaultRole: DefaultRole): RoleResolver {
  if (defaultRole === 'none') return inner;
  return {
    async rolesOf(user) {
      const roles = await inner.rolesOf(user);
      return roles.size > 0 ? roles : expandRoles([defaultRole]);
    },
  };
}
