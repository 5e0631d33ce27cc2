import type { MdeCloud } from '../config';

/** Where Verdict talks to for one Microsoft cloud: the MDE API, Entra sign-in, and the portal. */
export interface CloudEndpoints {
  /** MDE API base, without a trailing slash; paths such as `/api/files/{id}` are appended. */
  apiBaseUrl: string;
  /** Entra authority host; the authority is `${authorityHost}/${tenantId}`. */
  authorityHost: string;
  /** Client-credentials scope for the MDE API. */
  scope: string;
  /** Defender portal, for deep links on cards. */
  portalUrl: string;
}

/*
 * Base URLs and authorities: shared reference mde-api §7 (learn …/defender-endpoint/gov#api).
 * The US Government token scopes are UNCONFIRMED by the docs; `<api host>/.default` is our best
 * reading, which is why callers can override `scope` (and `authorityHost`) per deployment.
 */
const CLOUDS: Readonly<Record<MdeCloud, Readonly<CloudEndpoints>>> = Object.freeze({
  commercial: {
    apiBaseUrl: 'https://api.security.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    scope: 'https://api.securitycenter.microsoft.com/.default',
    portalUrl: 'https://security.microsoft.com',
  },
  gcc: {
    apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
    authorityHost: 'https://login.microsoftonline.com',
    scope: 'https://api-gcc.securitycenter.microsoft.us/.default', // UNCONFIRMED
    portalUrl: 'https://security.microsoft.com',
  },
  'gcc-high': {
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    scope: 'https://api-gov.securitycenter.microsoft.us/.default', // UNCONFIRMED
    portalUrl: 'https://security.microsoft.us',
  },
  dod: {
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    scope: 'https://api-gov.securitycenter.microsoft.us/.default', // UNCONFIRMED
    portalUrl: 'https://security.apps.mil',
  },
});

/** The endpoints of `cloud`, with any explicitly configured values (e.g. MDE_API_BASE_URL) on top. */
export function cloudEndpoints(cloud: MdeCloud, overrides: Partial<CloudEndpoints> = {}): CloudEndpoints {
  const base = CLOUDS[cloud];
  if (!base) throw new Error(`unknown MDE cloud: ${String(cloud)}`);
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined && v !== ''));
  const merged = { ...base, ...defined } as CloudEndpoints;
  return {
    ...merged,
    apiBaseUrl: merged.apiBaseUrl.replace(/\/+$/, ''),
    authorityHost: merged.authorityHost.replace(/\/+$/, ''),
  };
}
