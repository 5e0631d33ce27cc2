import { createCachingMdeClient, type CachingOptions } from '../../src/mde/caching-mde-client';
import type { FileProfileResult, MdeClient } from '../../src/mde/client';
import { isMdeError, MdeError } from '../../src/mde/errors';
import type { MdeFile } from '../../src/mde/file';

const SHA1 = 'a'.repeat(40);
const SHA256 = 'b'.repeat(64);
const OTHER = 'c'.repeat(40);
const file = (sha1: string, sha256?: string): MdeFile => ({ sha1, sha256: sha256 ?? null, determinationType: 'Pua' });

type Call = { method: string; args: unknown[]; signal?: AbortSignal; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** Every inner call waits until the test settles it, so overlap and ordering are explicit. */
function fakeInner() {
  const calls: Call[] = [];
  const record =
    (method: string) =>
    (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const options = args[args.length - 1] as { signal?: AbortSignal } | undefined;
        calls.push({ method, args: args.slice(0, -1), signal: options?.signal, resolve, reject });
      });
  const methods = ['getFile', 'getFileStats', 'getFileMachines', 'getFileAlerts', 'getAlert', 'getAlertFiles', 'getAlertMachine', 'getMachine', 'getFileProfiles'];
  const inner = Object.fromEntries(methods.map((m) => [m, record(m)])) as unknown as MdeClient;
  return { inner, calls };
}

function setup(options: CachingOptions = {}) {
  let t = 0;
  const { inner, calls } = fakeInner();
  const client = createCachingMdeClient(inner, { now: () => t, ...options });
  return { client, calls, advance: (ms: number) => void (t += ms) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('caching MDE client: coalescing', () => {
  it('when the same file is asked for twice at once (any case), then MDE is called once and both get the answer', async () => {
    const { client, calls } = setup();
    const both = Promise.all([client.getFile(SHA1), client.getFile(SHA1.toUpperCase())]);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(file(SHA1));
    expect(await both).toEqual([file(SHA1), file(SHA1)]);
    expect(client.cacheStats()).toMatchObject({ misses: 1, coalesced: 1 });
  });

  it('when one of two waiting callers aborts, then the other still gets the answer and MDE is not aborted', async () => {
    const { client, calls } = setup();
    const controller = new AbortController();
    const impatient = client.getAlert('da1_1', { signal: controller.signal });
    const patient = client.getAlert('da1_1', { signal: new AbortController().signal });
    controller.abort(new Error('user left'));
    const err = await impatient.catch((e: unknown) => e);
    expect(isMdeError(err) && err.kind === 'timeout' && err.operation === 'alerts.get').toBe(true);
    expect(calls[0]?.signal?.aborted).toBe(false);
    calls[0]?.resolve({ id: 'da1_1' });
    await expect(patient).resolves.toEqual({ id: 'da1_1' });
  });

  it('when the only caller aborts, then the MDE call is aborted and the next caller starts a fresh one', async () => {
    const { client, calls } = setup();
    const controller = new AbortController();
    const first = client.getFile(SHA1, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    await first;
    expect(calls[0]?.signal?.aborted).toBe(true);
    const second = client.getFile(SHA1);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(file(SHA1));
    await expect(second).resolves.toEqual(file(SHA1));
  });
});

describe('caching MDE client: cache', () => {
  it('when a found file is asked again within 10 minutes, then it comes from the cache; after, MDE is asked again', async () => {
    const { client, calls, advance } = setup();
    const first = client.getFile(SHA1);
    calls[0]?.resolve(file(SHA1));
    await first;
    advance(9 * 60_000);
    await expect(client.getFile(SHA1)).resolves.toEqual(file(SHA1));
    expect(calls).toHaveLength(1);
    advance(60_000);
    void client.getFile(SHA1);
    expect(calls).toHaveLength(2);
  });

  it('when MDE did not find the file, then "not found" is kept for 2 minutes only', async () => {
    const { client, calls, advance } = setup();
    const first = client.getFile(SHA1);
    calls[0]?.resolve(null);
    await first;
    advance(119_000);
    await expect(client.getFile(SHA1)).resolves.toBeNull();
    advance(1_000);
    void client.getFile(SHA1);
    expect(calls).toHaveLength(2);
  });

  it('when MDE fails, then the error is not cached and the next call asks again', async () => {
    const { client, calls } = setup();
    const first = client.getFileStats(SHA1, { lookBackHours: 48 });
    calls[0]?.reject(new MdeError({ kind: 'server', operation: 'files.stats', status: 503 }));
    await expect(first).rejects.toMatchObject({ kind: 'server' });
    const second = client.getFileStats(SHA1, { lookBackHours: 48 });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args).toEqual([SHA1]);
    calls[1]?.resolve({ sha1: SHA1 });
    await expect(second).resolves.toEqual({ sha1: SHA1 });
  });

  it('when alerts are cached, then they expire after the shorter related TTL (1 minute by default)', async () => {
    const { client, calls, advance } = setup();
    const first = client.getFileAlerts(SHA1);
    calls[0]?.resolve([{ id: 'x' }]);
    await first;
    advance(59_000);
    await client.getFileAlerts(SHA1);
    expect(calls).toHaveLength(1);
    advance(1_000);
    void client.getFileAlerts(SHA1);
    expect(calls).toHaveLength(2);
  });

  it('when the same device is asked for twice (any case), then MDE is called once and the device is kept for the related TTL', async () => {
    const { client, calls, advance } = setup();
    const both = Promise.all([client.getMachine(OTHER), client.getMachine(OTHER.toUpperCase())]);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve({ id: OTHER, computerDnsName: 'ws-1' });
    expect(await both).toEqual([{ id: OTHER, computerDnsName: 'ws-1' }, { id: OTHER, computerDnsName: 'ws-1' }]);
    advance(59_000);
    await client.getMachine(OTHER);
    expect(calls).toHaveLength(1);
    advance(1_000);
    void client.getMachine(OTHER);
    expect(calls.map((c) => c.method)).toEqual(['getMachine', 'getMachine']);
  });

  it('when more entries than maxEntries are kept, then the least recently used one goes first', async () => {
    const { client, calls } = setup({ maxEntries: 2 });
    const answer = async (hash: string) => {
      const p = client.getFile(hash);
      calls[calls.length - 1]?.resolve(file(hash));
      return p;
    };
    await answer('1'.repeat(40));
    await answer('2'.repeat(40));
    await client.getFile('1'.repeat(40)); // a hit: now the most recently used
    await answer('3'.repeat(40)); // evicts 2…
    const before = calls.length;
    await client.getFile('1'.repeat(40));
    expect(calls).toHaveLength(before);
    void client.getFile('2'.repeat(40));
    expect(calls).toHaveLength(before + 1);
  });
});

describe('caching MDE client: file profiles', () => {
  const profiles = (results: FileProfileResult[]) => results;

  it('when some hashes are cached, then hunting is asked only for the rest, and answers keep the input order', async () => {
    const { client, calls } = setup();
    const known = client.getFile(OTHER);
    calls[0]?.resolve(file(OTHER));
    await known;
    const all = client.getFileProfiles([SHA1, OTHER.toUpperCase(), SHA1]);
    await tick();
    expect(calls[1]).toMatchObject({ method: 'getFileProfiles', args: [[SHA1]] });
    calls[1]?.resolve(profiles([{ hash: SHA1, file: file(SHA1, SHA256) }]));
    expect(await all).toEqual([
      { hash: SHA1, file: file(SHA1, SHA256) },
      { hash: OTHER, file: file(OTHER) },
      { hash: SHA1, file: file(SHA1, SHA256) },
    ]);
  });

  it('when hunting finds a file, then getFile by its SHA-1 or SHA-256 is served without a call', async () => {
    const { client, calls } = setup();
    const run = client.getFileProfiles([SHA1]);
    calls[0]?.resolve(profiles([{ hash: SHA1, file: file(SHA1, SHA256) }]));
    await run;
    await expect(client.getFile(SHA256)).resolves.toEqual(file(SHA1, SHA256));
    await expect(client.getFile(SHA1)).resolves.toEqual(file(SHA1, SHA256));
    expect(calls).toHaveLength(1);
  });

  it('when hunting says Missing, then null is cached; when it is unavailable, nothing is cached', async () => {
    const { client, calls } = setup();
    const run = client.getFileProfiles([SHA1, OTHER]);
    calls[0]?.resolve(profiles([{ hash: SHA1, file: null }, { hash: OTHER, file: null, unavailable: true }]));
    expect(await run).toEqual([{ hash: SHA1, file: null }, { hash: OTHER, file: null, unavailable: true }]);
    await expect(client.getFile(SHA1)).resolves.toBeNull();
    void client.getFile(OTHER);
    expect(calls.map((c) => c.method)).toEqual(['getFileProfiles', 'getFile']);
  });

  it('when two profile lookups overlap, then the second asks hunting only for the hashes the first is not already asking', async () => {
    const { client, calls } = setup();
    const first = client.getFileProfiles([SHA1]);
    const second = client.getFileProfiles([SHA1, OTHER]);
    await tick();
    expect(calls.map((c) => c.args[0])).toEqual([[SHA1], [OTHER]]);
    calls[0]?.resolve(profiles([{ hash: SHA1, file: file(SHA1) }]));
    calls[1]?.resolve(profiles([{ hash: OTHER, file: null }]));
    expect(await first).toEqual([{ hash: SHA1, file: file(SHA1) }]);
    expect(await second).toEqual([{ hash: SHA1, file: file(SHA1) }, { hash: OTHER, file: null }]);
    expect(client.cacheStats()).toMatchObject({ misses: 2, coalesced: 1 });
  });

  it('when hunting is refused, then the error reaches the caller and nothing is cached', async () => {
    const { client, calls } = setup();
    const run = client.getFileProfiles([SHA1]);
    calls[0]?.reject(new MdeError({ kind: 'forbidden', operation: 'hunting.run', permissions: ['AdvancedQuery.Read.All'] }));
    await expect(run).rejects.toMatchObject({ kind: 'forbidden' });
    void client.getFileProfiles([SHA1]);
    expect(calls).toHaveLength(2);
    expect(client.cacheStats().entries).toBe(0);
  });
});
