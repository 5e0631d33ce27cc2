import { huntingCalls, lastCallStartMinutes } from '../../bench/floors';
import { formatFamilies, formatMs, formatScaled, formatTable } from '../../bench/table';

describe('bench table', () => {
  it('when rows share a scenario, then columns line up and the name is shown once', () => {
    const text = formatTable([
      { scenario: 'one', metric: 'wall', value: '1 s', reference: 'r' },
      { scenario: 'one', metric: 'calls', value: '22', reference: '' },
      { scenario: 'two', metric: 'x', value: 'y', reference: 'z' },
    ]);
    expect(text.split('\n')).toEqual([
      'scenario | metric | value | reference',
      '---------+--------+-------+----------',
      'one      | wall   | 1 s   | r',
      '         | calls  | 22    |',
      'two      | x      | y     | z',
    ]);
  });

  it.each([
    [0.5, '0.500 ms'],
    [2.345, '2.35 ms'],
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [252_000, '4.2 min'],
    [Number.NaN, 'n/a'],
  ])('when %d ms is formatted, then it reads %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it('when a scaled time is formatted, then the real-MDE equivalent is scaled / timeScale', () => {
    expect(formatScaled(6_000, 0.05)).toBe('6.0 s (≈ 2.0 min real)');
  });

  it('when families are formatted, then they are sorted and zeros dropped', () => {
    expect(formatFamilies({ hunting: 2, files: 12, alerts: 0 })).toBe('files 12, hunting 2');
    expect(formatFamilies({})).toBe('none');
  });
});

describe('bench floors', () => {
  it.each([
    [0, 0],
    [1, 0],
    [100, 0],
    [101, 1],
    [1000, 9],
    [1500, 14],
    [1501, 60],
    [2000, 60],
  ])('when %d calls go at 100/min and 1,500/h, then the last starts no sooner than %d min', (calls, minutes) => {
    expect(lastCallStartMinutes(calls, { perMinute: 100, perHour: 1500 })).toBe(minutes);
  });

  it('when an advisory has 500 SHA-256 and 1,200 SHA-1, then hunting needs 1 + 2 queries', () => {
    expect(huntingCalls([500, 1200])).toBe(3);
  });
});
