import { MemoryStorage } from 'botbuilder';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { notifyingJournal, storageOutboxState } from '../../src/audit/outbox-wiring';

describe('outbox wiring', () => {
  it('when nothing was delivered yet, then the state starts at seq 0 with no threads; a save is read back', async () => {
    const state = storageOutboxState(new MemoryStorage());
    expect(await state.load()).toEqual({ deliveredSeq: 0, threads: {} });
    await state.save({ deliveredSeq: 7, threads: { r1: '19:t1' } });
    await state.save({ deliveredSeq: 8, threads: { r1: '19:t1', r2: '19:t2' } });
    expect(await state.load()).toEqual({ deliveredSeq: 8, threads: { r1: '19:t1', r2: '19:t2' } });
  });

  it('when an entry is appended, then the hook runs after it is in the journal, once per append', async () => {
    const seen: number[] = [];
    const inner = createMemoryAuditJournal({ now: () => 0 });
    const journal = notifyingJournal(inner, () => seen.push(inner.head().seq));
    await journal.append({ type: 'command.run', actor: {}, data: {} });
    await journal.append({ type: 'command.run', actor: {}, data: {} });
    expect(seen).toEqual([1, 2]);
    expect((await journal.verify()).ok).toBe(true);
  });
});
