import type { Storage } from 'botbuilder';
import { isETagConflict } from '../../src/store/etag-conflict';

/**
 * The Storage behaviour Verdict relies on, as one suite run against every store (file, memory,
 * Azure Blob on Azurite). `fresh` gives a store with nothing in it (a new key prefix is enough).
 */
export interface ContractSubject {
  name: string;
  fresh(): Promise<Storage> | Storage;
  /** A write carrying an eTag for an item that is not there: conflict (file, Blob) or write (MemoryStorage). */
  conflictsOnMissingItem: boolean;
}

const outcomes = (results: PromiseSettledResult<unknown>[]) => ({
  won: results.filter((r) => r.status === 'fulfilled').length,
  conflicts: results.filter((r) => r.status === 'rejected' && isETagConflict(r.reason)).length,
  other: results.filter((r) => r.status === 'rejected' && !isETagConflict(r.reason)).map((r) => String((r as PromiseRejectedResult).reason)),
});

export function describeStorageContract(subject: ContractSubject): void {
  describe(`${subject.name}: the Storage contract`, () => {
    let store: Storage;
    beforeEach(async () => {
      store = await subject.fresh();
    });

    it('when an item is written, then reading it returns the item with a string eTag', async () => {
      await store.write({ 'req/1': { state: 'requested', reason: 'Müller saw 🚀', nested: { n: 1, list: [1, 'two', null] } } });
      const items = await store.read(['req/1', 'req/absent']);
      expect(Object.keys(items)).toEqual(['req/1']);
      expect(items['req/1']).toMatchObject({ state: 'requested', reason: 'Müller saw 🚀', nested: { n: 1, list: [1, 'two', null] } });
      expect(typeof items['req/1']?.eTag).toBe('string');
      expect(items['req/1']?.eTag).not.toBe('');
    });

    it('when an item is written again, then it gets a new eTag', async () => {
      await store.write({ k: { v: 1 } });
      const first = (await store.read(['k'])).k;
      await store.write({ k: { v: 2, eTag: first?.eTag } });
      const second = (await store.read(['k'])).k;
      expect(second).toMatchObject({ v: 2 });
      expect(second?.eTag).not.toBe(first?.eTag);
    });

    it('when a write carries an outdated eTag, then it fails as an eTag conflict and the item is unchanged', async () => {
      await store.write({ k: { v: 1 } });
      const stale = (await store.read(['k'])).k;
      await store.write({ k: { v: 2, eTag: stale?.eTag } });
      const error = await store.write({ k: { v: 3, eTag: stale?.eTag } }).then(() => undefined, (e: unknown) => e);
      expect(isETagConflict(error)).toBe(true);
      expect((await store.read(['k'])).k).toMatchObject({ v: 2 });
    });

    it('when two writers hold the same eTag and write at once, then exactly one wins', async () => {
      await store.write({ k: { decided: 'no' } });
      const seen = (await store.read(['k'])).k;
      const results = await Promise.allSettled(
        ['alex', 'megan', 'lee', 'diego'].map((who) => store.write({ k: { decided: who, eTag: seen?.eTag } })),
      );
      const o = outcomes(results);
      expect(o).toEqual({ won: 1, conflicts: 3, other: [] });
      const winner = results.findIndex((r) => r.status === 'fulfilled');
      expect((await store.read(['k'])).k).toMatchObject({ decided: ['alex', 'megan', 'lee', 'diego'][winner] });
    });

    it("when a write carries eTag '*' or none, then it overwrites whatever is stored", async () => {
      await store.write({ k: { v: 1 } });
      await store.write({ k: { v: 2, eTag: '*' } });
      expect((await store.read(['k'])).k).toMatchObject({ v: 2 });
      await store.write({ k: { v: 3 } });
      expect((await store.read(['k'])).k).toMatchObject({ v: 3 });
    });

    it('when an item is deleted, then it reads as absent, and deleting it again is harmless', async () => {
      await store.write({ a: { v: 1 }, b: { v: 2 } });
      await store.delete(['a']);
      await store.delete(['a', 'never-there']);
      const items = await store.read(['a', 'b']);
      expect(Object.keys(items)).toEqual(['b']);
    });

    it('when keys hold characters file systems and URLs dislike, then each stays its own item', async () => {
      const keys = ['msteams/conversations/19:abc@thread.tacv2/users/29:x', '../escape', 'a b?c#d', 'A', 'a'];
      await store.write(Object.fromEntries(keys.map((k, i) => [k, { i }])));
      const items = await store.read(keys);
      expect(keys.map((k) => items[k]?.i)).toEqual([0, 1, 2, 3, 4]);
    });

    it(`when a write carries an eTag for a deleted item, then it ${subject.conflictsOnMissingItem ? 'conflicts' : 'writes (MemoryStorage does)'}`, async () => {
      await store.write({ k: { v: 1 } });
      const seen = (await store.read(['k'])).k;
      await store.delete(['k']);
      const error = await store.write({ k: { v: 2, eTag: seen?.eTag } }).then(() => undefined, (e: unknown) => e);
      expect(isETagConflict(error)).toBe(subject.conflictsOnMissingItem);
    });
  });
}
