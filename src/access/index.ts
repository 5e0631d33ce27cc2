/** Who may do what: roles resolved on the server from the clicker's Entra object id. */
export { buildRoleResolver, type RoleResolverWiring, type RoleSource } from './build-role-resolver';
export { createCachingRoleResolver, DEFAULT_ROLE_CACHE_TTL_MS, type CachingOptions } from './caching-role-resolver';
export { createFileRoleResolver, createRolesObjectResolver, createStaticRoleResolver, RolesFileError, type FileRoleResolverOptions } from './file-role-resolver';
export { graphEndpoints, type GraphEndpoints } from '../mde/graph-cloud';
export { CHECK_MEMBER_GROUPS_PERMISSIONS, GraphError, isGraphError, type GraphErrorKind } from './graph-errors';
export { createGraphCaller, type GraphCall, type GraphRequestOptions } from './graph-request';
export { createGraphRoleResolver, MAX_GROUPS_PER_CALL, type RoleGroups } from './graph-role-resolver';
export { createTenantGuard, isObjectId, withDefaultRole, type RoleResolver, type UserRef } from './role-resolver';
export { parseRolesFile, readRolesFile, rolesFileSchema, type RolesFile, type RolesTable } from './roles-file';
export { can, capabilitiesOf, CAPABILITIES, describeRoles, expandRoles, isRole, ROLES, type Capability, type DefaultRole, type Role } from './roles';
