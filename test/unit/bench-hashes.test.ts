import { distinctHashes, overlappingWorkload, syntheticHash, syntheticHashes } from '../../bench/hashes';
import { hashTypeOf } from '../../src/triage/hashes';

describe('bench synthetic hashes', () => {
  it('when generated twice from one seed, then they are identical; another seed gives others', () => {
    expect(syntheticHashes('s', 20)).toEqual(syntheticHashes('s', 20));
    expect(syntheticHashes('s', 20)).not.toEqual(syntheticHashes('t', 20));
  });

  it('when 1,000 are generated, then all are distinct and half are SHA-1, half SHA-256', () => {
    const hashes = syntheticHashes('advisory', 1000);
    expect(new Set(hashes).size).toBe(1000);
    expect(hashes.filter((h) => hashTypeOf(h) === 'sha1')).toHaveLength(500);
    expect(hashes.filter((h) => hashTypeOf(h) === 'sha256')).toHaveLength(500);
  });

  it('when a SHA-1 is asked for, then it is the first 40 hex digits of the SHA-256 form', () => {
    expect(syntheticHash('x', 'sha256').startsWith(syntheticHash('x', 'sha1'))).toBe(true);
  });
});

describe('bench overlapping workload', () => {
  const workload = overlappingWorkload('users', 50, 20, 0.3, 60);

  it('when built, then each of 50 users has 20 requests, 6 of them from the shared pool', () => {
    expect(workload).toHaveLength(50);
    const counts = new Map<string, number>();
    for (const h of workload.flatMap((w) => w.hashes)) counts.set(h, (counts.get(h) ?? 0) + 1);
    for (const w of workload) {
      expect(w.hashes).toHaveLength(20);
      expect(w.hashes.filter((h) => (counts.get(h) ?? 0) > 1)).toHaveLength(6);
    }
  });

  it('when counted, then 700 own hashes and the 60 pool hashes are distinct', () => {
    expect(distinctHashes(workload)).toBe(760);
  });

  it('when built twice, then it is the same (seeded shuffle)', () => {
    expect(overlappingWorkload('users', 50, 20, 0.3, 60)).toEqual(workload);
  });
});
