import { cloudEndpoints } from '../../src/mde/cloud';
import { createMsalTokenProvider, msalConfiguration, type MsalTokenProviderOptions } from '../../src/mde/token-provider';

const base: MsalTokenProviderOptions = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: 'app',
  clientSecret: 'secret',
  authorityHost: 'https://login.microsoftonline.com',
  scope: 'https://api.securitycenter.microsoft.com/.default',
};
const cert = { thumbprintSha256: 'ab'.repeat(32), privateKey: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----', x5c: '' };

describe('msalConfiguration', () => {
  it.each(['commercial', 'gcc', 'gcc-high', 'dod'] as const)('when the %s authority is used, then msal keeps its own cloud metadata and default network client', (cloud) => {
    const config = msalConfiguration({ ...base, authorityHost: cloudEndpoints(cloud).authorityHost });
    expect(config.auth.authority).toBe(`${cloudEndpoints(cloud).authorityHost}/${base.tenantId}`);
    expect(config.auth.knownAuthorities).toBeUndefined();
    expect(config.system?.networkClient).toBeUndefined();
  });

  it('when the authority is a loopback host with its own CA, then it is a known authority and a TLS network client trusts the CA', () => {
    const config = msalConfiguration({ ...base, authorityHost: 'https://127.0.0.1:8443/', caCertPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----' });
    expect(config.auth.authority).toBe(`https://127.0.0.1:8443/${base.tenantId}`);
    expect(config.auth.knownAuthorities).toEqual(['127.0.0.1:8443']);
    expect(typeof config.system?.networkClient?.sendPostRequestAsync).toBe('function');
  });

  it('when a certificate is given, then msal gets clientCertificate and no secret', () => {
    const config = msalConfiguration({ ...base, clientSecret: undefined, certificate: cert });
    expect(config.auth.clientCertificate).toBe(cert);
    expect(config.auth.clientSecret).toBeUndefined();
  });

  it('when both a secret and a certificate are given, then the provider refuses to start', () => {
    expect(() => createMsalTokenProvider({ ...base, certificate: cert })).toThrow('exactly one of clientSecret or certificate');
  });
});
