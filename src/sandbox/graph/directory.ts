import { DEMO_GROUPS, DEMO_USERS } from '../demo-tenant';

/** The part of Entra's directory the Graph simulator answers from. */
export interface Directory {
  /** Transitive group ids (lower case) of a user, or undefined when there is no such user. */
  groupsOf(userId: string): ReadonlySet<string> | undefined;
  /** Object ids of a group's (transitive) user members, in a stable order; undefined when there is no such group. */
  usersIn(groupId: string): readonly string[] | undefined;
}

/** The demo tenant: each demo user in the group of their role; Diego in none. */
export function createDemoDirectory(): Directory {
  const members = new Map<string, ReadonlySet<string>>(
    Object.values(DEMO_USERS).map((u) => [u.aadObjectId.toLowerCase(), new Set(u.role ? [DEMO_GROUPS[u.role].toLowerCase()] : [])]),
  );
  const groups = new Set(Object.values(DEMO_GROUPS).map((g) => g.toLowerCase()));
  return {
    groupsOf: (userId) => members.get(userId.toLowerCase()),
    usersIn: (groupId) => {
      const id = groupId.toLowerCase();
      if (!groups.has(id)) return undefined;
      return [...members].filter(([, of]) => of.has(id)).map(([user]) => user).sort();
    },
  };
}
