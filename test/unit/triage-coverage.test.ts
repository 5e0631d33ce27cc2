import { assessCoverage, creatorName } from '../../src/triage/coverage';
import type { FileGroup } from '../../src/triage/file-groups';
import { indicatorOf as ind, SAMPLE_NOW as NOW } from '../support/card-samples';
import { FILES } from '../support/mde-fixtures';

const OWN = 'c2b0d6e4-7a1f-4b38-8e59-6d4c3a2b1f70';
const group = (file: typeof FILES.clean): FileGroup => ({ primary: { value: file.sha256, type: 'sha256' }, hashes: [{ value: file.sha256, type: 'sha256' }], outcome: { kind: 'file', file }, ids: new Set([file.sha256, file.sha1, file.md5]) });

describe('coverage rules', () => {
  it.each([
    ['a display name', { createdByDisplayName: 'SecOps Lead', createdBy: 'x@y' }, 'SecOps Lead'],
    ["Verdict's own app id", { createdBy: OWN.toUpperCase() }, 'Verdict'],
    ['a UPN', { createdBy: 'ana@contoso.com' }, 'ana@contoso.com'],
    ['a bare app id with a source', { createdBy: '7d5c1e2a-9b3f-4f7e-8a61-3c2d9e0b4f15', createdBySource: 'TI feed' }, 'TI feed (app 7d5c1e2a…)'],
    ['nothing', {}, 'unknown'],
  ])('when the creator is %s, then it is shown as %j', (_what, over, shown) => {
    expect(creatorName(ind(over), OWN)).toBe(shown);
  });

  it('when an indicator on a file hash has expired, then it neither covers the file nor counts against the quota', () => {
    const expired = ind({ indicatorType: 'FileSha1', indicatorValue: FILES.clean.sha1.toUpperCase(), expirationTime: '2026-12-01T00:00:00Z' });
    const live = ind({ id: '2', indicatorType: 'FileMd5', indicatorValue: FILES.unknown.md5, expirationTime: '2026-12-09T00:00:00Z' });
    const c = assessCoverage({ files: [group(FILES.clean), group(FILES.unknown)], network: [], refused: [], indicators: [expired, live], now: NOW });
    expect(c.rows.map((r) => [r.status, r.indicators.map((i) => i.id)])).toEqual([
      ['not-covered', []],
      ['indicator', ['2']],
    ]);
    expect(c.quota).toEqual({ used: 1, max: 15_000, afterBlocking: 2 });
  });

  it('when a URL\'s host has a domain indicator, or an IPv6 indicator is written uncompressed, then they cover the pasted values', () => {
    const c = assessCoverage({
      files: [],
      network: [
        { type: 'Url', value: 'http://evil.top/a.exe' },
        { type: 'IpAddress', value: '2a03:2880::1' },
      ],
      refused: [],
      indicators: [ind({ indicatorValue: 'EVIL.top' }), ind({ id: '3', indicatorType: 'IpAddress', indicatorValue: '2a03:2880:0:0:0:0:0:1' })],
      now: NOW,
    });
    expect(c.totals).toMatchObject({ indicator: 2, 'not-covered': 0 });
  });

  it('when blocking the uncovered would pass 15,000, then the quota says how far', () => {
    const many = Array.from({ length: 14_999 }, (_, i) => ind({ id: String(i), indicatorValue: `d${i}.top` }));
    const c = assessCoverage({ files: [], network: [{ type: 'DomainName', value: 'a.top' }, { type: 'DomainName', value: 'b.top' }], refused: [], indicators: many, now: NOW });
    expect(c.quota).toEqual({ used: 14_999, max: 15_000, afterBlocking: 15_001 });
  });

  it('when the indicators could not be read, then there is no quota and nothing is "under an indicator"', () => {
    const c = assessCoverage({ files: [group(FILES.malware)], network: [], refused: [], indicators: null, now: NOW });
    expect(c.quota).toBeNull();
    expect(c.totals).toMatchObject({ detected: 1, indicator: 0 });
  });
});
