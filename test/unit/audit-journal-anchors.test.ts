import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditJournalError, type AuditEntryInput } from '../../src/audit/journal';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { checkAnchors, outboxAnchor, parseCardAnchors } from '../../src/audit/journal-anchors';

const T0 = Date.parse('2025-11-03T10:00:00.000Z');
const clock = () => {
  let t = T0;
  return () => (t += 1_000);
};
const requested = (n: number): AuditEntryInput => ({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: `req-${n}`, data: { n } });

describe('file audit journal: anchored head', () => {
  let dir: string;
  let path: string;
  const open$ = (extra: Partial<Parameters<typeof openFileAuditJournal>[0]> = {}) => openFileAuditJournal({ path, now: clock(), ...extra });
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);
  const written = async (n: number) => {
    const journal = await open$();
    for (let i = 1; i <= n; i++) await journal.append(requested(i));
    await journal.close();
  };
  const keepLines = async (n: number) => {
    const keep = (await readFile(path, 'utf8')).split('\n').slice(0, n).join('\n') + '\n';
    await truncate(path, Buffer.byteLength(keep));
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-anchor-'));
    path = join(dir, 'audit.jsonl');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when entries are appended, then the head record beside the journal names the last one', async () => {
    const journal = await open$();
    await journal.append(requested(1));
    const last = await journal.append(requested(2));
    expect(journal.headPath).toBe(join(dir, 'audit.head.json'));
    expect(JSON.parse(await readFile(journal.headPath, 'utf8'))).toEqual({ seq: 2, hash: last.hash, at: last.at });
    await journal.close();
  });

  it('when the last entries were cut off while the bot was stopped, then opening refuses: "2 entries missing from the end"', async () => {
    await written(5);
    await keepLines(3);
    const error = await failure(open$());
    expect(error).toBeInstanceOf(AuditJournalError);
    expect(error?.message).toMatch(/2 entries missing from the end: the head record .*audit\.head\.json records seq 5, the journal ends at seq 3/);
    expect(error?.message).toMatch(/Refusing to extend it/);
  });

  it('when the tail was cut and re-written as a sound chain, then opening refuses: that seq is not the anchored entry', async () => {
    await written(4);
    const record = await readFile(join(dir, 'audit.head.json'), 'utf8');
    await keepLines(2);
    // A forger without the head record re-chains two new entries, then puts the record back.
    const forger = await open$({ headPath: join(dir, 'elsewhere.json') });
    await forger.append({ ...requested(3), data: { n: 30 } });
    await forger.append({ ...requested(4), data: { n: 40 } });
    await forger.close();
    await writeFile(join(dir, 'audit.head.json'), record);
    expect((await failure(open$()))?.message).toMatch(/seq 4 is not the entry the head record .* records .*rewritten/);
  });

  it('when an entry in the middle was edited, then opening refuses (the whole chain is checked, not only the last line)', async () => {
    await written(4);
    await writeFile(path, (await readFile(path, 'utf8')).replace('"n":2', '"n":9'));
    const error = await failure(open$());
    expect(error).toBeInstanceOf(AuditJournalError);
    expect(error?.message).toMatch(/chain is broken at seq 2 \(line 2\): seq 2: hash does not match its content \(edited\)\. Refusing to extend a broken chain/);
  });

  it('when the head record is missing or unreadable, then the journal opens and writes it again', async () => {
    await written(2);
    for (const damage of [() => rm(join(dir, 'audit.head.json')), () => writeFile(join(dir, 'audit.head.json'), 'garbage')]) {
      await damage();
      const journal = await open$();
      expect(JSON.parse(await readFile(journal.headPath, 'utf8'))).toMatchObject({ seq: 2, hash: journal.head().hash });
      await journal.close();
    }
  });

  it('when a crash left a head-record temp file, then opening removes it', async () => {
    await written(1);
    await writeFile(join(dir, 'audit.head.json.0b5c-crash.tmp'), '{"seq":2');
    const journal = await open$();
    expect((await readdir(dir)).sort()).toEqual(['audit.head.json', 'audit.jsonl']);
    await journal.close();
  });

  it('when the journal is intact and the record is behind it (a crash between the two writes), then it opens and catches up', async () => {
    await written(3);
    const behind = await readFile(join(dir, 'audit.head.json'), 'utf8');
    const journal = await open$();
    await journal.append(requested(4));
    await journal.close();
    await writeFile(join(dir, 'audit.head.json'), behind);
    const reopened = await open$();
    expect(reopened.head().seq).toBe(4);
    expect(JSON.parse(await readFile(reopened.headPath, 'utf8'))).toMatchObject({ seq: 4 });
    await reopened.close();
  });
});

describe('checkAnchors', () => {
  const head = { seq: 3, hash: 'c'.repeat(64) };
  const hashAt = (seq: number) => ({ 1: 'a'.repeat(64), 2: 'b'.repeat(64), 3: 'c'.repeat(64) })[seq];

  it('when the outbox delivered past the head, then it says how many entries are missing from the end', () => {
    expect(checkAnchors(head, [outboxAnchor(5)], () => undefined)).toEqual([
      expect.objectContaining({ ok: false, problem: 'missing-from-end', missing: 2, message: expect.stringMatching(/^2 entries missing from the end: the audit outbox .* records seq 5, the journal ends at seq 3$/) }),
    ]);
    expect(checkAnchors(head, [outboxAnchor(3), outboxAnchor(0)], () => undefined).every((f) => f.ok)).toBe(true);
  });

  it('when cards copied from the channel are given, then a matching prefix passes and another hash is a rewrite', () => {
    const [good, bad] = checkAnchors(head, parseCardAnchors(`2:${'b'.repeat(16)},#1 ${'f'.repeat(16)}`), hashAt);
    expect(good).toMatchObject({ ok: true });
    expect(bad).toMatchObject({ ok: false, problem: 'rewritten', message: expect.stringContaining('the audit channel card #1') });
  });

  it.each(['12', '12:xyz', '12:abc', 'a:12345678'])('when --expect is %j, then it is refused with an example', (text) => {
    expect(() => parseCardAnchors(text)).toThrow(/seq:hash pairs .*\(e\.g\. 12:/);
  });
});
