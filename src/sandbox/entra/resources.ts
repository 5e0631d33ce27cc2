/**
 * Resources the sandbox issues tokens for, keyed by what a client puts before `/.default`.
 * MDE is known by several names (reference §0, §6, §7): they all reach the same API, so they all
 * yield an MDE token. WindowsDefenderATP's app id is accepted too, as Entra accepts app ids.
 */
export const MDE_AUDIENCE = 'https://api.securitycenter.microsoft.com';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

const RESOURCES: ReadonlyMap<string, string> = new Map([
  ['https://api.securitycenter.microsoft.com', MDE_AUDIENCE],
  ['https://securitycenter.onmicrosoft.com/windowsatpservice', MDE_AUDIENCE],
  ['https://api.security.microsoft.com', MDE_AUDIENCE],
  ['fc780465-2017-40d4-a0c5-307022471b92', MDE_AUDIENCE],
  ['https://graph.microsoft.com', GRAPH_AUDIENCE],
]);

/** OIDC scopes msal may add to any request; they name no resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export type ScopeResult =
  | { ok: true; audience: string }
  | { ok: false; reason: 'not-default'; scope: string }
  | { ok: false; reason: 'unknown-resource'; resource: string }
  | { ok: false; reason: 'several-resources'; scope: string };

/** Client credentials need exactly one `<resource>/.default`; Entra compares resources without case. */
export function resolveScope(scope: string): ScopeResult {
  const scopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()));
  if (scopes.length !== 1) return { ok: false, reason: 'several-resources', scope };
  const only = scopes[0] as string;
  if (!only.toLowerCase().endsWith('/.default')) return { ok: false, reason: 'not-default', scope: only };
  const resource = only.slice(0, -'/.default'.length).replace(/\/+$/, '');
  const audience = RESOURCES.get(resource.toLowerCase());
  return audience ? { ok: true, audience } : { ok: false, reason: 'unknown-resource', resource };
}
