import pino, { type Logger } from 'pino';
import { createCachingRoleResolver } from './caching-role-resolver';
import { createFileRoleResolver, createRolesObjectResolver } from './file-role-resolver';
import { createGraphCaller, type GraphRequestOptions } from './graph-request';
import { createGraphRoleResolver, type RoleGroups } from './graph-role-resolver';
import { createTenantGuard, withDefaultRole, type RoleResolver } from './role-resolver';
import type { DefaultRole, Role } from './roles';

/** Where roles come from. */
export type RoleSource =
  | { kind: 'graph'; request: GraphRequestOptions; groups: RoleGroups }
  | { kind: 'file'; path: string }
  /** A roles-file object already in memory, e.g. the sandbox's DEMO_ROLES_FILE. */
  | { kind: 'object'; value: unknown }
  /** Nothing configured: nobody has a role (only `defaultRole` applies). */
  | { kind: 'none' };

export interface RoleResolverWiring {
  source: RoleSource;
  /** The Entra tenant(s) Verdict serves; users from any other tenant have no role. Not empty. */
  allowedTenantIds: readonly string[];
  defaultRole: DefaultRole;
  now: () => number;
  /** Graph answers are cached this long (default 3 minutes). */
  cacheTtlMs?: number;
  logger?: Logger;
}

/**
 * The resolver main wires: tenant guard → default role → (cache →) source. Rejects when a roles
 * file is missing or invalid, with a message naming the file, so start fails.
 */
export async function buildRoleResolver(w: RoleResolverWiring): Promise<RoleResolver> {
  const logger = w.logger ?? pino({ level: 'silent' });
  let source: RoleResolver;
  switch (w.source.kind) {
    case 'graph': {
      const graph = createGraphRoleResolver({ post: createGraphCaller({ logger, ...w.source.request }), groups: w.source.groups, logger });
      source = createCachingRoleResolver(graph, { now: w.now, ttlMs: w.cacheTtlMs });
      break;
    }
    case 'file':
      source = await createFileRoleResolver({ path: w.source.path, now: w.now, logger });
      break;
    case 'object':
      source = createRolesObjectResolver(w.source.value);
      break;
    case 'none':
      logger.warn({ defaultRole: w.defaultRole }, 'no role source configured (ROLES_FILE or ROLE_GROUPS_*)');
      source = { rolesOf: async () => new Set<Role>(), approvers: async () => new Set<string>() };
      break;
  }
  logger.info({ source: w.source.kind, defaultRole: w.defaultRole }, 'roles resolver ready');
  return createTenantGuard(withDefaultRole(source, w.defaultRole), { allowedTenantIds: w.allowedTenantIds });
}
