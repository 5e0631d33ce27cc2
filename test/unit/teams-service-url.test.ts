import { serviceUrlPolicy } from '../../src/teams/service-url';

describe('which connector endpoints Verdict calls (and sends its token to)', () => {
  it.each([
    ['https://smba.trafficmanager.net/emea/', true, true],
    ['https://smba.infra.gcc.teams.microsoft.com/', true, true],
    ['http://smba.trafficmanager.net/emea/', true, false],
    ['https://127.0.0.1:56150/_connector', true, false],
    ['http://localhost:56150/_connector', true, false],
    ['https://user:pw@smba.trafficmanager.net/', true, false],
    ['http://127.0.0.1:56150/_connector', false, true],
    ['http://localhost:56150/_connector', false, true],
    ['http://[::1]:56150/', false, true],
    ['https://attacker.example/', false, false],
    ['http://127.0.0.1.attacker.example/', false, false],
    ['javascript:alert(1)', false, false],
    ['not a url', false, false],
  ])('%s with authentication %s → %s', (url, authenticated, trusted) => {
    expect(serviceUrlPolicy(authenticated)(url)).toBe(trusted);
  });
});
