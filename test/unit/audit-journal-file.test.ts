import { appendFile, mkdtemp, open, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditJournalError, type AuditEntryInput } from '../../src/audit/journal';
import { openFileAuditJournal, type FileAuditJournal } from '../../src/audit/journal-file';
import { readTail } from '../../src/audit/journal-tail';

const T0 = Date.parse('2025-11-03T10:00:00.000Z');
const clock = () => {
  let t = T0;
  return () => (t += 1_000);
};
const requested = (n: number): AuditEntryInput => ({
  type: 'containment.requested',
  actor: { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
  requestId: `req-${n}`,
  data: { kind: 'block-file', sha256: 'ab'.repeat(32), n },
});

describe('file audit journal', () => {
  let dir: string;
  let path: string;
  const open$ = (extra: Partial<Parameters<typeof openFileAuditJournal>[0]> = {}) => openFileAuditJournal({ path, now: clock(), ...extra });
  const lines = async () => (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-journal-'));
    path = join(dir, 'state', 'audit.jsonl');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when entries are appended, then each is on disk when append resolves, and read returns them in order', async () => {
    const journal = await open$();
    const first = await journal.append(requested(1));
    expect(await lines()).toHaveLength(1);
    await journal.append({ type: 'containment.approved', actor: { name: 'Megan Bowen' }, requestId: 'req-1', data: {} });
    expect(first).toMatchObject({ seq: 1, at: '2025-11-03T10:00:01.000Z', type: 'containment.requested', requestId: 'req-1' });
    expect((await journal.read()).map((e) => [e.seq, e.type])).toEqual([[1, 'containment.requested'], [2, 'containment.approved']]);
    expect(JSON.parse((await lines())[0] as string)).toEqual(first);
    await journal.close();
  });

  it('when reading since a seq with a limit, then only later entries, at most that many, come back', async () => {
    const journal = await open$();
    for (let n = 1; n <= 6; n++) await journal.append(requested(n));
    expect((await journal.read({ since: 2, limit: 3 })).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect((await journal.read({ since: journal.head().seq - 2 })).map((e) => e.seq)).toEqual([5, 6]);
    await journal.close();
  });

  it('when fifty appends are made at once, then seqs follow call order and the chain verifies', async () => {
    const journal = await open$();
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append(requested(i + 1))));
    expect(entries.map((e) => e.seq)).toEqual(entries.map((e) => (e.data as { n: number }).n));
    expect(await journal.verify()).toMatchObject({ ok: true, entries: 50 });
    await journal.close();
  });

  it('when the journal is reopened, then it continues the chain from the last line', async () => {
    const before = await open$();
    await before.append(requested(1));
    const last = await before.append(requested(2));
    await before.close();
    const after = await open$();
    expect(after.head()).toEqual({ seq: 2, hash: last.hash });
    expect(after.recovery).toMatchObject({ tornBytes: 0, completedLastLine: false });
    expect(await after.append(requested(3))).toMatchObject({ seq: 3, prev: last.hash });
    expect(await after.verify()).toMatchObject({ ok: true, entries: 3 });
    await after.close();
  });

  it('when a crash left half a line, then reopening sets it aside in a .torn file, cuts it off and carries on', async () => {
    const journal = await open$();
    await journal.append(requested(1));
    await journal.close();
    const torn = '{"seq":2,"at":"2025-11-03T10:';
    await appendFile(path, torn);
    const reopened = await open$();
    expect(reopened.recovery).toMatchObject({ head: { seq: 1 }, tornBytes: Buffer.byteLength(torn) });
    expect(await readFile(reopened.recovery.tornFile as string, 'utf8')).toBe(torn);
    expect(await reopened.append(requested(2))).toMatchObject({ seq: 2 });
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 2 });
    await reopened.close();
  });

  it('when the last entry is whole but lacks its newline, then reopening keeps it and adds the newline', async () => {
    const journal = await open$();
    await journal.append(requested(1));
    const second = await journal.append(requested(2));
    await journal.close();
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, -1));
    const reopened = await open$();
    expect(reopened.recovery).toMatchObject({ completedLastLine: true, tornBytes: 0, head: { seq: 2, hash: second.hash } });
    expect(await readFile(path, 'utf8')).toBe(text);
    await reopened.close();
  });

  it('when a torn line is found and the journal is told to refuse, then opening fails and the file is untouched', async () => {
    const journal = await open$();
    await journal.append(requested(1));
    await journal.close();
    await appendFile(path, '{"seq":2');
    const before = await readFile(path, 'utf8');
    await expect(open$({ onTornTail: 'refuse' })).rejects.toThrow(/\(a torn append\); refusing to open/);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('when the last complete line was tampered with, then opening refuses to extend the chain', async () => {
    const journal = await open$();
    await journal.append(requested(1));
    await journal.close();
    await writeFile(path, (await readFile(path, 'utf8')).replace('"n":1', '"n":7'));
    const error = await open$().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AuditJournalError);
    expect((error as Error).message).toMatch(/hash does not match.*refusing to extend a damaged chain/);
  });

  it('when an entry in the file is edited, then verify reports it', async () => {
    const journal = await open$();
    for (let n = 1; n <= 4; n++) await journal.append(requested(n));
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"requestId":"req-2"', '"requestId":"req-X"'));
    expect(await journal.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('edited') });
    await journal.close();
  });

  it('when entries are cut off the end while the journal runs, then verify notices against its own head', async () => {
    const journal = await open$();
    for (let n = 1; n <= 3; n++) await journal.append(requested(n));
    const keep = (await readFile(path, 'utf8')).split('\n').slice(0, 2).join('\n') + '\n';
    await truncate(path, Buffer.byteLength(keep));
    expect(await journal.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('entries removed from the end') });
    await journal.close();
  });

  it('when an entry is too large, then append refuses it and the journal is unchanged', async () => {
    const journal = await open$({ maxEntryBytes: 1024 });
    await expect(journal.append({ ...requested(1), data: { blob: 'x'.repeat(2000) } })).rejects.toThrow(RangeError);
    expect(journal.head().seq).toBe(0);
    expect(await journal.append(requested(1))).toMatchObject({ seq: 1 });
    await journal.close();
  });

  it('when the journal is closed, then later appends reject', async () => {
    const journal: FileAuditJournal = await open$();
    await journal.close();
    await expect(journal.append(requested(1))).rejects.toThrow(/closed/);
  });

  it('when the last line is far from the end of a small first chunk, then readTail grows its window until it finds it', async () => {
    const journal = await open$();
    for (let n = 1; n <= 3; n++) await journal.append(requested(n));
    await journal.close();
    await appendFile(path, 'torn');
    const handle = await open(path, 'r');
    const size = (await handle.stat()).size;
    const tail = await readTail(handle, size, 8);
    await handle.close();
    expect(JSON.parse(tail.lastLine as string)).toMatchObject({ seq: 3 });
    expect(tail.fragment.toString()).toBe('torn');
    expect(tail.fragmentStart).toBe(size - 4);
    // Reading the tail creates nothing (no .torn file): only the journal and its head record.
    expect((await readdir(join(dir, 'state'))).sort()).toEqual(['audit.head.json', 'audit.jsonl']);
  });
});
