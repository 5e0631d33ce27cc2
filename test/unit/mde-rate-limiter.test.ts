import { createMdeRateLimiter, type RateLimiterOptions } from '../../src/mde/rate-limiter';
import { createCallLog } from '../../src/mde/rate-window';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** A clock that only moves when the limiter sleeps (or the test says so). */
function fakeTime() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

function setup(options: RateLimiterOptions = {}) {
  const time = fakeTime();
  const limiter = createMdeRateLimiter({ now: time.now, sleep: time.sleep, ...options });
  /** Acquires, notes when it was admitted, and answers at once. */
  const call = async (family = 'files', label = '') => {
    const release = await limiter.acquire(family);
    const at = time.now();
    release();
    return { label, at };
  };
  return { time, limiter, call };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('call log', () => {
  it('when a window is full of answered calls, then the wait is until the oldest answer is a window old', () => {
    const log = createCallLog([{ max: 2, lengthMs: MINUTE }]);
    log.started();
    log.finished(1_000);
    log.started();
    log.finished(5_000);
    expect(log.waitMs(10_000)).toBe(51_000);
    expect(log.waitMs(61_000)).toBe(0);
  });

  it('when the window is full of calls still running, then only an answer can free a slot (Infinity)', () => {
    const log = createCallLog([{ max: 1, lengthMs: MINUTE }]);
    log.started();
    expect(log.waitMs(HOUR)).toBe(Infinity);
    log.finished(HOUR);
    expect(log.waitMs(HOUR + 1)).toBe(MINUTE - 1);
  });
});

describe('MDE rate limiter', () => {
  it('when calls stay under the limit, then none waits', async () => {
    const { call, time, limiter } = setup({ limits: { perMinute: 3 } });
    expect((await Promise.all([call(), call(), call()])).map((c) => c.at)).toEqual([0, 0, 0]);
    expect(time.slept).toEqual([]);
    expect(limiter.stats().files).toMatchObject({ calls: 3, waited: 0, throttled: 0 });
  });

  it('when more calls come than the minute allows, then they queue and go in order, one window apart', async () => {
    const { call, limiter } = setup({ limits: { perMinute: 1 } });
    const done = await Promise.all(['a', 'b', 'c', 'd'].map((label) => call('files', label)));
    expect(done).toEqual([
      { label: 'a', at: 0 },
      { label: 'b', at: MINUTE },
      { label: 'c', at: 2 * MINUTE },
      { label: 'd', at: 3 * MINUTE },
    ]);
    expect(limiter.stats().files).toMatchObject({ calls: 4, waited: 3, waitedMs: 6 * MINUTE, maxQueued: 3, queued: 0 });
  });

  it('when the minute has room but the hour is spent, then the call waits for the hour window', async () => {
    const { call } = setup({ limits: { perMinute: 2, perHour: 3 } });
    const times = [];
    for (let i = 0; i < 5; i += 1) times.push((await call()).at);
    // two at 0; the third waits for the minute; the fourth for the first call to leave the hour.
    expect(times).toEqual([0, 0, MINUTE, HOUR, HOUR]);
  });

  it('when calls are still running, then their slots stay taken until they answer, whatever the clock says', async () => {
    const { limiter, time } = setup({ limits: { perMinute: 1 } });
    const first = await limiter.acquire('files');
    let admittedAt: number | undefined;
    const second = limiter.acquire('files').then((release) => ((admittedAt = time.now()), release));
    time.advance(2 * HOUR);
    await flush();
    expect(admittedAt).toBeUndefined();
    first();
    (await second)();
    expect(admittedAt).toBe(2 * HOUR + MINUTE);
  });

  it('when families differ, then one being spent does not hold up another; hunting gets 45 a minute', async () => {
    const { call } = setup();
    const hunting = await Promise.all(Array.from({ length: 46 }, () => call('hunting')));
    expect(hunting.filter((c) => c.at === 0)).toHaveLength(45);
    expect(hunting[45]?.at).toBe(MINUTE);
    expect((await call('files')).at).toBe(MINUTE);
  });

  it('when timeScale is 0.01, then a minute lasts 600 ms, as in the sandbox', async () => {
    const { call } = setup({ limits: { perMinute: 1 }, timeScale: 0.01 });
    expect([(await call()).at, (await call()).at]).toEqual([0, 600]);
  });

  it('when a limit is given as undefined, then the published default still applies', async () => {
    const { call } = setup({ limits: { perMinute: 1, perHour: undefined } });
    expect([(await call()).at, (await call()).at]).toEqual([0, MINUTE]);
  });

  it('when familyLimits are given, then they apply to that family on top of the shared limits', async () => {
    const { call } = setup({ limits: { perMinute: 5 }, familyLimits: { alerts: { perMinute: 1 } } });
    expect((await Promise.all([call('alerts'), call('alerts')])).map((c) => c.at)).toEqual([0, MINUTE]);
  });

  it('when MDE sent a 429 anyway, then the family pauses for Retry-After, except for the retry of that call', async () => {
    const { limiter, call, time } = setup();
    limiter.throttled('files', 5_000);
    const retry = await limiter.acquire('files', undefined, { retry: true });
    expect(time.now()).toBe(0);
    retry();
    expect((await call()).at).toBe(5_000);
    expect(limiter.stats().files?.throttled).toBe(1);
  });

  it('when a queued caller aborts, then it is rejected with its reason and the others keep their order', async () => {
    const { limiter, time } = setup({ limits: { perMinute: 1 } });
    const first = await limiter.acquire('files');
    const controller = new AbortController();
    const order: string[] = [];
    const b = limiter.acquire('files', controller.signal).then(() => order.push('b'), (e: unknown) => order.push(`b:${String(e)}`));
    const c = limiter.acquire('files').then((release) => (order.push(`c@${time.now()}`), release()));
    controller.abort('gave up');
    first();
    await Promise.all([b, c]);
    expect(order).toEqual(['b:gave up', `c@${MINUTE}`]);
    expect(limiter.stats().files).toMatchObject({ calls: 2, queued: 0 });
  });

  it('when the signal is already aborted, then acquire rejects without taking a slot', async () => {
    const { limiter } = setup();
    await expect(limiter.acquire('files', AbortSignal.abort('no'))).rejects.toBe('no');
    expect(limiter.stats().files).toBeUndefined();
  });
});
