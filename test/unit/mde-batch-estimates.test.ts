import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { createCallLog } from '../../src/mde/rate-window';
import { batchIsSooner, roundTripEstimate } from '../../src/mde/profile-batcher-policy';

const MINUTE = 60_000;

/** A clock that only moves when the test says so; the limiter's sleeps never return on their own. */
function stillClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms), sleep: () => new Promise<void>(() => undefined) };
}

describe('call log estimate', () => {
  it('when the window has room for the nth call, then it need not wait; past the room, it waits for answered calls to age out', () => {
    const log = createCallLog([{ max: 3, lengthMs: MINUTE }]);
    log.started();
    log.finished(1_000);
    log.started();
    log.finished(2_000);
    expect(log.estimateWaitMs(10_000, 1)).toBe(0);
    expect(log.estimateWaitMs(10_000, 2)).toBe(MINUTE + 1_000 - 10_000);
    expect(log.estimateWaitMs(10_000, 3)).toBe(MINUTE + 2_000 - 10_000);
  });

  it('when slots are held by running calls, then each further round of `max` calls costs one more window, never Infinity', () => {
    const log = createCallLog([{ max: 2, lengthMs: MINUTE }]);
    log.started();
    log.started();
    expect(log.waitMs(0)).toBe(Infinity);
    expect(log.estimateWaitMs(0, 1)).toBe(MINUTE);
    expect(log.estimateWaitMs(0, 2)).toBe(MINUTE);
    expect(log.estimateWaitMs(0, 3)).toBe(2 * MINUTE);
  });
});

describe('rate limiter expected wait', () => {
  it('when a family was never used, then nothing is waited for, unless more calls are on their way than a minute allows', () => {
    const limiter = createMdeRateLimiter({ limits: { perMinute: 2 } });
    expect(limiter.expectedWaitMs('files')).toBe(0);
    expect(limiter.expectedWaitMs('files', { outstanding: 1 })).toBe(0);
    expect(limiter.expectedWaitMs('files', { outstanding: 2 })).toBe(MINUTE);
  });

  it('when the minute is spent and callers queue, then the estimate grows a window per `perMinute` callers ahead', async () => {
    const clock = stillClock();
    const limiter = createMdeRateLimiter({ limits: { perMinute: 2 }, now: clock.now, sleep: clock.sleep });
    (await limiter.acquire('files'))();
    (await limiter.acquire('files'))();
    expect(limiter.expectedWaitMs('files')).toBe(MINUTE);
    void limiter.acquire('files');
    void limiter.acquire('files');
    expect(limiter.stats().files?.queued).toBe(2);
    expect(limiter.expectedWaitMs('files')).toBe(2 * MINUTE);
    clock.advance(30_000);
    expect(limiter.expectedWaitMs('files')).toBe(2 * MINUTE - 30_000);
    expect(limiter.expectedWaitMs('hunting')).toBe(0);
    // Four outstanding callers of which two are queued here: nothing more is on its way.
    expect(limiter.expectedWaitMs('files', { outstanding: 2 })).toBe(2 * MINUTE - 30_000);
  });

  it('when MDE paused the family with a 429, then the estimate is at least the pause', () => {
    const clock = stillClock();
    const limiter = createMdeRateLimiter({ now: clock.now, sleep: clock.sleep });
    limiter.throttled('files', 7_000);
    expect(limiter.expectedWaitMs('files')).toBe(7_000);
  });
});

describe('batch or Files API', () => {
  const costs = { filesWaitMs: 0, huntingWaitMs: 0, huntingRoundTripMs: 4_000, untilFlushMs: 250 };

  it('when the Files API has a free slot, then the lookup goes there', () => {
    expect(batchIsSooner(costs)).toBe(false);
  });

  it('when the Files API wait is shorter than gathering plus a hunting round trip, then still the Files API', () => {
    expect(batchIsSooner({ ...costs, filesWaitMs: 4_200 })).toBe(false);
  });

  it('when the Files API wait is longer than gathering, the hunting slot and a round trip together, then the batch', () => {
    expect(batchIsSooner({ ...costs, filesWaitMs: 4_300 })).toBe(true);
    expect(batchIsSooner({ ...costs, filesWaitMs: 4_300, huntingWaitMs: 1_000 })).toBe(false);
  });
});

describe('hunting round-trip estimate', () => {
  it('when nothing was observed, then it is the initial guess; the first observation replaces it, later ones are averaged in', () => {
    const rtt = roundTripEstimate(5_000, 0.5);
    expect(rtt.current()).toBe(5_000);
    rtt.observe(2_000);
    expect(rtt.current()).toBe(2_000);
    rtt.observe(4_000);
    expect(rtt.current()).toBe(3_000);
    rtt.observe(Number.NaN);
    expect([rtt.current(), rtt.samples]).toEqual([3_000, 2]);
  });
});
