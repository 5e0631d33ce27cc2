import type { FileProfileResult } from '../../src/mde/client';
import { createProfileBatcher, type ProfileBatcherOptions } from '../../src/mde/profile-batcher';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fileFor, hex } from '../support/mde-fixtures';
import { mdeError } from '../support/app-deps';

const known = [fileFor('one'), fileFor('two'), fileFor('three')];
const sha = (f: (typeof known)[number]) => f.sha256 as string;
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A batcher over a fake client, a fake limiter (waits the test sets), a still clock and timers the test fires. */
function setup(overrides: Parameters<typeof fakeMdeClient>[1] = {}, options: Partial<ProfileBatcherOptions> = {}) {
  let t = 0;
  const waits = new Map<string, number>();
  const timers: (() => void)[] = [];
  const inner = fakeMdeClient({ files: known }, overrides);
  const batcher = createProfileBatcher(inner, {
    limiter: { expectedWaitMs: (family) => waits.get(family) ?? 0 },
    gatherMs: 200,
    initialRoundTripMs: 3_000,
    now: () => t,
    schedule: (fn) => void timers.push(fn),
    ...options,
  });
  const gatherEnds = async () => {
    timers.splice(0).forEach((fn) => fn());
    await flush();
  };
  return { inner, batcher, waits, gatherEnds, advance: (ms: number) => void (t += ms), profileCalls: () => inner.callsTo('getFileProfiles') as string[][] };
}

describe('profile batcher', () => {
  it('when the Files API has room (low load), then a lone lookup goes straight to it and hunting is not asked', async () => {
    const { batcher, inner, profileCalls } = setup();
    expect(await batcher.getFile(sha(known[0]!))).toEqual(known[0]);
    expect(inner.callsTo('getFile')).toEqual([sha(known[0]!)]);
    expect(profileCalls()).toEqual([]);
    expect(batcher.batcherStats()).toMatchObject({ direct: 1, batched: 0 });
  });

  it('when the Files API wait is shorter than gathering plus a hunting round trip, then lookups still go to the Files API', async () => {
    const { batcher, waits, profileCalls } = setup();
    waits.set('files', 3_100);
    await batcher.getFile(sha(known[0]!));
    expect(profileCalls()).toEqual([]);
  });

  it('when the Files API queue is longer than a round trip, then lookups of different callers share one hunting call and get their files', async () => {
    const { batcher, inner, waits, gatherEnds, profileCalls } = setup();
    waits.set('files', 60_000);
    const answers = Promise.all([batcher.getFile(sha(known[0]!)), batcher.getFile(sha(known[1]!).toUpperCase()), batcher.getFile(known[2]!.sha1 as string)]);
    await flush();
    expect(profileCalls()).toEqual([]); // still gathering
    await gatherEnds();
    expect(await answers).toEqual(known);
    expect(profileCalls()).toEqual([[sha(known[0]!), sha(known[1]!), known[2]!.sha1]]);
    expect(inner.callsTo('getFile')).toEqual([]);
    expect(batcher.batcherStats()).toMatchObject({ direct: 0, batched: 3, batches: 1, fallbacks: 0 });
  });

  it('when the hunting queue itself is long, then the Files API is still the sooner road', async () => {
    const { batcher, waits, profileCalls } = setup();
    waits.set('files', 60_000);
    waits.set('hunting', 60_000);
    await batcher.getFile(sha(known[0]!));
    expect(profileCalls()).toEqual([]);
  });

  it('when the same hash is asked twice while its batch gathers, then hunting is asked for it once', async () => {
    const { batcher, waits, gatherEnds, profileCalls } = setup();
    waits.set('files', 60_000);
    const both = Promise.all([batcher.getFile(sha(known[0]!)), batcher.getFile(sha(known[0]!))]);
    await gatherEnds();
    expect(await both).toEqual([known[0], known[0]]);
    expect(profileCalls()).toEqual([[sha(known[0]!)]]);
  });

  it('when hunting cannot say about a hash (no row, or unavailable), then that hash alone is asked of the Files API, and next time goes there directly', async () => {
    const unknownToHunting = hex('blank', 'sha256');
    const { batcher, inner, waits, gatherEnds, profileCalls } = setup({
      getFileProfiles: async (hashes) => hashes.filter((h) => h !== sha(known[1]!)).map((hash): FileProfileResult => (hash === unknownToHunting ? { hash, file: null, unavailable: true } : { hash, file: known.find((f) => f.sha256 === hash) ?? null })),
    });
    waits.set('files', 60_000);
    const answers = Promise.all([batcher.getFile(sha(known[0]!)), batcher.getFile(sha(known[1]!)), batcher.getFile(unknownToHunting)]);
    await gatherEnds();
    expect(await answers).toEqual([known[0], known[1], null]);
    expect(inner.callsTo('getFile')).toEqual([sha(known[1]!), unknownToHunting]);
    expect(batcher.batcherStats().fallbacks).toBe(2);
    await batcher.getFile(unknownToHunting);
    expect(profileCalls()).toHaveLength(1);
  });

  it('when hunting is refused (forbidden), then every lookup of the batch is answered by the Files API, and batching pauses until the pause is over', async () => {
    let refuse = true;
    const { batcher, inner, waits, gatherEnds, profileCalls, advance } = setup(
      { getFileProfiles: async (hashes) => { if (refuse) throw mdeError({ kind: 'forbidden', operation: 'hunting.run' }); return hashes.map((hash) => ({ hash, file: null })); } },
      { refusedPauseMs: 600_000 },
    );
    waits.set('files', 60_000);
    const answers = Promise.all([batcher.getFile(sha(known[0]!)), batcher.getFile(sha(known[1]!))]);
    await gatherEnds();
    expect(await answers).toEqual([known[0], known[1]]);
    expect(inner.callsTo('getFile')).toEqual([sha(known[0]!), sha(known[1]!)]);
    expect(batcher.batcherStats()).toMatchObject({ refusals: 1, fallbacks: 2 });

    await batcher.getFile(sha(known[2]!));
    expect(profileCalls()).toHaveLength(1);
    expect(inner.callsTo('getFile')).toHaveLength(3);

    refuse = false;
    advance(600_000);
    const later = batcher.getFile(sha(known[2]!));
    await gatherEnds();
    await later;
    expect(profileCalls()).toHaveLength(2);
  });

  it('when a bulk lookup is refused hunting, then single lookups stop batching too', async () => {
    const { batcher, waits, profileCalls } = setup({ getFileProfiles: async () => { throw mdeError({ kind: 'forbidden', operation: 'hunting.run' }); } });
    await expect(batcher.getFileProfiles([sha(known[0]!)])).rejects.toMatchObject({ kind: 'forbidden' });
    waits.set('files', 60_000);
    await batcher.getFile(sha(known[1]!));
    expect(profileCalls()).toHaveLength(1);
  });

  it('when hunting fails otherwise (timeout), then the batch falls back to the Files API without pausing batching', async () => {
    const { batcher, waits, gatherEnds, inner } = setup({ getFileProfiles: async () => { throw mdeError({ kind: 'timeout', operation: 'hunting.run' }); } });
    waits.set('files', 60_000);
    const answer = batcher.getFile(sha(known[0]!));
    await gatherEnds();
    expect(await answer).toEqual(known[0]);
    expect(inner.callsTo('getFile')).toHaveLength(1);
    expect(batcher.batcherStats().refusals).toBe(0);
  });

  it('when a batch reaches the most hashes a query takes, then it leaves without waiting for the gather window', async () => {
    const { batcher, waits, profileCalls } = setup({}, { maxHashes: 3 });
    waits.set('files', 60_000);
    const all = Promise.all([0, 1, 2, 3].map((i) => batcher.getFile(hex(`full-${i}`, 'sha256'))));
    await flush();
    expect(profileCalls()).toEqual([[0, 1, 2].map((i) => hex(`full-${i}`, 'sha256'))]);
    void all;
  });

  it('when the batches of the last minute used their share of hunting, then the next one leaves only once the oldest is a minute old', async () => {
    const { batcher, waits, gatherEnds, profileCalls, advance } = setup({}, { maxBatchesPerMinute: 1, minuteMs: 60_000 });
    waits.set('files', 600_000);
    await Promise.all([batcher.getFile(hex('a', 'sha256')), gatherEnds()]);
    advance(1_000);
    const second = batcher.getFile(hex('b', 'sha256'));
    await gatherEnds(); // gathered, but the minute's one batch is spent: a timer for the rest
    expect(profileCalls()).toHaveLength(1);
    advance(59_000);
    await gatherEnds();
    await second;
    expect(profileCalls()).toEqual([[hex('a', 'sha256')], [hex('b', 'sha256')]]);
  });

  it('when a caller gives up before its batch leaves, then it is rejected and hunting is not asked for its hash', async () => {
    const { batcher, waits, gatherEnds, profileCalls } = setup();
    waits.set('files', 60_000);
    const controller = new AbortController();
    const gaveUp = batcher.getFile(sha(known[0]!), { signal: controller.signal });
    const stays = batcher.getFile(sha(known[1]!));
    controller.abort('user left');
    await expect(gaveUp).rejects.toMatchObject({ kind: 'timeout' });
    await gatherEnds();
    expect(await stays).toEqual(known[1]);
    expect(profileCalls()).toEqual([[sha(known[1]!)]]);
  });

  it('when hunting calls are observed, then the round-trip estimate follows them and decides the road', async () => {
    const time = { t: 0 };
    const { batcher, waits, gatherEnds, profileCalls } = setup(
      { getFileProfiles: async (hashes) => { time.t += 400; return hashes.map((hash) => ({ hash, file: null })); } },
      { now: () => time.t },
    );
    waits.set('files', 1_000);
    await batcher.getFile(sha(known[0]!)); // 1 s of Files API wait < 3 s assumed: direct
    expect(profileCalls()).toEqual([]);
    await batcher.getFileProfiles([sha(known[1]!)]);
    expect(batcher.batcherStats()).toMatchObject({ roundTripMs: 400, roundTripSamples: 1 });
    const batched = batcher.getFile(sha(known[2]!)); // now 1 s > 200 ms gather + 400 ms
    await gatherEnds();
    await batched;
    expect(profileCalls()).toEqual([[sha(known[1]!)], [sha(known[2]!)]]);
  });

  it('when a value is not a SHA-1 or SHA-256, then it is never put in a batch', async () => {
    const { batcher, waits, profileCalls, inner } = setup();
    waits.set('files', 60_000);
    await batcher.getFile(hex('m', 'md5'));
    expect(profileCalls()).toEqual([]);
    expect(inner.callsTo('getFile')).toEqual([hex('m', 'md5')]);
  });
  it('when hunting is refused while the next batch gathers, then that batch goes to the Files API without asking hunting again', async () => {
    let refuseFirst!: () => void;
    const { batcher, inner, waits, gatherEnds, profileCalls, advance } = setup({
      getFileProfiles: () => new Promise((_, reject) => (refuseFirst = () => reject(mdeError({ kind: 'forbidden', operation: 'hunting.run' })))),
    }, { maxBatchesPerMinute: 1 });
    waits.set('files', 600_000);
    const first = batcher.getFile(sha(known[0]!));
    await gatherEnds();
    const second = batcher.getFile(sha(known[1]!));
    await gatherEnds();
    refuseFirst();
    await flush();
    advance(60_000);
    await gatherEnds();
    expect(await Promise.all([first, second])).toEqual([known[0], known[1]]);
    expect(profileCalls()).toHaveLength(1);
    expect(inner.callsTo('getFile')).toEqual([sha(known[0]!), sha(known[1]!)]);
  });

  it('when lookups it sent to the Files API have not reached the limiter yet, then the limiter is told they are on their way', async () => {
    const told: number[] = [];
    const { batcher } = setup({ getFile: () => new Promise(() => undefined) }, { limiter: { expectedWaitMs: (f, o) => (f === 'files' && told.push(o?.outstanding ?? 0), 0) } });
    void batcher.getFile(sha(known[0]!));
    void batcher.getFile(sha(known[1]!));
    expect(told).toEqual([0, 1]);
  });
});
