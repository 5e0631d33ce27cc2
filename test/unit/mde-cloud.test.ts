import { cloudEndpoints } from '../../src/mde/cloud';

describe('cloudEndpoints', () => {
  it.each([
    ['commercial', 'https://api.security.microsoft.com', 'https://login.microsoftonline.com', 'https://api.securitycenter.microsoft.com/.default', 'https://security.microsoft.com'],
    ['gcc', 'https://api-gcc.securitycenter.microsoft.us', 'https://login.microsoftonline.com', 'https://api-gcc.securitycenter.microsoft.us/.default', 'https://security.microsoft.com'],
    ['gcc-high', 'https://api-gov.securitycenter.microsoft.us', 'https://login.microsoftonline.us', 'https://api-gov.securitycenter.microsoft.us/.default', 'https://security.microsoft.us'],
    ['dod', 'https://api-gov.securitycenter.microsoft.us', 'https://login.microsoftonline.us', 'https://api-gov.securitycenter.microsoft.us/.default', 'https://security.apps.mil'],
  ] as const)('when the cloud is %s, then its API, authority, scope and portal come from the table', (cloud, apiBaseUrl, authorityHost, scope, portalUrl) => {
    expect(cloudEndpoints(cloud)).toEqual({ apiBaseUrl, authorityHost, scope, portalUrl });
  });

  it('when overrides are given, then they replace the defaults, trailing slashes go, and undefined ones are ignored', () => {
    const e = cloudEndpoints('gcc-high', { apiBaseUrl: 'https://eu.api.security.microsoft.com/', scope: 'https://custom/.default', authorityHost: undefined });
    expect(e).toEqual({
      apiBaseUrl: 'https://eu.api.security.microsoft.com',
      authorityHost: 'https://login.microsoftonline.us',
      scope: 'https://custom/.default',
      portalUrl: 'https://security.microsoft.us',
    });
  });

  it('when the result is changed by a caller, then the next call still gets the table values', () => {
    const first = cloudEndpoints('commercial');
    first.apiBaseUrl = 'https://evil.example';
    expect(cloudEndpoints('commercial').apiBaseUrl).toBe('https://api.security.microsoft.com');
  });
});
