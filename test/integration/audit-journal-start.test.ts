import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { storageOutboxState } from '../../src/audit/outbox-wiring';
import { startVerdict } from '../../src/main';
import { createStorage } from '../../src/store';

/**
 * The bot at start, with its real journal and file state store: a journal behind what the
 * outbox already posted (its delivered position) must not be extended, or the outbox would
 * skip the new entries, which reuse the lost seqs, without posting them.
 */
describe('Verdict start: the journal against its anchors', () => {
  let stateDir: string;
  const journalPath = () => join(stateDir, 'audit.jsonl');
  const env = () => ({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir });
  const start = () => startVerdict(env(), { logger: pino({ level: 'silent' }) });
  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'verdict-start-'));
    const journal = await openFileAuditJournal({ path: journalPath(), now: Date.now });
    for (let n = 1; n <= 4; n++) await journal.append({ type: 'command.run', actor: { name: 'Megan Bowen' }, data: { command: '/audit', n } });
    await journal.close();
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  const deliveredUpTo = async (seq: number) => {
    const store = await createStorage({ kind: 'file', dir: join(stateDir, 'state') });
    await storageOutboxState(store).save({ deliveredSeq: seq, threads: new Map() });
  };

  it('when the outbox delivered past the end of the journal (journal and head record replaced), then Verdict refuses to start and says how many are missing', async () => {
    await deliveredUpTo(4);
    await truncate(journalPath(), 0);
    await rm(join(stateDir, 'audit.head.json'));
    const started = await start().then(
      async (app) => void (await app.stop()),
      (e: unknown) => e as Error,
    );
    expect(started?.message).toMatch(/4 entries missing from the end: the audit outbox \(delivered position in the state store\) records seq 4, the journal ends at seq 0/);
    expect(await readFile(journalPath(), 'utf8')).toBe('');
  });

  it('when an entry in the middle of the journal was edited, then Verdict refuses to start rather than extend the broken chain', async () => {
    const before = (await readFile(journalPath(), 'utf8')).replace('"n":2', '"n":7');
    await writeFile(journalPath(), before);
    const started = await start().then(
      async (app) => void (await app.stop()),
      (e: unknown) => e as Error,
    );
    expect(started?.message).toMatch(/chain is broken at seq 2 \(line 2\): seq 2: hash does not match its content \(edited\)\. Refusing to extend a broken chain/);
    expect(await readFile(journalPath(), 'utf8')).toBe(before);
  });

  it('when the outbox is behind or level with the journal, then Verdict starts', async () => {
    await deliveredUpTo(3);
    const app = await start();
    await app.stop();
  });
});
