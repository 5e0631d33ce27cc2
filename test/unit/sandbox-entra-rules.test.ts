import { constants, createHash, sign, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { parseCertificates, verifyClientAssertion, type RegisteredCertificate } from '../../src/sandbox/entra/client-assertion';
import { GRAPH_AUDIENCE, MDE_AUDIENCE, resolveScope } from '../../src/sandbox/entra/resources';

const CLIENT_ID = 'c2b0d6e4-7a1f-4b38-8e59-6d4c3a2b1f70';
const TOKEN_ENDPOINT = 'https://127.0.0.1:4443/tenant/oauth2/v2.0/token';
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: string): string {
  const data = `${b64(header)}.${b64(payload)}`;
  const key = header.alg === 'PS256' ? { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : privateKey;
  return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

describe('scope resolution', () => {
  it.each([
    ['https://api.securitycenter.microsoft.com/.default', MDE_AUDIENCE],
    ['https://securitycenter.onmicrosoft.com/windowsatpservice/.default', MDE_AUDIENCE],
    ['https://api.security.microsoft.com/.default', MDE_AUDIENCE],
    ['HTTPS://API.SECURITYCENTER.MICROSOFT.COM/.default', MDE_AUDIENCE],
    ['https://graph.microsoft.com/.default openid profile offline_access', GRAPH_AUDIENCE],
  ])('when the scope is %s, then the token audience is %s', (scope, audience) => {
    expect(resolveScope(scope)).toEqual({ ok: true, audience });
  });

  it('when the scope lacks /.default, then it is refused as not a client-credentials scope', () => {
    expect(resolveScope('https://api.securitycenter.microsoft.com/File.Read.All')).toMatchObject({ ok: false, reason: 'not-default' });
  });

  it('when the resource is unknown, then it is refused naming the resource', () => {
    expect(resolveScope('https://vault.azure.net/.default')).toEqual({ ok: false, reason: 'unknown-resource', resource: 'https://vault.azure.net' });
  });

  it('when two resources are asked for at once, then it is refused', () => {
    expect(resolveScope('https://graph.microsoft.com/.default https://api.security.microsoft.com/.default')).toMatchObject({ ok: false, reason: 'several-resources' });
  });
});

describe('client assertion verification', () => {
  let privateKey: string;
  let otherKey: string;
  let certs: RegisteredCertificate[];
  let x5tS256: string;
  let x5t: string;
  const now = Date.now();
  const claims = (over: Record<string, unknown> = {}) => ({ aud: TOKEN_ENDPOINT, iss: CLIENT_ID, sub: CLIENT_ID, exp: Math.floor(now / 1000) + 600, nbf: Math.floor(now / 1000), jti: 'x', ...over });
  const check = (jwt: string) => verifyClientAssertion(jwt, { clientId: CLIENT_ID, audiences: [TOKEN_ENDPOINT], certificates: certs, nowMs: now });

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'verdict-unit' }], { keySize: 2048, algorithm: 'sha256' });
    const other = await generate([{ name: 'commonName', value: 'someone-else' }], { keySize: 2048, algorithm: 'sha256' });
    privateKey = pems.private;
    otherKey = other.private;
    certs = parseCertificates([`${pems.private}\n${pems.cert}`]);
    const der = new X509Certificate(pems.cert).raw;
    x5tS256 = createHash('sha256').update(der).digest('base64url');
    x5t = createHash('sha1').update(der).digest('base64url');
  });

  it('when a bundle of key and certificate is registered, then only the certificate is taken', () => {
    expect(certs).toHaveLength(1);
    expect(certs[0]?.x5tS256).toBe(x5tS256);
  });

  it('when signed PS256 with x5t#S256 (msal-node 7), then it is accepted', () => {
    expect(check(signJwt({ alg: 'PS256', typ: 'JWT', 'x5t#S256': x5tS256 }, claims(), privateKey))).toEqual({ ok: true });
  });

  it('when signed RS256 with a SHA-1 x5t (older clients), then it is accepted', () => {
    expect(check(signJwt({ alg: 'RS256', typ: 'JWT', x5t }, claims(), privateKey))).toEqual({ ok: true });
  });

  it('when signed by another key under the registered thumbprint, then AADSTS7000274 is returned', () => {
    expect(check(signJwt({ alg: 'PS256', 'x5t#S256': x5tS256 }, claims(), otherKey))).toMatchObject({ ok: false, status: 401, error: 'invalid_client', aadsts: 7000274 });
  });

  it('when the thumbprint is not registered, then AADSTS700027 names it', () => {
    const result = check(signJwt({ alg: 'PS256', 'x5t#S256': 'AAAA' }, claims(), privateKey));
    expect(result).toMatchObject({ ok: false, aadsts: 700027 });
    expect(result.ok || result.message).toContain("'AAAA'");
  });

  it.each<[string, Record<string, unknown>, number]>([
    ['the audience is another endpoint', { aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' }, 700027],
    ['iss is not the client id', { iss: 'someone' }, 700027],
    ['sub is not the client id', { sub: 'someone' }, 700027],
    ['it expired an hour ago', { exp: Math.floor(now / 1000) - 3600 }, 700024],
    ['it has no exp', { exp: undefined }, 700024],
    ['it is not valid for another hour', { nbf: Math.floor(now / 1000) + 3600 }, 700024],
  ])('when %s, then it is refused with AADSTS%d', (_label, over, aadsts) => {
    expect(check(signJwt({ alg: 'PS256', 'x5t#S256': x5tS256 }, claims(over), privateKey))).toMatchObject({ ok: false, status: 401, aadsts });
  });

  it('when alg is none, then it is refused without looking at the signature', () => {
    const jwt = `${b64({ alg: 'none', 'x5t#S256': x5tS256 })}.${b64(claims())}.`;
    expect(check(jwt)).toMatchObject({ ok: false, aadsts: 700027 });
  });

  it('when the assertion is not a JWT, then it is refused as malformed', () => {
    expect(check('not-a-jwt')).toMatchObject({ ok: false, status: 400, error: 'invalid_request', aadsts: 50027 });
  });
});
