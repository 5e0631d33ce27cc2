/**
 * A look at an inbound bearer token before botbuilder's: only what keeps a forged token from
 * costing the bot anything. botbuilder 4.23 (EmulatorValidation.isTokenFromEmulator) adds an
 * issuer to a process-wide list for every new `tid` claim it sees, before any signature check:
 * unsigned tokens with made-up tenant ids grew it without end (50 requests: 200 entries, 214 KB).
 * Teams' tokens (issuer api.botframework.com) carry no `tid`; an Entra token from the bot's own
 * tenant may (the Emulator with a single-tenant bot). Anything else is refused here.
 *
 * Returns why the token is refused, or undefined to let botbuilder verify it. Nothing here trusts
 * the token: the claims are read unverified, only to refuse.
 */
export function tokenRefusal(authHeader: string, ownTenantId: string): string | undefined {
  if (!authHeader) return undefined; // botbuilder refuses a missing header itself, without parsing
  const [scheme, token, ...rest] = authHeader.split(' ');
  if (scheme !== 'Bearer' || !token || rest.length > 0) return 'not a bearer token';
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a JWT';
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64').toString('utf8'));
  } catch {
    return 'not a JWT';
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return 'not a JWT';
  const tid = (payload as { tid?: unknown }).tid;
  if (tid === undefined || tid === null || tid === '') return undefined;
  if (typeof tid === 'string' && ownTenantId && tid.toLowerCase() === ownTenantId.toLowerCase()) return undefined;
  return 'a token from another tenant';
}
