import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStorage, StoredItemError } from '../../src/store/file-storage';
import { keyFileName } from '../../src/store/key-file-name';

describe('file store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-file-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when a key is full of path syntax, then its file name stays inside the directory, readable and unique', () => {
    const names = ['../../etc/passwd', 'msteams/conversations/19:x@thread', '', '.hidden', 'A', 'a'].map(keyFileName);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{64}\.json$/);
      expect(name.length).toBeLessThan(200);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(keyFileName('msteams/conversations/19:x@thread')).toMatch(/^msteams_conversations_19_x_thread\./);
  });

  it('when an item is written, then one JSON file holds the key, the eTag and the item without its eTag', async () => {
    const store = createFileStorage({ dir: join(dir, 'state') });
    await store.write({ 'req/1': { state: 'requested', eTag: '*' } });
    const files = await readdir(join(dir, 'state'));
    expect(files).toEqual([keyFileName('req/1')]);
    const stored = JSON.parse(await readFile(join(dir, 'state', files[0] as string), 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ key: 'req/1', eTag: expect.any(String), item: { state: 'requested' } });
  });

  it('when a caller writes an item, then the object it passed is not modified', async () => {
    const store = createFileStorage({ dir, durable: false });
    const item = { v: 1, eTag: '*' };
    await store.write({ k: item });
    expect(item).toEqual({ v: 1, eTag: '*' });
  });

  it('when many writes of one key race without eTags, then no temp file is left and the last one queued wins', async () => {
    const store = createFileStorage({ dir, durable: false });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.write({ k: { i } })));
    expect((await store.read(['k'])).k).toMatchObject({ i: 19 });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('when a crash left a temp file behind, then the store removes it on first use', async () => {
    await writeFile(join(dir, `${keyFileName('k')}.0000.tmp`), '{"half');
    const store = createFileStorage({ dir, durable: false });
    expect(await store.read(['k'])).toEqual({});
    expect(await readdir(dir)).toEqual([]);
  });

  it('when a stored file is corrupt, then reading it fails naming the key and the file', async () => {
    const store = createFileStorage({ dir, durable: false });
    await store.write({ k: { v: 1 } });
    await writeFile(join(dir, keyFileName('k')), '{not json');
    const error = await store.read(['k']).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemError);
    expect((error as Error).message).toContain('"k"');
    expect((error as Error).message).toContain(keyFileName('k'));
  });

  it('when one key of a multi-key write conflicts, then the others are written and the conflict is thrown', async () => {
    const store = createFileStorage({ dir, durable: false });
    await store.write({ a: { v: 1 } });
    await expect(store.write({ a: { v: 2, eTag: 'stale' }, b: { v: 2 } })).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');
    expect(await store.read(['a', 'b'])).toEqual({ a: expect.objectContaining({ v: 1 }), b: expect.objectContaining({ v: 2 }) });
  });

  it('when two store objects open the same directory in turn, then the second reads what the first wrote', async () => {
    await createFileStorage({ dir }).write({ k: { survived: true } });
    expect((await createFileStorage({ dir }).read(['k'])).k).toMatchObject({ survived: true });
  });
});
