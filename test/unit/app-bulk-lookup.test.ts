import { HUNTING_FORBIDDEN_NOTE, lookUpHashes } from '../../src/app/bulk-lookup';
import type { FoundHash } from '../../src/triage/hashes';
import { appDeps, mdeError } from '../support/app-deps';
import { fakeMdeClient } from '../support/fake-mde-client';
import { FILES, fileFor, hex } from '../support/mde-fixtures';

const sha256 = (seed: string): FoundHash => ({ value: hex(seed, 'sha256'), type: 'sha256' });
const md5 = (seed: string): FoundHash => ({ value: hex(seed, 'md5'), type: 'md5' });
const known = Array.from({ length: 30 }, (_, i) => fileFor(`k${i}`, { determinationType: i % 3 === 0 ? 'Malware' : 'Unknown', determinationValue: i % 3 === 0 ? 'Trojan:Win32/X' : null }));
const knownHashes = known.map((f): FoundHash => ({ value: f.sha256 as string, type: 'sha256' }));

describe('lookUpHashes', () => {
  it('when there are a few hashes, then each is looked up with the Files API and hunting is not used', async () => {
    const mde = fakeMdeClient({ files: [FILES.malware, FILES.clean] });
    const hashes = [{ value: FILES.malware.sha256, type: 'sha256' as const }, { value: FILES.clean.sha1, type: 'sha1' as const }, md5('m')];
    const { results, notes } = await lookUpHashes(hashes, appDeps(mde));
    expect(mde.callsTo('getFile')).toEqual([FILES.malware.sha256, FILES.clean.sha1]);
    expect(mde.callsTo('getFileProfiles')).toEqual([]);
    expect(results.map((r) => r.outcome.kind)).toEqual(['file', 'file', 'md5']);
    expect(notes).toEqual([]);
  });

  it('when there are more than 20 SHA hashes, then one hunting query answers them and no Files API call is made', async () => {
    const mde = fakeMdeClient({ files: known });
    const { results } = await lookUpHashes([...knownHashes, md5('m')], appDeps(mde));
    expect(mde.callsTo('getFileProfiles')).toEqual([knownHashes.map((h) => h.value)]);
    expect(mde.callsTo('getFile')).toEqual([]);
    expect(results.filter((r) => r.outcome.kind === 'file' && r.outcome.file !== null)).toHaveLength(30);
    expect(mde.callsTo('resolveMd5s')).toEqual([[md5('m').value]]);
    expect(results.at(-1)?.outcome).toEqual({ kind: 'md5', unseen: true });
  });

  it('when an MD5 resolves to a file the org saw, then its SHA-256 is looked up with the rest and the MD5 row carries that verdict and where it was seen', async () => {
    const mde = fakeMdeClient({ files: [FILES.malware, FILES.clean] });
    const hashes: FoundHash[] = [{ value: FILES.clean.sha1, type: 'sha1' }, { value: FILES.malware.md5 as string, type: 'md5' }];
    const { results, notes } = await lookUpHashes(hashes, appDeps(mde));
    expect(mde.callsTo('resolveMd5s')).toEqual([[FILES.malware.md5]]);
    expect(mde.callsTo('getFile')).toEqual([FILES.clean.sha1, FILES.malware.sha256]);
    expect(results[1]?.outcome).toMatchObject({ kind: 'file', file: { determinationType: 'Malware' }, resolved: { sha: FILES.malware.sha256, sighting: { deviceCount: 1 } } });
    expect(notes).toEqual([]);
  });

  it('when hunting refuses the MD5 query, then the MD5s stay unresolved, the SHAs are still looked up and the note says why once', async () => {
    const mde = fakeMdeClient({ files: [FILES.clean] }, { resolveMd5s: async () => Promise.reject(mdeError({ kind: 'forbidden', status: 403, operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'] })) });
    const { results, notes } = await lookUpHashes([{ value: FILES.clean.sha1, type: 'sha1' }, md5('a'), md5('b')], appDeps(mde));
    expect(results.map((r) => r.outcome)).toEqual([expect.objectContaining({ kind: 'file' }), { kind: 'md5' }, { kind: 'md5' }]);
    expect(notes).toEqual(["MD5s were not resolved: Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All). Each MD5's Details has a query to run by hand."]);
  });

  it('when Graph hunting is forbidden, then every hash is looked up one by one and the note names ThreatHunting.Read.All, once', async () => {
    const mde = fakeMdeClient({ files: known }, {
      getFileProfiles: async () => {
        throw mdeError({ kind: 'forbidden', status: 403, code: 'Forbidden', operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'] });
      },
    });
    const { results, notes } = await lookUpHashes(knownHashes, appDeps(mde));
    expect(notes).toEqual([HUNTING_FORBIDDEN_NOTE]);
    expect(HUNTING_FORBIDDEN_NOTE).toContain('(ThreatHunting.Read.All)');
    expect(mde.callsTo('getFile')).toHaveLength(30);
    expect(results.every((r) => r.outcome.kind === 'file' && r.outcome.file !== null)).toBe(true);
  });

  it('when the legacy MDE hunting endpoint is forbidden (HUNTING_API=mde), then the note names AdvancedQuery.Read.All', async () => {
    const mde = fakeMdeClient({ files: known }, { getFileProfiles: async () => Promise.reject(mdeError({ kind: 'forbidden', status: 403, code: 'Forbidden', operation: 'hunting.run', permissions: ['AdvancedQuery.Read.All'] })) });
    const { notes } = await lookUpHashes(knownHashes, appDeps(mde));
    expect(notes).toEqual(['Advanced hunting is not permitted for Verdict (AdvancedQuery.Read.All); looked hashes up one by one.']);
  });

  it('when hunting rejects the query, then hashes fall back to the Files API with a note naming the code', async () => {
    const mde = fakeMdeClient({ files: known }, { getFileProfiles: async () => Promise.reject(mdeError({ kind: 'bad-request', status: 400, code: 'BadRequest', operation: 'hunting.run' })) });
    const { notes } = await lookUpHashes(knownHashes, appDeps(mde));
    expect(notes).toEqual([expect.stringMatching(/^Advanced hunting did not answer \(Defender rejected the request, BadRequest\); looked hashes up one by one\.$/)]);
    expect(mde.callsTo('getFile')).toHaveLength(30);
  });

  it('when hunting cannot say for some hashes, then only those are asked of the Files API', async () => {
    const mde = fakeMdeClient({ files: known }, {
      getFileProfiles: async (hashes) => hashes.map((hash, i) => (i < 3 ? { hash, file: null, unavailable: true as const } : { hash, file: known[i] ?? null })),
    });
    const { results } = await lookUpHashes(knownHashes, appDeps(mde));
    expect(mde.callsTo('getFile')).toEqual(knownHashes.slice(0, 3).map((h) => h.value));
    expect(results.every((r) => r.outcome.kind === 'file' && r.outcome.file !== null)).toBe(true);
  });

  it('when hunting says MDE has no profile, then the hash is not found and not asked again', async () => {
    const mde = fakeMdeClient({});
    const unseen = Array.from({ length: 21 }, (_, i) => sha256(`u${i}`));
    const { results } = await lookUpHashes(unseen, appDeps(mde));
    expect(mde.callsTo('getFile')).toEqual([]);
    expect(results.every((r) => r.outcome.kind === 'file' && r.outcome.file === null)).toBe(true);
  });

  it('when one hash fails, then it becomes a failed row and the others are still looked up', async () => {
    const bad = knownHashes[1]?.value;
    const mde = fakeMdeClient({ files: known }, {
      getFile: async (hash) => {
        if (hash === bad) throw mdeError({ kind: 'throttled', status: 429, retryAfterMs: 30_000 });
        return known.find((f) => f.sha256 === hash) ?? null;
      },
    });
    const { results } = await lookUpHashes(knownHashes.slice(0, 5), appDeps(mde));
    expect(results.map((r) => r.outcome.kind)).toEqual(['file', 'failed', 'file', 'file', 'file']);
    expect(results[1]?.outcome).toEqual({ kind: 'failed', reason: 'Defender is rate-limiting Verdict' });
  });

  it.each([
    ['unauthorized', 401],
    ['forbidden', 403],
  ] as const)('when the Files API answers %s, then the whole batch stops with that error', async (kind, status) => {
    const mde = fakeMdeClient({ files: known }, { getFile: async () => Promise.reject(mdeError({ kind, status })) });
    await expect(lookUpHashes(knownHashes.slice(0, 10), appDeps(mde, { bulk: { concurrency: 2 } }))).rejects.toMatchObject({ kind, status });
    expect(mde.callsTo('getFile').length).toBeLessThanOrEqual(2);
  });

  it("when hunting answers 401, then the batch stops: the credentials are the problem, not hunting's permission", async () => {
    const mde = fakeMdeClient({ files: known }, { getFileProfiles: async () => Promise.reject(mdeError({ kind: 'unauthorized', status: 401, operation: 'hunting.run' })) });
    await expect(lookUpHashes(knownHashes, appDeps(mde))).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(mde.callsTo('getFile')).toEqual([]);
  });

  it('when hashes are looked up one by one, then no more than `concurrency` calls are in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const mde = fakeMdeClient({}, {
      getFile: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight -= 1;
        return null;
      },
    });
    await lookUpHashes(knownHashes.slice(0, 12), appDeps(mde, { bulk: { concurrency: 3 } }));
    expect(most).toBe(3);
  });

  it('when lookups progress, then the callback counts up to the total, MD5s done from the start', async () => {
    const seen: string[] = [];
    const mde = fakeMdeClient({ files: known });
    await lookUpHashes([md5('a'), ...knownHashes.slice(0, 3)], appDeps(mde, { bulk: { concurrency: 1 } }), { onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(['2/4', '3/4', '4/4']);
  });

  it('when a lookup throws something that is not an MDE error, then it is not turned into a row', async () => {
    const mde = fakeMdeClient({}, { getFile: async () => Promise.reject(new TypeError('bug')) });
    await expect(lookUpHashes(knownHashes.slice(0, 2), appDeps(mde))).rejects.toThrow('bug');
  });
});
