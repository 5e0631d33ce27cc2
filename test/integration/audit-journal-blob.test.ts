import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { AuditJournalError } from '../../src/audit/journal';
import { openBlobAuditJournal, type BlobAuditJournal } from '../../src/audit/journal-blob';
import { listSegments, segmentName } from '../../src/audit/journal-blob-segments';
import { runAuditCli } from '../../src/cli/audit';
import { startAzurite, type Azurite } from '../support/azurite';

/**
 * The audit journal in append blobs on Azurite, written by several writers at once (each its own
 * journal object, as each instance has): one chain, every entry once, segments rolling over.
 */
jest.setTimeout(60_000);

let azurite: Azurite;
let n = 0;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

const fresh = () => {
  n += 1;
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`journal-${n}`);
  const store = new BlobsStorage(azurite.connectionString, `state-${n}`);
  return { container, store, env: { STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: azurite.connectionString, STATE_BLOB_JOURNAL_CONTAINER: `journal-${n}`, STATE_BLOB_CONTAINER: `state-${n}` } };
};
const open = (where: { container: ContainerClient; store: BlobsStorage }, segmentEntries?: number): Promise<BlobAuditJournal> =>
  openBlobAuditJournal({ container: where.container, store: where.store, now: Date.now, segmentEntries });

async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runAuditCli(argv, { out: (t) => out.push(t), err: (t) => out.push(t), env });
  return { code, out: out.join('') };
}

async function writeConcurrently(writers: BlobAuditJournal[], perWriter: number): Promise<void> {
  await Promise.all(
    writers.map((journal, w) =>
      Promise.all(Array.from({ length: perWriter }, (_, i) => journal.append({ type: 'command.run', actor: { name: `writer ${w}` }, data: { w, i } }))),
    ),
  );
}

describe('blob audit journal', () => {
  it('when three writers append 300 entries at once, then there is one chain that verifies, holding each entry exactly once', async () => {
    const where = fresh();
    const writers = [await open(where), await open(where), await open(where)];
    await writeConcurrently(writers, 100);

    const reader = await open(where);
    expect(await reader.verify()).toEqual({ ok: true, entries: 300, head: reader.head() });
    const entries = await reader.read({ since: 0 });
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const written = entries.map((e) => `${String(e.data.w)}/${String(e.data.i)}`);
    expect(new Set(written).size).toBe(300);
    // Writers really raced: some appends lost to another writer and were re-chained.
    expect(writers.reduce((sum, j) => sum + j.retries(), 0)).toBeGreaterThan(0);
    // Each writer's own view ends where the shared chain does once it catches up (as /audit does first).
    for (const w of writers) {
      await w.refresh?.();
      expect(w.head()).toEqual(reader.head());
    }
    await Promise.all([...writers, reader].map((j) => j.close()));
  });

  it('when segments fill up, then writers roll over to the next and the chain runs on across them', async () => {
    const where = fresh();
    const writers = [await open(where, 7), await open(where, 7), await open(where, 7)];
    await writeConcurrently(writers, 10);

    expect(await listSegments(where.container)).toEqual([1, 2, 3, 4, 5]);
    const sizes = await Promise.all([1, 2, 3, 4, 5].map(async (i) => (await where.container.getAppendBlobClient(segmentName(i)).getProperties()).blobCommittedBlockCount));
    expect(sizes).toEqual([7, 7, 7, 7, 2]);
    // Reopened (a new instance) with another configured limit: it reads the segments' own limits.
    const reader = await open(where, 1000);
    expect(await reader.verify()).toMatchObject({ ok: true, entries: 30 });
    const across = await reader.read({ since: 5, limit: 4 });
    expect(across.map((e) => e.seq)).toEqual([6, 7, 8, 9]);
    expect(across[2]?.prev).toBe(across[1]?.hash);
    // The CLI reads the segments in order too: the chain verifies and exports across them.
    expect(await cli(where.env, 'verify')).toEqual({ code: 0, out: expect.stringMatching(/^OK: 30 entries, chain intact/) });
    const exported = await cli(where.env, 'export', '--format', 'json');
    expect((JSON.parse(exported.out) as { seq: number }[]).map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await reader.append({ type: 'command.run', actor: { name: 'late' } });
    expect((await where.container.getAppendBlobClient(segmentName(5)).getProperties()).blobCommittedBlockCount).toBe(3);
    await Promise.all([...writers, reader].map((j) => j.close()));
  });

  it('when another instance appends while one opens, then the opening one starts (its head record is not mistaken for entries cut off the end)', async () => {
    const where = fresh();
    const other = await open(where);
    await other.append({ type: 'command.run', actor: { name: 'other' } });
    let appendedDuringOpen = false;
    // The moment the opening instance reads the head record, the other appends three more and records its head.
    const racing = {
      read: async (keys: string[]) => {
        if (!appendedDuringOpen) {
          appendedDuringOpen = true;
          for (let i = 0; i < 3; i++) await other.append({ type: 'command.run', actor: { name: 'other' }, data: { i } });
          await other.close();
        }
        return where.store.read(keys);
      },
      write: (changes: Record<string, unknown>) => where.store.write(changes),
    };
    const opening = await openBlobAuditJournal({ container: where.container, store: racing, now: Date.now });
    expect(appendedDuringOpen).toBe(true);
    expect(opening.head().seq).toBe(4);
    expect(await opening.verify()).toMatchObject({ ok: true, entries: 4 });
  });

  it('when the last segment is deleted, then the head record in the state store makes opening refuse', async () => {
    const where = fresh();
    const writer = await open(where, 4);
    for (let i = 0; i < 6; i++) await writer.append({ type: 'command.run', actor: { name: 'w' }, data: { i } });
    await writer.close();
    await where.container.getAppendBlobClient(segmentName(2)).delete();

    await expect(open(where, 4)).rejects.toThrow(AuditJournalError);
    await expect(open(where, 4)).rejects.toThrow(/2 entries missing from the end/);
    expect(await cli(where.env, 'verify')).toEqual({ code: 1, out: expect.stringContaining('BROKEN: 2 entries missing from the end') });
  });

  it('when an entry in a segment is not the chain\'s next one, then opening refuses to extend it', async () => {
    const where = fresh();
    const writer = await open(where);
    await writer.append({ type: 'command.run', actor: { name: 'w' } });
    const line = JSON.stringify({ seq: 7, at: 'x', type: 'command.run', actor: {}, data: {}, prev: '0'.repeat(64), hash: '1'.repeat(64) });
    await where.container.getAppendBlobClient(segmentName(1)).appendBlock(`${line}\n`, line.length + 1);

    await expect(open(where)).rejects.toThrow(/does not follow seq 1/);
    await expect(writer.append({ type: 'command.run', actor: { name: 'w' } })).rejects.toThrow(/does not follow/);
  });
});
