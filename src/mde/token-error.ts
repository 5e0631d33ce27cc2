import { MdeError, isMdeError } from './errors';

/** msal error codes that mean "could not reach or talk to the authority", not "refused us". */
const NETWORK_CODES = new Set(['network_error', 'endpoints_resolution_error', 'openid_config_error', 'untrusted_authority']);

interface MsalLikeError {
  name?: string;
  errorCode?: string;
  errorMessage?: string;
  errorNo?: string | number;
  status?: number;
  correlationId?: string;
}

/**
 * Turns whatever msal-node threw into an MdeError for operation `token`. The code is the AADSTS
 * number when Entra gave one (e.g. `AADSTS7000215` for a wrong secret), else msal's error code.
 * The message is built from those fields only: never from a request, a secret or a token.
 */
export function tokenError(err: unknown): MdeError {
  if (isMdeError(err)) return err;
  const e = (err ?? {}) as MsalLikeError;
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : undefined;
  const aadsts = aadstsCode(e);
  const status = typeof e.status === 'number' ? e.status : undefined;
  const common = {
    operation: 'token',
    status,
    code: aadsts ?? errorCode,
    target: e.correlationId || undefined,
    // msal's errors carry Entra's description (no secrets); anything else keeps only its name,
    // since its message is unknown text that a log serializer would print as the cause.
    cause: errorCode ? err : new Error(`${err instanceof Error ? err.name : typeof err} from the token provider`),
  } as const;

  if (errorCode && NETWORK_CODES.has(errorCode)) return new MdeError({ kind: 'network', ...common });
  if (status === 429) return new MdeError({ kind: 'throttled', ...common });
  if (status !== undefined && status >= 500) return new MdeError({ kind: 'server', ...common });
  // invalid_client, unauthorized_client, invalid_request (bad tenant), and msal configuration errors.
  return new MdeError({ kind: 'unauthorized', ...common });
}

function aadstsCode(e: MsalLikeError): string | undefined {
  if (e.errorNo !== undefined && /^\d+$/.test(String(e.errorNo))) return `AADSTS${e.errorNo}`;
  const match = typeof e.errorMessage === 'string' ? /AADSTS\d+/.exec(e.errorMessage) : null;
  return match?.[0];
}
