import { createMemoryAuditJournal } from '../../src/audit/journal-memory';

describe('memory audit journal', () => {
  it('when entries are appended at once, then they chain in call order and verify', async () => {
    const journal = createMemoryAuditJournal({ now: () => Date.parse('2025-11-03T10:00:00Z') });
    const entries = await Promise.all(
      ['containment.requested', 'containment.approved', 'containment.executing', 'containment.succeeded'].map((type) =>
        journal.append({ type: type as 'containment.requested', actor: { name: 'x' }, requestId: 'r1' }),
      ),
    );
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[1]?.prev).toBe(entries[0]?.hash);
    expect(await journal.verify()).toMatchObject({ ok: true, entries: 4, head: { seq: 4, hash: entries[3]?.hash } });
    expect((await journal.read({ since: 2 })).map((e) => e.type)).toEqual(['containment.executing', 'containment.succeeded']);
  });

  it('when data holds a value JSON cannot keep, then append rejects and nothing is recorded', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await expect(journal.append({ type: 'command.run', actor: {}, data: { at: new Date(0) } })).rejects.toThrow(TypeError);
    expect(journal.head().seq).toBe(0);
  });
});
