/**
 * Verdict's roles and what each allows. Roles are a set, not a ladder:
 * - `responder` and `approver` each imply `reader` (anyone trusted to act may look things up);
 * - `approver` does NOT imply `responder`: asking for containment and deciding on it are separate
 *   grants, so an on-call approver who should also request needs both groups (or both entries).
 * Four-eyes (no approving one's own request) is the containment policy's job, not the roles'.
 */
export const ROLES = ['reader', 'responder', 'approver'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = ['lookup', 'request-containment', 'decide-containment', 'view-audit', 'review-indicators'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Which roles grant a capability (any one of them suffices). */
const GRANTED_BY: Readonly<Record<Capability, readonly Role[]>> = Object.freeze({
  lookup: ['reader', 'responder', 'approver'],
  'request-containment': ['responder'],
  'decide-containment': ['approver'],
  'view-audit': ['approver'],
  // The tenant's custom indicators (/indicators): those who ask for blocks and those who approve them.
  'review-indicators': ['responder', 'approver'],
});

/** What a user without any grant gets: nothing (`none`, the default) or `reader`. Never more. */
export type DefaultRole = 'none' | 'reader';

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The set with its implications added (responder → reader, approver → reader). */
export function expandRoles(roles: Iterable<Role>): ReadonlySet<Role> {
  const set = new Set<Role>(roles);
  if (set.has('responder') || set.has('approver')) set.add('reader');
  return set;
}

export function can(roles: ReadonlySet<Role>, capability: Capability): boolean {
  return GRANTED_BY[capability].some((role) => roles.has(role));
}

export function capabilitiesOf(roles: ReadonlySet<Role>): Capability[] {
  return CAPABILITIES.filter((capability) => can(roles, capability));
}

/** Most powerful first, for people: "approver, reader", or "no Verdict role". */
export function describeRoles(roles: ReadonlySet<Role>): string {
  const named = [...ROLES].reverse().filter((role) => roles.has(role));
  return named.length ? named.join(', ') : 'no Verdict role';
}
