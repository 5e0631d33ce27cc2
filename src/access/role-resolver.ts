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
  /**
   * Entra object ids (lower case) of everyone with the approver role in `tenantId`: whom an
   * approval card offers Approve and Deny (Teams user-specific views). Only ever a view: every
   * click is still decided by `rolesOf`. Absent when the source cannot list its approvers.
   */
  approvers?(tenantId: string): Promise<ReadonlySet<string>>;
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
  const innerApprovers = inner.approvers?.bind(inner);
  return {
    async rolesOf(user) {
      if (!isObjectId(user.aadObjectId) || !user.tenantId || !allowed.has(user.tenantId.toLowerCase())) return new Set<Role>();
      return inner.rolesOf({ aadObjectId: user.aadObjectId.toLowerCase(), tenantId: user.tenantId.toLowerCase() });
    },
    ...(innerApprovers && {
      approvers: async (tenantId: string) => (allowed.has(tenantId.toLowerCase()) ? innerApprovers(tenantId.toLowerCase()) : new Set<string>()),
    }),
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
    // The default is never approver, so the approvers are the source's.
    ...(inner.approvers && { approvers: inner.approvers.bind(inner) }),
  };
}

/** Object ids whose roles include approver, from a table of expanded roles. */
export function approversIn(table: ReadonlyMap<string, ReadonlySet<Role>>): ReadonlySet<string> {
  return new Set([...table].filter(([, roles]) => roles.has('approver')).map(([id]) => id));
}
