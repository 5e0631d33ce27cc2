import { createFamilyLimiters, retryAfterSeconds } from '../../src/sandbox/rate-limits';
import { createWindowLimiter } from '../../src/sandbox/window-limiter';

/** A clock the test moves by hand. */
const fakeClock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
};

describe('window limiter', () => {
  it('when calls stay under the limit, then every one is admitted', () => {
    const clock = fakeClock();
    const limiter = createWindowLimiter([{ max: 3, lengthMs: 60_000 }], clock.now);
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(limiter.inWindow(60_000)).toBe(3);
  });

  it('when the window is full, then the call is refused until the oldest call leaves the window', () => {
    const clock = fakeClock();
    const limiter = createWindowLimiter([{ max: 2, lengthMs: 60_000 }], clock.now);
    limiter.tryAcquire();
    clock.advance(10_000);
    limiter.tryAcquire();
    clock.advance(5_000);
    expect(limiter.tryAcquire()).toEqual({ ok: false, retryAfterMs: 45_000 });
    clock.advance(44_999);
    expect(limiter.tryAcquire().ok).toBe(false);
    clock.advance(1);
    expect(limiter.tryAcquire()).toEqual({ ok: true });
  });

  it('when a burst straddles a fixed-window edge, then the sliding window still counts all of it', () => {
    const clock = fakeClock(0);
    const limiter = createWindowLimiter([{ max: 5, lengthMs: 60_000 }], clock.now);
    clock.advance(59_000);
    for (let i = 0; i < 5; i += 1) expect(limiter.tryAcquire().ok).toBe(true);
    // A fixed per-minute counter would reset at 60 s and let five more through.
    clock.advance(2_000);
    expect(limiter.tryAcquire()).toEqual({ ok: false, retryAfterMs: 58_000 });
  });

  it('when refused calls keep coming, then they are not recorded and do not push the wait back', () => {
    const clock = fakeClock();
    const limiter = createWindowLimiter([{ max: 1, lengthMs: 1_000 }], clock.now);
    limiter.tryAcquire();
    for (let i = 0; i < 10; i += 1) {
      clock.advance(50);
      expect(limiter.tryAcquire().ok).toBe(false);
    }
    expect(limiter.inWindow(1_000)).toBe(1);
    clock.advance(500);
    expect(limiter.tryAcquire()).toEqual({ ok: true });
  });

  it('when both the minute and the hour windows are full, then the longer wait is reported', () => {
    const clock = fakeClock();
    const limiter = createWindowLimiter(
      [
        { max: 2, lengthMs: 60_000 },
        { max: 3, lengthMs: 3_600_000 },
      ],
      clock.now,
    );
    limiter.tryAcquire();
    limiter.tryAcquire();
    clock.advance(60_000);
    limiter.tryAcquire();
    clock.advance(60_000);
    // Minute window has room again, but three calls in the hour: wait for the first to age out.
    expect(limiter.tryAcquire()).toEqual({ ok: false, retryAfterMs: 3_600_000 - 120_000 });
  });
});

describe('family limiters', () => {
  it('when one family is exhausted, then other families are unaffected', () => {
    const clock = fakeClock();
    const limiters = createFamilyLimiters({ override: { perMinute: 1 }, timeScale: 1, now: clock.now });
    expect(limiters.admit('files').ok).toBe(true);
    expect(limiters.admit('files').ok).toBe(false);
    expect(limiters.admit('alerts').ok).toBe(true);
  });

  it('when no override is given, then hunting gets its own lower per-minute limit of 45', () => {
    const clock = fakeClock();
    const limiters = createFamilyLimiters({ timeScale: 1, now: clock.now });
    for (let i = 0; i < 45; i += 1) expect(limiters.admit('hunting').ok).toBe(true);
    expect(limiters.admit('hunting').ok).toBe(false);
    for (let i = 0; i < 46; i += 1) expect(limiters.admit('files').ok).toBe(true);
  });

  it('when timeScale is 0.01, then a minute window lasts 600 ms', () => {
    const clock = fakeClock();
    const limiters = createFamilyLimiters({ override: { perMinute: 1 }, timeScale: 0.01, now: clock.now });
    limiters.admit('files');
    expect(limiters.admit('files')).toEqual({ ok: false, retryAfterMs: 600 });
    clock.advance(600);
    expect(limiters.admit('files').ok).toBe(true);
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    [1, 1],
    [600, 1],
    [1_000, 1],
    [1_001, 2],
    [45_000, 45],
  ])('when the wait is %d ms, then Retry-After is %d s', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});
