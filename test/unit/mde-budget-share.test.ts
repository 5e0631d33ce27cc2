import { MDE_API_LIMITS } from '../../src/mde/api-families';
import { budgetShare, unevenFamilies } from '../../src/mde/budget-share';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';

describe('budgetShare', () => {
  it.each([1, 2, 3, 7])('when %i instances share the app, then together they stay within every family\'s published limits', (n) => {
    const share = budgetShare(n);
    const uneven = new Set<string>(unevenFamilies(n));
    for (const [family, limits] of Object.entries(MDE_API_LIMITS)) {
      const mine = share[family as keyof typeof share];
      if (uneven.has(family)) {
        // Fewer calls a minute than instances: one each (a 429 is waited out); the hour still splits.
        expect(mine.perMinute).toBe(1);
        expect(mine.perHour * n).toBeLessThanOrEqual(limits.perHour);
        continue;
      }
      expect(mine.perMinute * n).toBeLessThanOrEqual(limits.perMinute);
      expect(mine.perHour * n).toBeLessThanOrEqual(limits.perHour);
      expect(mine.perMinute).toBeGreaterThanOrEqual(Math.floor(limits.perMinute / n));
    }
  });

  it('when more instances than a family allows calls a minute, then that family is named as uneven and no other is', () => {
    expect(unevenFamilies(1)).toEqual([]);
    expect(unevenFamilies(3)).toEqual(Object.entries(MDE_API_LIMITS).filter(([, l]) => l.perMinute < 3).map(([f]) => f));
    expect(unevenFamilies(3)).toContain('machineactions-package');
  });

  it('when three instances share the app, then a limiter given the share admits 33 file calls a minute and queues the 34th', async () => {
    let t = 0;
    const share = budgetShare(3);
    const limiter = createMdeRateLimiter({ limits: share.files, familyLimits: share, now: () => t, sleep: () => new Promise(() => undefined) });
    for (let i = 0; i < 33; i++) (await limiter.acquire('files'))();
    let admitted = false;
    void limiter.acquire('files').then(() => (admitted = true));
    await Promise.resolve();
    expect(admitted).toBe(false);
    expect(limiter.expectedWaitMs('files')).toBeGreaterThan(0);
    t = 1;
    expect(limiter.stats().files).toMatchObject({ calls: 33, queued: 1 });
  });
});
