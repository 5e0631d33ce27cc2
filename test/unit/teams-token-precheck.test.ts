import { tokenRefusal } from '../../src/teams/token-precheck';

const OWN_TENANT = 'f3c1d2e4-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (payload: unknown) => `Bearer ${b64({ alg: 'RS256', kid: 'k' })}.${b64(payload)}.c2ln`;

describe('which bearer tokens reach botbuilder (which then verifies them)', () => {
  it.each([
    ['no header (botbuilder refuses it without parsing)', ''],
    ["a Bot Framework channel token (Teams'; no tid)", bearer({ iss: 'https://api.botframework.com', aud: 'app', serviceurl: 'https://smba.trafficmanager.net/emea/' })],
    ["an Entra token of the bot's own tenant", bearer({ iss: `https://sts.windows.net/${OWN_TENANT}/`, tid: OWN_TENANT })],
    ["the own tenant's id in upper case", bearer({ tid: OWN_TENANT.toUpperCase() })],
    ['an empty tid', bearer({ tid: '' })],
  ])('when %s, then it passes', (_what, header) => {
    expect(tokenRefusal(header, OWN_TENANT)).toBeUndefined();
  });

  it.each([
    ['another tenant', bearer({ tid: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' }), OWN_TENANT],
    ['any tenant for a multi-tenant bot (no tenant configured)', bearer({ tid: OWN_TENANT }), ''],
    ['a tid that is not a string', bearer({ tid: 5 }), OWN_TENANT],
    ['another scheme', 'Basic dmVyZGljdDpzZWNyZXQ=', OWN_TENANT],
    ['a bearer of nothing', 'Bearer ', OWN_TENANT],
    ['extra words', `${bearer({})} extra`, OWN_TENANT],
    ['two parts', 'Bearer abc.def', OWN_TENANT],
    ['a payload that is not JSON', 'Bearer abc.!!!.sig', OWN_TENANT],
    ['a payload that is a list', bearer([{ tid: 'x' }]), OWN_TENANT],
  ])('when %s, then it is refused', (_what, header, ownTenant) => {
    expect(tokenRefusal(header, ownTenant)).toEqual(expect.any(String));
  });
});
