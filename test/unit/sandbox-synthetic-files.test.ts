import { createHash } from 'node:crypto';
import { createCatalogue } from '../../src/sandbox/mde/catalogue';
import { demoCatalogue } from '../../src/sandbox/demo-catalogue';
import { syntheticFile } from '../../src/sandbox/synthetic-files';

/** Deterministic "random" hashes: the benchmark's situation, reproducibly. */
const randomHash = (i: number, algorithm: 'sha1' | 'sha256' = 'sha256') => createHash(algorithm).update(`bench-${i}`).digest('hex');

describe('synthetic files', () => {
  it('when a hash starts with bad0 or 0bad, then MDE "knows" it as malware with a detection name', () => {
    for (const hash of [`bad0${'1'.repeat(36)}`, `0bad${'f'.repeat(60)}`]) {
      expect(syntheticFile(hash)).toMatchObject({ determinationType: 'Malware', determinationValue: expect.stringMatching(/^Trojan:Win32\/Synthetic\./) });
    }
  });

  it('when the same hash is asked twice, then the same file comes back, with both hashes and the asked one in place', () => {
    const sha1 = randomHash(7, 'sha1');
    const file = syntheticFile(sha1);
    expect(syntheticFile(sha1.toUpperCase())).toEqual(file);
    if (file) {
      expect(file.sha1).toBe(sha1);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(file.globalFirstObserved).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    }
  });

  it('when 1,000 random hashes are classified, then the mix is roughly 5 % malware, 5 % PUA, 40 % clean, 25 % unknown, 25 % not found', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1_000; i += 1) {
      const kind = syntheticFile(randomHash(i))?.determinationType ?? 'not found';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts.Malware).toBeGreaterThan(20);
    expect(counts.Malware).toBeLessThan(90);
    expect(counts.Pua).toBeGreaterThan(20);
    expect(counts.Pua).toBeLessThan(90);
    expect(counts.Clean).toBeGreaterThan(330);
    expect(counts.Clean).toBeLessThan(470);
    expect(counts.Unknown).toBeGreaterThan(190);
    expect(counts['not found']).toBeGreaterThan(190);
  });

  it('when a synthetic file was made from its SHA-1, then the catalogue finds it again by the derived SHA-256', () => {
    const catalogue = createCatalogue(demoCatalogue(true));
    const sha1 = `bad0${randomHash(3, 'sha1').slice(4)}`;
    const made = catalogue.file(sha1);
    expect(made).toBeDefined();
    expect(catalogue.file(made?.sha256 ?? '')).toBe(made);
    expect(catalogue.profileAvailability(made?.sha256 ?? '')).toBe('Available');
  });

  it('when synthetic files are off, then an unknown hash is not found and its profile is Missing', () => {
    const catalogue = createCatalogue(demoCatalogue());
    const hash = `bad0${randomHash(3, 'sha1').slice(4)}`;
    expect(catalogue.file(hash)).toBeUndefined();
    expect(catalogue.profileAvailability(hash)).toBe('Missing');
  });
});
