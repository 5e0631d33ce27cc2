import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { CHECK_MEMBER_GROUPS_PERMISSIONS, GraphError } from './graph-errors';
import type { GraphCall } from './graph-request';
import { isObjectId, type RoleResolver } from './role-resolver';
import { expandRoles, ROLES, type Role } from './roles';

/** Entra group object ids per role (ROLE_GROUPS_READER / _RESPONDER / _APPROVER). */
export type RoleGroups = Readonly<Record<Role, readonly string[]>>;

/** Graph takes at most 20 group ids per checkMemberGroups call. */
export const MAX_GROUPS_PER_CALL = 20;

const memberGroupsSchema = z.object({ value: z.array(z.string()) });
/** A page of `transitiveMembers`: directory objects of any type (users, groups, devices, …). */
const membersPageSchema = z.object({
  value: z.array(z.object({ '@odata.type': z.string().optional(), id: z.string() }).loose()),
  '@odata.nextLink': z.string().optional(),
});

/** Pages of 999 (Graph's maximum) read per approver group at most: 49,950 members. */
export const MAX_MEMBER_PAGES = 50;

export interface GraphRoleResolverOptions {
  post: GraphCall;
  groups: RoleGroups;
  logger?: Logger;
}

/**
 * Roles from transitive group membership: `POST /v1.0/users/{id}/checkMemberGroups` with the
 * configured groups (in calls of at most 20) and an app-only token. A user Graph does not know
 * (404) has no roles. A 403 is a GraphError naming GroupMember.Read.All + User.Read.All.
 *
 * Approvers are listed with `GET /v1.0/groups/{id}/transitiveMembers?$select=id&$top=999` per
 * approver group (GroupMember.Read.All), users only: no OData cast, which would need advanced
 * query headers. A group Graph does not know (404) adds nobody.
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

  const approverGroups = groupIds.filter((id) => rolesByGroup.get(id)?.includes('approver'));
  const membersOf = async (groupId: string, into: Set<string>): Promise<void> => {
    const operation = 'groups.transitiveMembers';
    let path: string | undefined = `/v1.0/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id&$top=999`;
    for (let page = 0; path; page++) {
      if (page === MAX_MEMBER_PAGES) {
        logger.warn({ groupId, pages: page }, 'approver group too large to list in full: the rest get no approver view (their clicks are still decided)');
        return;
      }
      const reply = await opts.post({ operation, method: 'GET', path, permissions: CHECK_MEMBER_GROUPS_PERMISSIONS });
      if (reply.status === 404) return;
      const parsed = membersPageSchema.safeParse(reply.json);
      if (!parsed.success) throw new GraphError({ kind: 'malformed', operation, status: reply.status, requestId: reply.requestId });
      for (const member of parsed.data.value) {
        if (member['@odata.type'] === '#microsoft.graph.user' && isObjectId(member.id)) into.add(member.id.toLowerCase());
      }
      path = parsed.data['@odata.nextLink'];
    }
  };

  return {
    async approvers() {
      const ids = new Set<string>();
      for (const groupId of approverGroups) await membersOf(groupId, ids);
      return ids;
    },
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
