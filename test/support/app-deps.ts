import type { AppDeps } from '../../src/app/deps';
import type { RoleResolver } from '../../src/access/role-resolver';
import { expandRoles, type Role } from '../../src/access/roles';
import type { MdeClient } from '../../src/mde/client';
import { MdeError, type MdeErrorInit } from '../../src/mde/errors';

export const PORTAL = 'https://security.microsoft.com';

/** A resolver that gives everyone the same roles (unit tests; the real ones are tested in access-*). */
export const everyoneIs = (...roles: Role[]): RoleResolver => ({ rolesOf: async () => expandRoles(roles) });

/** AppDeps for unit tests: the given client, the commercial portal, any tenant, everyone a reader. */
export function appDeps(mde: MdeClient, over: Partial<AppDeps> = {}): AppDeps {
  return { mde, portalUrl: PORTAL, tenants: { allowed: [], requireTenant: false }, roles: everyoneIs('reader'), ...over };
}

/** An MdeError as the client throws it. */
export const mdeError = (init: Partial<MdeErrorInit> & Pick<MdeErrorInit, 'kind'>): MdeError =>
  new MdeError({ operation: 'files.get', ...init });

/** What a command or action receives as its caller's access in unit tests. */
export const READER = { roles: expandRoles(['reader']) };
