import { BlobServiceClient } from '@azure/storage-blob';
import pino from 'pino';
import { startBlobLeadership } from '../../src/store/blob-leadership';
import { startInstanceCensus } from '../../src/store/instance-census';
import type { Leadership } from '../../src/util/leadership';
import { startAzurite, type Azurite } from '../support/azurite';

/** The blob lease that picks one leading instance, on Azurite: one leader at a time, and a successor. */
jest.setTimeout(60_000);

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

const until = async (what: () => boolean): Promise<void> => {
  while (!what()) await new Promise((r) => setTimeout(r, 100));
};

describe('blob leadership', () => {
  it('when three instances compete, then one leads; when it stops, another takes over, and a broken lease makes its holder step down', async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('lease-test');
    const logger = pino({ level: 'silent' });
    const all: Leadership[] = [];
    for (let i = 0; i < 3; i++) all.push(await startBlobLeadership({ container, leaseSeconds: 15, logger }));
    const leaders = () => all.filter((l) => l.isLeader());
    expect(leaders()).toHaveLength(1);

    const first = leaders()[0] as Leadership;
    const seen: boolean[] = [];
    first.onChange((v) => seen.push(v));
    await first.stop();
    expect(seen).toEqual([true, false]);
    await until(() => leaders().length === 1);
    const second = leaders()[0] as Leadership;
    expect(second).not.toBe(first);

    // Someone breaks the lease (as a lapse would end it): the holder's next renewal fails and it steps down.
    await container.getBlockBlobClient('verdict-leader.lease').getBlobLeaseClient().breakLease(0);
    await until(() => !second.isLeader());
    await until(() => leaders().length === 1);
    expect(leaders()).toHaveLength(1);
    await Promise.all(all.map((l) => l.stop()));
  });
});

describe('instance census', () => {
  it('when fewer instances run than INSTANCE_COUNT says, then each counts the live ones and warns once; a stopped one drops out', async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('census-test');
    await container.createIfNotExists();
    const warnings: unknown[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const a = startInstanceCensus({ container, expected: 3, beatMs: 300, logger });
    const b = startInstanceCensus({ container, expected: 3, beatMs: 300, logger: pino({ level: 'silent' }) });
    await until(() => a.seen() === 2 && b.seen() === 2);
    expect(warnings).toContainEqual(expect.objectContaining({ running: 2, instanceCount: 3 }));
    await b.stop();
    await until(() => a.seen() === 1);
    expect(warnings).toContainEqual(expect.objectContaining({ running: 1, instanceCount: 3 }));
    await a.stop();
  });
});
