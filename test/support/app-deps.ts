import type { AppDeps } from '../../src/app/deps';
import type { MdeClient } from '../../src/mde/client';
import { MdeError, type MdeErrorInit } from '../../src/mde/errors';

export const PORTAL = 'https://security.microsoft.com';

/** AppDeps for unit tests: the given client, the commercial portal, any tenant. */
export function appDeps(mde: MdeClient, over: Partial<AppDeps> = {}): AppDeps {
  return { mde, portalUrl: PORTAL, tenants: { allowed: [], requireTenant: false }, ...over };
}

/** An MdeError as the client throws it. */
export const mdeError = (init: Partial<MdeErrorInit> & Pick<MdeErrorInit, 'kind'>): MdeError =>
  new MdeError({ operation: 'files.get', ...init });
