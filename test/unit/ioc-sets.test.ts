import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { createIocSetStore, IOC_SET_TTL_MS, startIocSetSweep } from '../../src/app/ioc-sets';

const DAY = IOC_SET_TTL_MS;
const items = [{ type: 'FileSha256', value: 'a'.repeat(64) }];
const stored = async (storage: MemoryStorage, key: string) => (await storage.read([key]))[key];

describe('IoC sets behind the coverage and /indicators buttons', () => {
  it('when a set is opened after its day, then it is refused and deleted from storage', async () => {
    const storage = new MemoryStorage();
    const sets = createIocSetStore(storage);
    const id = await sets.save(items, 0);
    const ids = await sets.saveIds(['1', '2'], 0);

    expect(await sets.load(id, DAY + 1)).toBeUndefined();
    expect(await sets.loadIds(ids, DAY + 1)).toBeUndefined();
    expect(await stored(storage, `ioc-set/${id}`)).toBeUndefined();
    expect(await stored(storage, `indicator-set/${ids}`)).toBeUndefined();
  });

  it('when the sweep runs, then sets past their day are deleted and fresh ones still open', async () => {
    const storage = new MemoryStorage();
    const sets = createIocSetStore(storage);
    const old = await sets.save(items, 0);
    const oldIds = await sets.saveIds(['1'], 0);
    const fresh = await sets.save(items, DAY);
    const freshIds = await sets.saveIds(['3'], DAY);

    expect(await sets.sweepExpired(DAY + 1)).toBe(2);

    expect(await stored(storage, `ioc-set/${old}`)).toBeUndefined();
    expect(await stored(storage, `indicator-set/${oldIds}`)).toBeUndefined();
    expect((await sets.load(fresh, DAY + 1))?.items).toEqual(items);
    expect((await sets.loadIds(freshIds, DAY + 1))?.ids).toEqual(['3']);
    // The index lets go of what it swept: a second sweep has nothing to do.
    expect(await sets.sweepExpired(DAY + 1)).toBe(0);
  });

  it('when a set was already deleted on access, then the sweep only drops it from its index', async () => {
    const storage = new MemoryStorage();
    const sets = createIocSetStore(storage);
    const id = await sets.save(items, 0);
    await sets.load(id, DAY + 1);

    expect(await sets.sweepExpired(DAY + 1)).toBe(1);
    expect(await sets.sweepExpired(DAY + 1)).toBe(0);
  });

  it('when the periodic sweep starts, then it deletes the expired sets at once', async () => {
    const storage = new MemoryStorage();
    const sets = createIocSetStore(storage);
    const id = await sets.save(items, 0);

    const sweep = startIocSetSweep(sets, pino({ level: 'silent' }), { now: () => DAY + 1 });
    await sweep.stop();

    expect(await stored(storage, `ioc-set/${id}`)).toBeUndefined();
  });
});
