import { planBulkLookup, DEFAULT_HUNTING_THRESHOLD, HUNTING_BATCH_MAX } from '../../src/triage/bulk';
import { summariseLookups, SUMMARY_CATEGORIES, SUMMARY_RANK, type LookupResult } from '../../src/triage/bulk-summary';
import type { FoundHash } from '../../src/triage/hashes';
import { VERDICT_RANK, type VerdictLevel } from '../../src/triage/verdict';
import { FILES, fileFor, hex } from '../support/mde-fixtures';

const sha256 = (seed: string): FoundHash => ({ value: hex(seed, 'sha256'), type: 'sha256' });
const sha1 = (seed: string): FoundHash => ({ value: hex(seed, 'sha1'), type: 'sha1' });
const md5 = (seed: string): FoundHash => ({ value: hex(seed, 'md5'), type: 'md5' });
const many = (n: number, make = sha256) => Array.from({ length: n }, (_, i) => make(`h${i}`));

describe('planBulkLookup', () => {
  it('when there are at most 20 SHA hashes, then each goes to the Files API and none to hunting', () => {
    const hashes = many(DEFAULT_HUNTING_THRESHOLD);
    const plan = planBulkLookup(hashes);
    expect(plan.huntingBatches).toEqual([]);
    expect(plan.perHash).toEqual(hashes.map((h) => h.value));
  });

  it('when there are 21 SHA hashes, then all go to hunting in one batch', () => {
    const hashes = [...many(11, sha1), ...many(10, sha256)];
    const plan = planBulkLookup(hashes);
    expect(plan.perHash).toEqual([]);
    expect(plan.huntingBatches).toEqual([hashes.map((h) => h.value)]);
  });

  it('when MD5s are mixed in, then they go to neither API and do not count toward the threshold', () => {
    const hashes = [...many(20), ...many(5, md5)];
    const plan = planBulkLookup(hashes);
    expect(plan.md5).toEqual(hashes.slice(20).map((h) => h.value));
    expect(plan.perHash).toHaveLength(20);
    expect(plan.huntingBatches).toEqual([]);
  });

  it('when there are more hashes than one FileProfile() call takes, then batches hold at most 1,000', () => {
    const plan = planBulkLookup(many(2_345), { huntingBatch: 5_000 });
    expect(plan.huntingBatches.map((b) => b.length)).toEqual([HUNTING_BATCH_MAX, HUNTING_BATCH_MAX, 345]);
  });

  it('when the threshold is lowered and a hash repeats in another case, then the plan follows it and dedupes', () => {
    const one = sha1('x');
    const plan = planBulkLookup([one, { ...one, value: one.value.toUpperCase() }, sha1('y'), sha1('z')], { huntingThreshold: 2 });
    expect(plan.huntingBatches).toEqual([[one.value, hex('y', 'sha1'), hex('z', 'sha1')]]);
  });
});

describe('summariseLookups', () => {
  const results: LookupResult[] = [
    { hash: sha256('clean'), outcome: { kind: 'file', file: FILES.clean } },
    { hash: sha256('gone'), outcome: { kind: 'file', file: null } },
    { hash: md5('m'), outcome: { kind: 'md5' } },
    { hash: md5('never'), outcome: { kind: 'md5', unseen: true } },
    { hash: sha256('pua'), outcome: { kind: 'file', file: FILES.pua } },
    { hash: sha256('err'), outcome: { kind: 'failed', reason: 'Defender is rate-limiting Verdict' } },
    { hash: sha256('mal1'), outcome: { kind: 'file', file: FILES.malware } },
    { hash: sha256('unk'), outcome: { kind: 'file', file: FILES.unknown } },
    { hash: sha256('mal2'), outcome: { kind: 'file', file: fileFor('mal2', { determinationType: 'Malware', determinationValue: 'Trojan:Win32/Wacatac' }) } },
  ];

  it('when results are mixed, then rows go most dangerous first and keep paste order within a verdict', () => {
    const { rows } = summariseLookups(results);
    expect(rows.map((r) => r.category)).toEqual(['malicious', 'malicious', 'suspicious', 'failed', 'unknown', 'md5', 'clean', 'md5-unseen', 'not-found']);
    expect(rows.slice(0, 2).map((r) => r.hash.value)).toEqual([hex('mal1', 'sha256'), hex('mal2', 'sha256')]);
  });

  it('when results are mixed, then every category is counted and the counts add up', () => {
    const { counts } = summariseLookups(results);
    expect(counts).toEqual({ malicious: 2, suspicious: 1, failed: 1, unknown: 1, md5: 1, clean: 1, 'md5-unseen': 1, 'not-found': 1 });
  });

  it('when rows are built, then they carry the threat name, or why there is no verdict', () => {
    const rows = summariseLookups(results).rows;
    expect(rows.filter((r) => r.category === 'malicious').map((r) => r.note)).toEqual(['Virus:DOS/EICAR_Test_File', 'Trojan:Win32/Wacatac']);
    const notes = Object.fromEntries(rows.map((r) => [r.category, r.note]));
    expect(notes.suspicious).toBe('PUA:Win32/FusionCore');
    expect(notes.failed).toBe('lookup failed: Defender is rate-limiting Verdict');
    expect(notes.md5).toBe('not resolved: see Details for a hunting query');
    expect(notes['md5-unseen']).toBe('no device in your org saw this MD5 in the last 30 days');
    expect(notes['not-found']).toMatch(/no record/);
  });

  it('when an MD5 resolved to a file, then its row has that file\'s verdict and says which SHA-256 and on how many devices', () => {
    const sighting = { sha1: FILES.malware.sha1, sha256: FILES.malware.sha256, deviceCount: 3, deviceNames: [], seenIn: [], lastSeen: null };
    const [row] = summariseLookups([{ hash: md5('r'), outcome: { kind: 'file', file: FILES.malware, resolved: { sha: FILES.malware.sha256 as string, sighting } } }]).rows;
    expect(row).toMatchObject({ category: 'malicious', note: `MD5 of ${(FILES.malware.sha256 as string).slice(0, 12)}…, on 3 devices; Virus:DOS/EICAR_Test_File` });
  });

  it('when a file comes from hunting with only a threat name, then the verdict still follows it', () => {
    const fromHunting = fileFor('h', { determinationType: null, threatName: 'Ransom:Win32/LockBit.A' });
    const [row] = summariseLookups([{ hash: sha256('h'), outcome: { kind: 'file', file: fromHunting } }]).rows;
    expect(row?.category).toBe('malicious');
  });

  it('when summary categories are ranked, then the verdict levels keep VERDICT_RANK order', () => {
    const levels = SUMMARY_CATEGORIES.filter((c): c is VerdictLevel => c in VERDICT_RANK);
    expect(levels).toEqual((Object.keys(VERDICT_RANK) as VerdictLevel[]).sort((a, b) => VERDICT_RANK[a] - VERDICT_RANK[b]));
    expect(SUMMARY_RANK.failed).toBeLessThan(SUMMARY_RANK.unknown);
    expect(SUMMARY_RANK.failed).toBeGreaterThan(SUMMARY_RANK.suspicious);
  });
});
