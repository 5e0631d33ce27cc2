import { BlobsStorage } from 'botbuilder-azure-blobs';
import { createStorage } from '../../src/store/create-storage';
import { isETagConflict } from '../../src/store/etag-conflict';
import { startAzurite, type Azurite } from '../support/azurite';
import { describeStorageContract } from '../support/storage-contract';

/**
 * BlobsStorage (botbuilder-azure-blobs) against Azurite's Blob service, started on a free
 * loopback port for this file and stopped after it: the store several bot instances share.
 */
jest.setTimeout(30_000);

let azurite: Azurite;
let n = 0;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

describeStorageContract({
  name: 'BlobsStorage on Azurite',
  // A container per test: a clean store without deleting anything.
  fresh: () => new BlobsStorage(azurite.connectionString, `verdict-contract-${++n}`),
  conflictsOnMissingItem: true,
});

describe('createStorage for Azure Blob', () => {
  it('when asked for a blob store, then two instances on one container see each other and conflict on stale eTags', async () => {
    const wiring = { kind: 'blob' as const, connectionString: azurite.connectionString, container: 'verdict-shared' };
    const [one, two] = [await createStorage(wiring), await createStorage(wiring)];
    await one.write({ 'req/9': { state: 'requested' } });
    const seenByTwo = (await two.read(['req/9']))['req/9'];
    expect(seenByTwo).toMatchObject({ state: 'requested' });
    await one.write({ 'req/9': { state: 'approved', eTag: seenByTwo?.eTag } });
    const error = await two.write({ 'req/9': { state: 'denied', eTag: seenByTwo?.eTag } }).then(() => undefined, (e: unknown) => e);
    expect(isETagConflict(error)).toBe(true);
    expect((await two.read(['req/9']))['req/9']).toMatchObject({ state: 'approved' });
  });

  it('when the container name breaks Azure\'s rules, then createStorage refuses before any request', async () => {
    await expect(createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: 'Verdict_State' })).rejects.toThrow(/container name/);
  });
});
