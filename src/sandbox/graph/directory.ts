import { DEMO_GROUPS, DEMO_USERS } from '../demo-tenant';

/** The part of Entra's directory the Graph simulator answers from. */
export interface Directory {
  /** Transitive group ids (lower case) of a user, or undefined when there is no such user. */
  groupsOf(userId: string): ReadonlySet<string> | undefined;
}

/** The demo tenant: each demo user in the group of their role; Diego in none. */
export function createDemoDirectory(): Directory {
  const members = new Map<string, ReadonlySet<string>>(
    Object.values(DEMO_USERS).map((u) => [u.aadObjectId.toLowerCase(), new Set(u.role ? [DEMO_GROUPS[u.role].toLowerCase()] : [])]),
  );
  return { groupsOf: (userId) => members.get(userId.toLowerCase()) };
}
