import { percentile, seededRandom, summarise } from '../../bench/stats';

describe('bench percentile', () => {
  it.each([
    [[5], 50, 5],
    [[5], 99, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 50, 2],
    [[1, 2, 3, 4], 75, 3],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 0, 1],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 1000 }, (_, i) => i + 1), 99, 990],
  ])('when samples are %j and p is %d, then the nearest rank is %d', (samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('when there are no samples, then it is NaN', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('when p is outside 0–100, then it throws', () => {
    expect(() => percentile([1], 101)).toThrow(/0–100/);
  });

  it('when summarising, then count, p50, p99, max and mean agree and the input is not reordered', () => {
    const samples = [3, 1, 2, 10];
    expect(summarise(samples)).toEqual({ count: 4, p50: 2, p99: 10, max: 10, mean: 4 });
    expect(samples).toEqual([3, 1, 2, 10]);
  });
});

describe('bench seededRandom', () => {
  it('when seeded alike, then it repeats; when seeded differently, then it differs; always in [0, 1)', () => {
    const a = Array.from({ length: 50 }, seededRandom(7));
    const b = Array.from({ length: 50 }, seededRandom(7));
    const c = Array.from({ length: 50 }, seededRandom(8));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
