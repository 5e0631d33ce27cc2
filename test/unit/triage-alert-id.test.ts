import { DOCUMENTED_ALERT_ID, parseAlertId } from '../../src/triage/alert-id';

describe('parseAlertId', () => {
  it.each([
    ['da637472900382838869_1364969609', 'da637472900382838869_1364969609'],
    ['636688558380765161_2136280442', '636688558380765161_2136280442'],
    ['  da637472900382838869_1364969609  ', 'da637472900382838869_1364969609'],
    ['`da637472900382838869_-1364969609`', 'da637472900382838869_-1364969609'],
    ['"fa3a8f1c52-6b0e-4d7a"', 'fa3a8f1c52-6b0e-4d7a'],
    ['https://security.microsoft.com/alerts/da637472900382838869_1364969609?tid=abc', 'da637472900382838869_1364969609'],
  ])('when given %j, then the id is %j', (input, id) => {
    expect(parseAlertId(input)).toBe(id);
  });

  it('when the id has a shape MDE never documented but a safe charset, then it is accepted and MDE decides', () => {
    const id = 'ed638123456789012345_98765-ABC';
    expect(DOCUMENTED_ALERT_ID.test(id)).toBe(false);
    expect(parseAlertId(id)).toBe(id);
  });

  it.each([
    ['', 'empty'],
    ['abc', 'too short'],
    ['da637472900382838869_1364969609 da637472900382838870_1', 'two ids'],
    ['../../machines/isolate', 'a path'],
    ['da6374729003_1?x=1', 'a query string'],
    ['da6374729003%2F..', 'a percent escape'],
    ['da637472900382838869_1364969609#frag', 'a fragment'],
    ['x'.repeat(129), 'too long'],
    ['https://security.microsoft.com/alerts/%E0%A4%A', 'a link with a broken escape'],
    ['https://security.microsoft.com/alerts/..%2F..%2Fmachines', 'a link that decodes to a path'],
  ])('when given %j (%s), then it is refused', (input) => {
    expect(parseAlertId(input)).toBeUndefined();
  });
});
