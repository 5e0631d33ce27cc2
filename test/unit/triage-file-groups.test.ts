import { summariseLookups, type LookupResult } from '../../src/triage/bulk-summary';
import { groupByFile } from '../../src/triage/file-groups';
import type { FoundHash } from '../../src/triage/hashes';
import { FILES, fileFor, hex } from '../support/mde-fixtures';

const h = (value: string, type: FoundHash['type']): FoundHash => ({ value, type });
const M = FILES.malware;

describe('hashes of one file are one entry', () => {
  it('when the SHA-256, SHA-1 and MD5 of one malware file are pasted, then the summary counts Malicious 1, one row with all three', () => {
    const results: LookupResult[] = [
      { hash: h(M.sha256, 'sha256'), outcome: { kind: 'file', file: M } },
      { hash: h(M.sha1, 'sha1'), outcome: { kind: 'file', file: M } },
      // Hunting could not map the MD5, but the file's profile names it.
      { hash: h(M.md5, 'md5'), outcome: { kind: 'md5' } },
    ];
    const summary = summariseLookups(results);
    expect(summary.counts.malicious).toBe(1);
    expect(summary.counts.md5).toBe(0);
    expect(summary.rows).toHaveLength(1);
    expect(summary.rows[0]?.hash.value).toBe(M.sha256);
    expect(summary.rows[0]?.hashes.map((x) => x.type)).toEqual(['sha256', 'sha1', 'md5']);
    expect(summary.rows[0]?.note).toMatch(/same file as the pasted SHA-1 and MD5/);
  });

  it('when the MD5 comes first and the SHA-1 last, then the group is still one, led by the strongest hash, in pasted order', () => {
    const groups = groupByFile([
      { hash: h(M.md5, 'md5'), outcome: { kind: 'md5', unseen: true } },
      { hash: h(hex('other', 'sha256'), 'sha256'), outcome: { kind: 'file', file: null } },
      { hash: h(M.sha1, 'sha1'), outcome: { kind: 'file', file: M } },
    ]);
    expect(groups.map((g) => [g.primary.type, g.hashes.map((x) => x.type)])).toEqual([
      ['sha1', ['md5', 'sha1']],
      ['sha256', ['sha256']],
    ]);
    expect(groups[0]?.ids).toEqual(new Set([M.sha1, M.sha256, M.md5]));
  });

  it('when an MD5 resolved through hunting to a pasted SHA-256, then they are one file', () => {
    const sighting = { sha1: M.sha1, sha256: M.sha256, deviceCount: 1, deviceNames: [], seenIn: [], lastSeen: null };
    const groups = groupByFile([
      { hash: h(M.sha256, 'sha256'), outcome: { kind: 'file', file: M } },
      { hash: h(M.md5, 'md5'), outcome: { kind: 'file', file: M, resolved: { sha: M.sha256, sighting } } },
    ]);
    expect(groups).toHaveLength(1);
  });

  it('when two different files are pasted, or a profile names none of the asked hash, then they stay apart', () => {
    const a = fileFor('a');
    const groups = groupByFile([
      { hash: h(a.sha256 as string, 'sha256'), outcome: { kind: 'file', file: a } },
      { hash: h(M.sha256, 'sha256'), outcome: { kind: 'file', file: M } },
      // A profile of some other file: it says nothing about this hash.
      { hash: h(hex('c', 'sha256'), 'sha256'), outcome: { kind: 'file', file: M } },
    ]);
    expect(groups).toHaveLength(3);
  });

  it('when a hash is "constructor"-like hostile input, then grouping by id uses a Map and is unaffected', () => {
    const groups = groupByFile([{ hash: h('constructor', 'md5'), outcome: { kind: 'md5' } }, { hash: h('__proto__', 'md5'), outcome: { kind: 'md5' } }]);
    expect(groups).toHaveLength(2);
  });
});
