import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { createFileStorage } from '../../src/store/file-storage';
import { describeStorageContract } from '../support/storage-contract';

/** The shared Storage contract on the two stores that need no server (Blob: test/integration). */
let root: string;
let n = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'verdict-store-contract-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describeStorageContract({ name: 'MemoryStorage', fresh: () => new MemoryStorage(), conflictsOnMissingItem: false });
describeStorageContract({ name: 'file store', fresh: () => createFileStorage({ dir: join(root, `s${++n}`) }), conflictsOnMissingItem: true });
