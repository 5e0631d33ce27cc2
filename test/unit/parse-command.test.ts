import { parseCommand } from '../../src/app/parse-command';
import { tenantAllowed } from '../../src/app/deps';

describe('parseCommand', () => {
  it.each([
    ['/hash abc', { name: 'hash', args: 'abc' }],
    ['hash abc', { name: 'hash', args: 'abc' }],
    ['/HASH   a b\nc', { name: 'hash', args: 'a b\nc' }],
    ['  /help  ', { name: 'help', args: '' }],
    ['/alertfiles da637472900382838869_1364969609', { name: 'alertfiles', args: 'da637472900382838869_1364969609' }],
    ['/hashes x', { name: 'hashes', args: 'x' }],
  ])('when the text is %j, then it parses to %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['', '   ', '275a021b…', '**bold**', '// comment'])('when the text is %j, then there is no command', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});

describe('tenantAllowed', () => {
  const tenant = '8f6e7c3a-0d1b-4c2e-9a57-3b1f2e4d5c6a';
  it.each([
    [{ allowed: [tenant], requireTenant: true }, tenant.toUpperCase(), true],
    [{ allowed: [tenant], requireTenant: true }, 'other', false],
    [{ allowed: [tenant], requireTenant: true }, undefined, false],
    [{ allowed: [tenant], requireTenant: false }, undefined, true],
    [{ allowed: [], requireTenant: false }, 'any', true],
  ])('when the policy is %j and the tenant %s, then allowed is %s', (policy, id, expected) => {
    expect(tenantAllowed(policy, id)).toBe(expected);
  });
});
