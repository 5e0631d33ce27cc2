import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, type ChainHead } from '../../src/audit/journal';
import { sealEntry } from '../../src/audit/journal-chain';
import { openFileAuditJournal, type FileAuditJournal } from '../../src/audit/journal-file';

const T0 = Date.parse('2025-11-03T10:00:00.000Z');

/**
 * The outbox reads a batch per post and /audit the last n: with a journal that refusals grow
 * without bound, each read must touch only the entries it returns. Counted by the JSON lines
 * parsed (a whole-file read parses every line), never by time.
 */
describe('file audit journal: incremental reads', () => {
  const ENTRIES = 2_000;
  let dir: string;
  let journal: FileAuditJournal;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-read-'));
    const path = join(dir, 'audit.jsonl');
    let t = T0;
    // Sealed as the journal seals them and written in one go (2,000 fsyncs would be slow on a
    // busy machine), then opened: the start-up scan verifies them and builds the index.
    let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
    const lines: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const { entry, line } = sealEntry(head, { type: 'containment.refused', actor: { name: `user ${i}` }, data: { verb: 'approve', reason: 'no-role', i } }, new Date((t += 1_000)).toISOString());
      lines.push(line);
      head = { seq: entry.seq, hash: entry.hash };
    }
    await writeFile(path, lines.join(''));
    journal = await openFileAuditJournal({ path, now: () => (t += 1_000) });
  });
  afterAll(async () => {
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  });

  const parsedLines = async <T>(read: () => Promise<T>): Promise<{ result: T; parsed: number }> => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const result = await read();
      return { result, parsed: parse.mock.calls.filter(([text]) => typeof text === 'string' && text.startsWith('{"actor"')).length };
    } finally {
      parse.mockRestore();
    }
  };

  it('when the outbox reads a batch of 50 in the middle, then only those 50 lines are parsed', async () => {
    const { result, parsed } = await parsedLines(() => journal.read({ since: 1_000, limit: 50 }));
    expect(result.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 1_001 + i));
    expect(parsed).toBe(50);
  });

  it('when /audit reads the last 10, then only those 10 lines are parsed', async () => {
    const head = journal.head().seq;
    const { result, parsed } = await parsedLines(() => journal.read({ since: head - 10, limit: 10 }));
    expect(result.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => head - 9 + i));
    expect(parsed).toBe(10);
  });

  it('when entries are appended after opening, then the index grows with them and reads find them', async () => {
    const appended = await journal.append({ type: 'command.run', actor: { name: 'Megan Bowen' }, data: { command: '/audit' } });
    const { result, parsed } = await parsedLines(() => journal.read({ since: appended.seq - 2 }));
    expect(result.map((e) => e.seq)).toEqual([appended.seq - 1, appended.seq]);
    expect(result[1]).toEqual(appended);
    expect(parsed).toBe(2);
  });

  it('when reading past the head or with limit 0, then nothing is read', async () => {
    expect(await journal.read({ since: journal.head().seq })).toEqual([]);
    expect(await journal.read({ since: 3, limit: 0 })).toEqual([]);
    expect(await journal.read({ since: 3, limit: Number.NaN })).toEqual([]);
    expect((await journal.read({ since: Number.NaN, limit: 2 })).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('when the file was changed under the running journal, then a read fails rather than returning other entries', async () => {
    const path = join(dir, 'audit.jsonl');
    const original = await readFile(path, 'utf8');
    const lines = original.split('\n');
    [lines[4], lines[5]] = [lines[5] as string, lines[4] as string];
    await writeFile(path, lines.join('\n'));
    try {
      await expect(journal.read({ since: 4, limit: 1 })).rejects.toThrow(/line 5 holds seq 6 \(the file changed under the running bot\)/);
    } finally {
      await writeFile(path, original);
    }
  });
});
