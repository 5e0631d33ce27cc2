import { loadConfig } from '../../src/config';
import { serviceUrlPolicy } from '../../src/teams/service-url';
import { isLoopbackHost } from '../../src/util/loopback';

describe('one loopback rule', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['127.255.255.254', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['[::ffff:7f00:2]', true],
    ['128.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:8.8.8.8', false],
    ['127.999.0.1', false],
    ['127.0.0.1.attacker.example', false],
    ['localhost.example', false],
    ['', false],
    [undefined, false],
  ])('when the host is %j, then loopback is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('when the bot has no app id, then config and the connector policy both take 127.0.0.2 as loopback', () => {
    expect(loadConfig({ HOST: '127.0.0.2' }).ok).toBe(true);
    expect(serviceUrlPolicy(false)('http://127.0.0.2:56150/_connector')).toBe(true);
  });

  it('when the bot has an app id, then a connector anywhere in 127.0.0.0/8 is refused', () => {
    expect(serviceUrlPolicy(true)('https://127.0.0.2/_connector')).toBe(false);
  });
});
