import type { MdeClient } from '../mde/client';

/** Everything the commands and actions need, built once in main.ts and passed in. */
export interface AppDeps {
  mde: MdeClient;
  /** Defender portal base URL for deep links, e.g. https://security.microsoft.com. */
  portalUrl: string;
  /** Which Entra tenants may use this bot. */
  tenants: TenantPolicy;
}

export interface TenantPolicy {
  /** Tenant ids allowed to talk to the bot; empty means any. */
  allowed: readonly string[];
  /** Refuse turns that carry no tenant id at all (on in live mode). */
  requireTenant: boolean;
}

/** True when a turn from `tenantId` may be served under `policy`. */
export function tenantAllowed(policy: TenantPolicy, tenantId: string | undefined): boolean {
  if (!tenantId) return !policy.requireTenant;
  return policy.allowed.length === 0 || policy.allowed.some((t) => t.toLowerCase() === tenantId.toLowerCase());
}
