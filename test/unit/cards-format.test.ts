import { formatBytes, formatCount, formatUtc, formatYesNo } from '../../src/cards/format';

describe('formatBytes', () => {
  it.each<[number | null | undefined, string | undefined]>([
    [0, '0 bytes'],
    [1, '1 byte'],
    [68, '68 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [1_258_291, '1.2 MB'],
    [5 * 1024 ** 3, '5 GB'],
    [3 * 1024 ** 5, '3072 TB'],
    [null, undefined],
    [undefined, undefined],
    [-1, undefined],
    [Number.NaN, undefined],
  ])('when the size is %p, then it reads %p', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each<[number | null | undefined, string | undefined]>([
    [0, '0'],
    [1234567, '1,234,567'],
    [null, undefined],
    [undefined, undefined],
  ])('when the count is %p, then it reads %p', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });
});

describe('formatUtc', () => {
  it.each<[string | null | undefined, string | undefined]>([
    ['2024-05-01T13:37:59Z', '2024-05-01 13:37 UTC'],
    ['2017-09-19T03:51:27.6785431Z', '2017-09-19 03:51 UTC'],
    ['2024-05-01T15:37:00+02:00', '2024-05-01 13:37 UTC'],
    ['not a date', undefined],
    ['', undefined],
    [null, undefined],
  ])('when the timestamp is %p, then it reads %p', (iso, expected) => {
    expect(formatUtc(iso)).toBe(expected);
  });
});

describe('formatYesNo', () => {
  it.each<[boolean | null | undefined, string | undefined]>([
    [true, 'Yes'],
    [false, 'No'],
    [null, undefined],
  ])('when the flag is %p, then it reads %p', (flag, expected) => {
    expect(formatYesNo(flag)).toBe(expected);
  });
});
