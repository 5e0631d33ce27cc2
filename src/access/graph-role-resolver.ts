import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { CHECK_MEMBER_GROUPS_PERMISSIONS, GraphError } from './graph-errors';
import type { GraphPost } from './graph-request';
import { isObjectId, type RoleResolver } from './role-resolver';
import { expandRoles, ROLES, type Role } from './roles';

/** Entra group object ids per role (ROLE_GROUPS_READER / _RESPONDER / _APPROVER). */
export type RoleGroups = Readonly<Record<Role, readonly string[]>>;

/** Graph takes at most 20 group ids per checkMemberGroups call. */
export const MAX_GROUPS_PER_CALL = 20;

const memberGroupsSchema = z.object({ value: z.array(z.string()) });

export interface GraphRoleResolverOptions {
  post: GraphPost;
  groups: RoleGroups;
  logger?: Logger;
}

/**
 * Roles from transitive group membership: `POST /v1.0/users/{id}/checkMemberGroups` with the
 * configured groups (in calls of at most 20) and an app-only token. A user Graph does not know
 * (404) has no roles. A 403 is a GraphError naming GroupMember.Read.All + User.Read.All.
 */
export function createGraphRoleResolver(opts: GraphRoleResolverOptions): RoleResolver {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const rolesByGroup = new Map<string, Role[]>();
  for (const role of ROLES) {
    for (const id of opts.groups[role]) {
      if (!isObjectId(id)) throw new Error(`Graph role resolver: a ${role} group is not an Entra object id (GUID)`);
      const key = id.toLowerCase();
      rolesByGroup.set(key, [...(rolesByGroup.get(key) ?? []), role]);
    }
  }
  const groupIds = [...rolesByGroup.keys()];
  const chunks: string[][] = [];
  for (let i = 0; i < groupIds.length; i += MAX_GROUPS_PER_CALL) chunks.push(groupIds.slice(i, i + MAX_GROUPS_PER_CALL));
  if (chunks.length === 0) logger.warn('no role groups configured: every user will have no role');

  const memberOf = async (userId: string, ids: string[]): Promise<string[] | 'no-such-user'> => {
    const operation = 'users.checkMemberGroups';
    const reply = await opts.post({
      operation,
      path: `/v1.0/users/${encodeURIComponent(userId)}/checkMemberGroups`,
      body: { groupIds: ids },
      permissions: CHECK_MEMBER_GROUPS_PERMISSIONS,
    });
    if (reply.status === 404) return 'no-such-user';
    const parsed = memberGroupsSchema.safeParse(reply.json);
    if (!parsed.success) throw new GraphError({ kind: 'malformed', operation, status: reply.status, requestId: reply.requestId });
    return parsed.data.value;
  };

  return {
    async rolesOf(user) {
      if (!isObjectId(user.aadObjectId)) return new Set<Role>();
      const userId = user.aadObjectId.toLowerCase();
      const roles: Role[] = [];
      // One chunk at a time: almost always a single call, and a 404 on the first ends the lookup.
      for (const ids of chunks) {
        const found = await memberOf(userId, ids);
        if (found === 'no-such-user') {
          logger.debug({ aadObjectId: userId }, 'graph does not know this user');
          return new Set<Role>();
        }
        for (const id of found) roles.push(...(rolesByGroup.get(id.toLowerCase()) ?? []));
      }
      return expandRoles(roles);
    },
  };
}
