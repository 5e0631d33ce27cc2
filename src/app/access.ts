import { can, describeRoles, type Capability, type Role } from '../access/roles';
import { isGraphError } from '../access/graph-errors';
import { problemCard } from '../cards/problem-card';
import type { Card } from '../cards/card';
import type { AppDeps } from './deps';
import type { Turn } from './turn';

/** What the person behind this turn may do, resolved now on the server (never from card data). */
export interface Access {
  roles: ReadonlySet<Role>;
  /** No role source is configured, so nobody can be granted a role until an admin sets one. */
  noRoleSource?: boolean;
}

/** The deployment guide's step that creates the role groups (deploy/README.md, "## 2. Roles"). */
export const DEPLOY_GUIDE_ROLES_STEP = 2;

/** Names settings only, never their values: it is shown to anyone who writes to the bot. */
export const NO_ROLE_SOURCE_HINT =
  'Verdict has no role source configured: an admin sets ROLE_GROUPS_READER, ROLE_GROUPS_RESPONDER and ROLE_GROUPS_APPROVER ' +
  `(Entra group ids) or ROLES_FILE; see the deployment guide (deploy/README.md), step ${DEPLOY_GUIDE_ROLES_STEP}.`;

/** How someone without a role gets one: the admin's groups, or first a role source at all. */
export function howToGetARole(access: Access): string {
  return access.noRoleSource ? NO_ROLE_SOURCE_HINT : 'Ask your admin to add you to the Verdict readers group.';
}

export type AccessResult = { ok: true; access: Access } | { ok: false; card: Card };

/**
 * Roles from the turn's Entra object id and tenant, asked afresh for every message and click (the
 * resolver caches briefly). A Graph failure is a card naming the permission, never a guessed role.
 */
export async function resolveAccess(turn: Turn, deps: AppDeps): Promise<AccessResult> {
  try {
    const roles = await deps.roles.rolesOf({ aadObjectId: turn.user.aadObjectId, tenantId: turn.tenantId });
    return { ok: true, access: deps.rolesConfigured === false ? { roles, noRoleSource: true } : { roles } };
  } catch (err) {
    if (!isGraphError(err)) throw err;
    turn.log.warn({ graphError: err.kind, code: err.code, requestId: err.requestId }, 'role lookup failed');
    return { ok: false, card: graphFailureCard(err.kind, err.permissions, err.code, err.requestId, err.status) };
  }
}

function graphFailureCard(kind: string, permissions: readonly string[], code?: string, requestId?: string, status?: number): Card {
  const needed = permissions.length ? permissions.join(' and ') : 'GroupMember.Read.All and User.Read.All';
  const forbidden = kind === 'forbidden' || kind === 'unauthorized';
  return problemCard({
    title: "Verdict couldn't check your role",
    detail: forbidden
      ? `Microsoft Graph refused the group-membership check: the Verdict app lacks the application permissions ${needed}.`
      : `Microsoft Graph did not answer the group-membership check (${kind}).`,
    action: forbidden ? `Ask an admin to grant ${needed} (application, admin consent) to the Verdict app.` : 'Try again in a minute; if it keeps failing, tell your Verdict admin.',
    code,
    correlationId: requestId,
    status,
  });
}

/** The answer to someone whose roles do not allow `capability`. */
export function notAllowedCard(access: Access, capability: Capability): Card {
  if (access.roles.size === 0) {
    return problemCard({
      title: "You don't have a Verdict role",
      detail: 'Verdict answers only people its admin has given a role (reader, responder or approver).',
      action: howToGetARole(access),
    });
  }
  const need: Record<Capability, string> = {
    lookup: 'the reader role',
    'request-containment': 'the responder role',
    'decide-containment': 'the approver role',
    'view-audit': 'the approver role',
    'review-indicators': 'the responder or approver role',
  };
  return problemCard({
    title: "You can't do that in Verdict",
    detail: `Your Verdict roles: ${describeRoles(access.roles)}. This needs ${need[capability]}.`,
    action: access.noRoleSource ? NO_ROLE_SOURCE_HINT : `Ask your admin to add you to the Verdict group for ${need[capability]}.`,
  });
}

export { can, describeRoles };
