import { MemoryStorage } from 'botbuilder';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { createOutbox, type ChannelPoster } from '../../src/audit/outbox';
import { storageOutboxState } from '../../src/audit/outbox-wiring';
import { THREADS_KEPT } from '../../src/audit/outbox-threads';
import { outboxOptions } from '../support/outbox-rig';

/* The outbox's state must not grow with every request ever seen, nor be rewritten twice per post. */
function countingStorage() {
  const inner = new MemoryStorage();
  const writes: string[] = [];
  return {
    writes,
    read: (keys: string[]) => inner.read(keys),
    write: (changes: Record<string, unknown>) => (writes.push(...Object.keys(changes)), inner.write(changes as never)),
  };
}

async function deliver(requests: number, storage: ReturnType<typeof countingStorage>) {
  const journal = createMemoryAuditJournal({ now: () => 0 });
  for (let i = 0; i < requests; i++) await journal.append({ type: 'containment.requested', actor: { name: 'Alex' }, requestId: `request-${String(i).padStart(4, '0')}`, data: {} });
  let threads = 0;
  const replies: string[] = [];
  const poster: ChannelPoster = {
    startThread: async () => ({ threadId: `19:c@thread.tacv2;messageid=${++threads}`, activityId: String(threads) }),
    reply: async (thread) => (replies.push(thread), {}),
  };
  const outbox = createOutbox(outboxOptions(journal, poster, { state: storageOutboxState(storage), minIntervalMs: 0, random: Math.random }));
  await outbox.drain();
  return { journal, outbox, replies, poster };
}

describe('audit outbox state', () => {
  it('when more requests than it keeps were posted, then only the most recent requests\' threads are kept, and a recent one is still replied into', async () => {
    const storage = countingStorage();
    const { journal, outbox, replies } = await deliver(THREADS_KEPT + 100, storage);
    const state = await storageOutboxState(storage).load();
    expect(state.threads.size).toBe(THREADS_KEPT);
    expect(state.roots?.size).toBe(THREADS_KEPT);
    expect(state.threads.has('request-0000')).toBe(false);
    await journal.append({ type: 'containment.approved', actor: { name: 'Megan' }, requestId: `request-${String(THREADS_KEPT + 99).padStart(4, '0')}`, data: {} });
    await outbox.drain();
    expect(replies).toEqual([state.threads.get(`request-${String(THREADS_KEPT + 99).padStart(4, '0')}`)]);
  });

  it('when entries are posted, then the state is written once per post (the in-flight marker apart)', async () => {
    const storage = countingStorage();
    await deliver(40, storage);
    expect(storage.writes.filter((k) => k === 'audit-outbox/state')).toHaveLength(40);
    expect(storage.writes.filter((k) => k === 'audit-outbox/in-flight')).toHaveLength(40);
  });
});
