import { backoffMs, jitterAbove } from '../../src/http/retry-delay';
import { retryStep, type FailedAttempt } from '../../src/http/retry-step';

const limits = { maxRetries: 3, maxRetryAfterMs: 60_000, random: () => 0.5 };
const step = (f: Partial<FailedAttempt> & Pick<FailedAttempt, 'retry'>) => retryStep({ retries: 0, ...f }, limits);

describe('retryStep', () => {
  it('when a failure may never repeat, then the call stops, carrying any Retry-After', () => {
    expect(step({ retry: 'never' })).toEqual({ type: 'stop', retryAfterMs: undefined });
    expect(step({ retry: 'never', hintedMs: 5_000 })).toEqual({ type: 'stop', retryAfterMs: 5_000 });
  });

  it('when a throttled answer names a Retry-After within the limit, then the wait is never shorter than asked', () => {
    expect(step({ retry: 'throttled', hintedMs: 2_000 })).toEqual({ type: 'wait', waitMs: jitterAbove(2_000, limits.random), askedMs: 2_000 });
    expect(jitterAbove(2_000, limits.random)).toBeGreaterThanOrEqual(2_000);
  });

  it('when a throttled answer asks for longer than the limit, then the call stops at once with that wait', () => {
    expect(step({ retry: 'throttled', hintedMs: 120_000 })).toEqual({ type: 'stop', retryAfterMs: 120_000, askedMs: 120_000 });
  });

  it('when a throttled answer has no Retry-After but names a quota, then the quota wait is asked', () => {
    expect(step({ retry: 'throttled', quotaMs: 30_000 })).toMatchObject({ type: 'wait', askedMs: 30_000 });
    expect(step({ retry: 'throttled', quotaMs: 30_000, hintedMs: 4_000 })).toMatchObject({ type: 'wait', askedMs: 4_000 });
  });

  it('when a throttled answer has neither, then our backoff is what is asked, and carried when retries are spent', () => {
    expect(step({ retry: 'throttled', retries: 2 })).toMatchObject({ type: 'wait', askedMs: backoffMs(2, limits.random) });
    expect(step({ retry: 'throttled', retries: 3 })).toEqual({ type: 'stop', retryAfterMs: backoffMs(3, limits.random), askedMs: backoffMs(3, limits.random) });
  });

  it('when a transient failure has no Retry-After, then it waits the backoff for its retry number', () => {
    expect(step({ retry: 'transient' })).toEqual({ type: 'wait', waitMs: backoffMs(0, limits.random) });
    expect(step({ retry: 'transient', retries: 2 })).toEqual({ type: 'wait', waitMs: backoffMs(2, limits.random) });
  });

  it('when a transient failure names a Retry-After, then it waits at least that long, or stops when it is over the limit', () => {
    expect(step({ retry: 'transient', hintedMs: 3_000 })).toEqual({ type: 'wait', waitMs: jitterAbove(3_000, limits.random) });
    expect(step({ retry: 'transient', hintedMs: 90_000 })).toEqual({ type: 'stop', retryAfterMs: 90_000 });
  });

  it('when the retries are spent, then a transient failure stops', () => {
    expect(step({ retry: 'transient', retries: 3 })).toEqual({ type: 'stop', retryAfterMs: undefined });
  });
});
