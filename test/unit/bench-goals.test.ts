import { atMost, formatGoals, huntingCallsOf, huntingRoundTripMs, mdeCallsOf } from '../../bench/goals';

describe('bench goals', () => {
  it('when hunting is served by either endpoint, then both are counted as hunting calls', () => {
    expect(huntingCallsOf({ files: 100, hunting: 2, 'graph-hunting': 3 })).toBe(5);
    expect(mdeCallsOf({ files: 100, hunting: 2 })).toBe(102);
  });

  it('when the realistic model is read, then one hunting round trip is its slowest answer, 5 s', () => {
    expect(huntingRoundTripMs()).toBe(5_000);
    expect(huntingRoundTripMs({ files: { baseMs: 100 }, 'graph-hunting': { baseMs: 1_000, jitterMs: 500 } })).toBe(1_500);
  });

  it('when a value is over its limit, then the goal fails and says so', () => {
    expect(atMost(3, 2, String)).toEqual({ text: '3 > 2', pass: false });
    expect(atMost(2, 2, String)).toEqual({ text: '2 ≤ 2', pass: true });
  });

  it('when goals are printed, then each row starts with PASS or FAIL', () => {
    const text = formatGoals([
      { scenario: 'a', goal: 'g', measured: 'm', pass: true },
      { scenario: 'b', goal: 'g2', measured: 'm2', pass: false },
    ]);
    expect(text.split('\n').slice(2)).toEqual(['PASS | a        | g    | m', 'FAIL | b        | g2   | m2']);
  });
});
