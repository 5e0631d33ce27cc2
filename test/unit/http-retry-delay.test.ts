import { backoffMs, jitterAbove, parseRetryAfter } from '../../src/http/retry-delay';
import { kindForStatus, parseMdeErrorBody } from '../../src/mde/error-body';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['30', 30_000],
    ['0', 0],
    [' 2 ', 2_000],
    ['1.5', 1_500],
    ['Sun, 01 Mar 2026 12:00:10 GMT', 10_000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('when Retry-After is %p, then the wait is %p ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('backoff and jitter', () => {
  it('when retries go on, then the backoff doubles up to the cap and half of it is random', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it('when jitter is added to a Retry-After, then the wait is never shorter than asked and at most 1 s longer', () => {
    expect(jitterAbove(2_000, () => 0)).toBe(2_000);
    expect(jitterAbove(2_000, () => 1)).toBe(2_200);
    expect(jitterAbove(60_000, () => 1)).toBe(61_000);
    expect(jitterAbove(0, () => 1)).toBe(100);
  });
});

describe('parseMdeErrorBody', () => {
  it.each([
    ['MDE shape', '{"error":{"code":"Forbidden","message":"Missing application roles","target":"c-1"}}', { code: 'Forbidden', message: 'Missing application roles', target: 'c-1' }],
    ['top-level code', '{"code":"BadRequest","message":"m"}', { code: 'BadRequest', message: 'm', target: undefined }],
    ['HTML', '<html>502 Bad Gateway</html>', {}],
    ['empty', '', {}],
    ['JSON null', 'null', {}],
    ['wrong types', '{"error":{"code":5,"target":["x"]}}', { code: undefined, message: undefined, target: undefined }],
  ])('when the body is %s, then the details are read leniently', (_label, text, expected) => {
    expect(parseMdeErrorBody(text)).toEqual(expected);
  });

  it('when statuses are mapped, then each gets its kind', () => {
    expect([400, 401, 403, 404, 409, 429, 500, 503].map(kindForStatus)).toEqual([
      'bad-request', 'unauthorized', 'forbidden', 'not-found', 'bad-request', 'throttled', 'server', 'server',
    ]);
  });
});
