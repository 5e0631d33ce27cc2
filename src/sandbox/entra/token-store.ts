import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  audience: string;
  roles: readonly string[];
  clientId: string;
  tenantId: string;
  expiresAtMs: number;
}

/** Entra's lifetime for app tokens (reference §0); not scaled by timeScale, which is for windows. */
export const TOKEN_LIFETIME_SECONDS = 3599;

export interface TokenStore {
  issue(grant: Omit<IssuedToken, 'expiresAtMs'>): { accessToken: string; expiresIn: number };
  /** The token's grant, or undefined when unknown or expired. */
  lookup(accessToken: string): IssuedToken | undefined;
}

/**
 * Tokens are opaque random strings the sandbox remembers, not JWTs: nothing in the bot should read
 * a token's claims (MDE does that), and an opaque token keeps anyone from trying.
 */
export function createTokenStore(now: () => number): TokenStore {
  const tokens = new Map<string, IssuedToken>();

  const prune = (t: number): void => {
    for (const [token, grant] of tokens) if (grant.expiresAtMs <= t) tokens.delete(token);
  };

  return {
    issue(grant) {
      const t = now();
      prune(t);
      const accessToken = `sbx.${randomBytes(32).toString('base64url')}`;
      tokens.set(accessToken, { ...grant, roles: [...grant.roles], expiresAtMs: t + TOKEN_LIFETIME_SECONDS * 1000 });
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
    lookup(accessToken) {
      const grant = tokens.get(accessToken);
      if (!grant) return undefined;
      if (grant.expiresAtMs <= now()) {
        tokens.delete(accessToken);
        return undefined;
      }
      return grant;
    },
  };
}
