import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import { createFileStorage } from '../../src/store/file-storage';
import { updateItem, type Decision } from '../../src/store/update-item';

interface Req {
  state: 'requested' | 'approved';
  approver?: string;
}

const approveBy = (who: string) => (current: Req): Decision<Req, 'already-decided'> =>
  current.state === 'requested' ? { ok: true, value: { state: 'approved', approver: who } } : { ok: false, reason: 'already-decided' };

describe('updateItem', () => {
  let dir: string;
  let store: Storage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-update-'));
    store = createFileStorage({ dir, durable: false });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when five approvers click at once, then exactly one approves and the others see it decided', async () => {
    await store.write({ r: { state: 'requested' } });
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((who) => updateItem(store, 'r', approveBy(who))));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r as { reason: string }).reason)).toEqual(Array(4).fill('already-decided'));
    expect((await store.read(['r'])).r).toMatchObject({ state: 'approved', approver: (winners[0] as { value: Req }).value.approver });
  });

  it('when the item does not exist, then the result is not-found and nothing is written', async () => {
    expect(await updateItem(store, 'missing', approveBy('a'))).toEqual({ ok: false, reason: 'not-found' });
    expect(await store.read(['missing'])).toEqual({});
  });

  it('when every attempt loses the race, then the result is conflict after the given attempts', async () => {
    await store.write({ r: { state: 'requested' } });
    let reads = 0;
    const racing: Storage = {
      read: async (keys) => {
        reads++;
        const items = await store.read(keys);
        await store.write({ r: { state: 'requested', eTag: '*' } }); // someone else writes in between
        return items;
      },
      write: (changes) => store.write(changes),
      delete: (keys) => store.delete(keys),
    };
    expect(await updateItem(racing, 'r', approveBy('a'), { attempts: 2 })).toEqual({ ok: false, reason: 'conflict' });
    expect(reads).toBe(2);
  });
});
