import { MemoryStorage } from 'botbuilder';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { notifyingJournal, storageOutboxState } from '../../src/audit/outbox-wiring';

describe('outbox wiring', () => {
  it('when nothing was delivered yet, then the state starts at seq 0 with no threads; a save is read back', async () => {
    const state = storageOutboxState(new MemoryStorage());
    expect(await state.load()).toEqual({ deliveredSeq: 0, threads: new Map() });
    await state.save({ deliveredSeq: 7, threads: new Map([['r1', '19:t1']]) });
    await state.save({ deliveredSeq: 8, threads: new Map([['r1', '19:t1'], ['r2', '19:t2']]) });
    expect(await state.load()).toEqual({ deliveredSeq: 8, threads: new Map([['r1', '19:t1'], ['r2', '19:t2']]) });
  });

  it('when state was saved before the in-flight marker existed, then it loads with nothing in flight; a marker is read back', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'audit-outbox/state': { deliveredSeq: 5, threads: { r1: '19:t1' }, eTag: '*' } });
    const state = storageOutboxState(storage);
    const old = await state.load();
    expect(old).toEqual({ deliveredSeq: 5, threads: new Map([['r1', '19:t1']]) });
    expect('inFlight' in old).toBe(false);
    await state.save({ ...old, inFlight: { seq: 6, at: '2026-11-21T10:00:00.000Z' } });
    expect(await state.load()).toEqual({ deliveredSeq: 5, threads: new Map([['r1', '19:t1']]), inFlight: { seq: 6, at: '2026-11-21T10:00:00.000Z' } });
    await state.save({ deliveredSeq: 6, threads: new Map([['r1', '19:t1']]) });
    expect('inFlight' in (await state.load())).toBe(false);
  });

  it('when a stored marker is malformed, then it is ignored rather than trusted', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'audit-outbox/state': { deliveredSeq: 2, threads: {}, inFlight: { seq: 'three' }, eTag: '*' } });
    expect(await storageOutboxState(storage).load()).toEqual({ deliveredSeq: 2, threads: new Map() });
  });

  it('when request ids are "__proto__" and "constructor", then their threads are saved and read back as any other', async () => {
    const state = storageOutboxState(new MemoryStorage());
    const threads = new Map([['__proto__', '19:a'], ['constructor', '19:b'], ['toString', '19:c']]);
    await state.save({ deliveredSeq: 3, threads, roots: new Map([['__proto__', { activityId: 'x', seq: 1 }]]) });
    const loaded = await state.load();
    expect([...loaded.threads]).toEqual([...threads]);
    expect(loaded.roots?.get('__proto__')).toEqual({ activityId: 'x', seq: 1 });
    expect(loaded.threads.get('hasOwnProperty')).toBeUndefined();
  });

  it('when state was saved as objects keyed by request id (before pairs), then it still loads, own keys only', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'audit-outbox/state': JSON.parse('{"deliveredSeq":4,"threads":{"r1":"19:t1","__proto__":"19:p"},"roots":{"r1":{"activityId":"a","seq":1}},"eTag":"*"}') });
    const loaded = await storageOutboxState(storage).load();
    expect(loaded).toEqual({ deliveredSeq: 4, threads: new Map([['r1', '19:t1'], ['__proto__', '19:p']]), roots: new Map([['r1', { activityId: 'a', seq: 1 }]]) });
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
