import { constants, createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { ownValue } from '../../own-value';

export interface RegisteredCertificate {
  /** base64url of the SHA-1 / SHA-256 of the DER certificate: what `x5t` / `x5t#S256` carry. */
  x5t: string;
  x5tS256: string;
  publicKey: KeyObject;
  validToMs: number;
}

/** Takes PEM text (a certificate alone, or bundled with its key) and returns every certificate in it. */
export function parseCertificates(pems: readonly string[]): RegisteredCertificate[] {
  return pems.flatMap((pem, index) => {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (!blocks) throw new Error(`clientCertificates[${index}] holds no PEM certificate`);
    return blocks.map((block) => {
      const cert = new X509Certificate(block);
      return {
        x5t: createHash('sha1').update(cert.raw).digest('base64url'),
        x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
        publicKey: cert.publicKey,
        validToMs: Date.parse(cert.validTo),
      };
    });
  });
}

export type AssertionCheck = { ok: true } | { ok: false; status: number; error: string; aadsts: number; message: string };

export interface AssertionContext {
  clientId: string;
  /** Accepted `aud` values: the token endpoint (what msal-node sends) and the issuer. */
  audiences: readonly string[];
  certificates: readonly RegisteredCertificate[];
  nowMs: number;
}

/**
 * msal-node 7 signs with PS256 and names the key by `x5t#S256` (fromCertificateWithSha256Thumbprint)
 * or, on the deprecated path, with RS256 and `x5t`; Entra accepts only these two algorithms.
 */
const ALGORITHMS: Readonly<Record<string, { padding: number; saltLength?: number }>> = {
  RS256: { padding: constants.RSA_PKCS1_PADDING },
  PS256: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
};

/** Entra's tolerance for clock skew between the client and itself. */
const SKEW_MS = 5 * 60_000;

const fail = (status: number, error: string, aadsts: number, message: string): AssertionCheck => ({ ok: false, status, error, aadsts, message });

function decodeJson(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// The AADSTS numbers below are the ones Entra uses for these failures as far as its public error
// reference shows; 700027 also covers the claim checks, for which Entra's exact code is not documented.
export function verifyClientAssertion(assertion: string, ctx: AssertionContext): AssertionCheck {
  const parts = assertion.split('.');
  const header = decodeJson(parts[0]);
  const payload = decodeJson(parts[1]);
  if (parts.length !== 3 || !header || !payload) return fail(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');

  const alg = typeof header.alg === 'string' ? ownValue(ALGORITHMS, header.alg) : undefined;
  if (!alg) return fail(401, 'invalid_client', 700027, `Client assertion uses an unsupported algorithm '${String(header.alg)}'; use PS256 or RS256.`);

  const byS256 = typeof header['x5t#S256'] === 'string' ? ctx.certificates.find((c) => c.x5tS256 === header['x5t#S256']) : undefined;
  const bySha1 = typeof header.x5t === 'string' ? ctx.certificates.find((c) => c.x5t === header.x5t) : undefined;
  const cert = byS256 ?? bySha1;
  if (!cert) {
    const used = String(header['x5t#S256'] ?? header.x5t ?? '(none)');
    return fail(401, 'invalid_client', 700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${used}', Configured keys are for app Id '${ctx.clientId}'.]`);
  }
  if (cert.validToMs < ctx.nowMs) return fail(401, 'invalid_client', 700027, 'Client assertion contains an invalid signature. [Reason - The key used is expired.]');

  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2] ?? '', 'base64url');
  const good = verify('sha256', signed, { key: cert.publicKey, padding: alg.padding, saltLength: alg.saltLength }, signature);
  if (!good) return fail(401, 'invalid_client', 7000274, 'Key was found, but use of the key to verify the signature failed.');

  const { iss, sub, aud, exp, nbf } = payload;
  if (iss !== ctx.clientId || sub !== ctx.clientId) {
    return fail(401, 'invalid_client', 700027, `Client assertion 'iss' and 'sub' must both be the client id '${ctx.clientId}'.`);
  }
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase());
  if (!audiences.some((a) => ctx.audiences.some((accepted) => accepted.toLowerCase() === a))) {
    return fail(401, 'invalid_client', 700027, `Client assertion audience '${audiences.join(', ')}' is not the token endpoint '${ctx.audiences[0] ?? ''}'.`);
  }
  const expMs = typeof exp === 'number' ? exp * 1000 : NaN;
  const nbfMs = typeof nbf === 'number' ? nbf * 1000 : undefined;
  if (!(expMs + SKEW_MS > ctx.nowMs) || (nbfMs !== undefined && nbfMs - SKEW_MS > ctx.nowMs)) {
    return fail(401, 'invalid_client', 700024, `Client assertion is not within its valid time range. Current time: ${new Date(ctx.nowMs).toISOString()}, expiry time of assertion ${Number.isNaN(expMs) ? '(none)' : new Date(expMs).toISOString()}.`);
  }
  return { ok: true };
}
