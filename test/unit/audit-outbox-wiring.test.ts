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

  it('when state was saved before the in-flight marker existed, then it loads with nothing in flight; a marker is read back', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'audit-outbox/state': { deliveredSeq: 5, threads: { r1: '19:t1' }, eTag: '*' } });
    const state = storageOutboxState(storage);
    const old = await state.load();
    expect(old).toEqual({ deliveredSeq: 5, threads: { r1: '19:t1' } });
    expect('inFlight' in old).toBe(false);
    await state.save({ ...old, inFlight: { seq: 6, at: '2026-11-21T10:00:00.000Z' } });
    expect(await state.load()).toEqual({ deliveredSeq: 5, threads: { r1: '19:t1' }, inFlight: { seq: 6, at: '2026-11-21T10:00:00.000Z' } });
    await state.save({ deliveredSeq: 6, threads: { r1: '19:t1' } });
    expect('inFlight' in (await state.load())).toBe(false);
  });

  it('when a stored marker is malformed, then it is ignored rather than trusted', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'audit-outbox/state': { deliveredSeq: 2, threads: {}, inFlight: { seq: 'three' }, eTag: '*' } });
    expect(await storageOutboxState(storage).load()).toEqual({ deliveredSeq: 2, threads: {} });
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
