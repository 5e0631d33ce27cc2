import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { rateLimitingRefusals } from '../../src/audit/refusal-rate';
import { isRefusalNoise } from '../../src/audit/outbox-noise';

function setup(options: { perPerson?: number; windowMs?: number; maxPeople?: number } = {}) {
  let clock = 0;
  const inner = createMemoryAuditJournal({ now: () => clock });
  const journal = rateLimitingRefusals(inner, { now: () => clock, ...options });
  const refuse = (aadObjectId: string) => journal.append({ type: 'containment.refused', actor: { name: 'x', aadObjectId }, requestId: 'r-1', data: { verb: 'cancel', reason: 'not-requester' } });
  return { journal, refuse, advance: (ms: number) => void (clock += ms) };
}

describe('refusals rate-limited per person on their way to the audit channel', () => {
  it('when one person is refused more than the allowance within the window, then every refusal is journaled and the ones past it are marked as noise', async () => {
    const h = setup({ perPerson: 3 });
    const entries = [];
    for (let i = 0; i < 6; i++) entries.push(await h.refuse('AAA-1'));
    expect(entries.map((e) => e.data.rateLimited === true)).toEqual([false, false, false, true, true, true]);
    expect(entries.map(isRefusalNoise)).toEqual([false, false, false, true, true, true]);
    expect(await h.journal.read()).toHaveLength(6);
  });

  it('when the window has passed, then the person is posted one by one again; other people are counted on their own, ids compared case-blind', async () => {
    const h = setup({ perPerson: 2, windowMs: 1000 });
    await h.refuse('aaa-1');
    await h.refuse('AAA-1');
    expect((await h.refuse('bbb-2')).data.rateLimited).toBeUndefined();
    expect((await h.refuse('Aaa-1')).data.rateLimited).toBe(true);
    h.advance(1000);
    expect((await h.refuse('aaa-1')).data.rateLimited).toBeUndefined();
  });

  it('when ids are built-in names or too many people click, then nothing breaks and the memory stays bounded', async () => {
    const h = setup({ perPerson: 1, maxPeople: 3 });
    for (const id of ['constructor', '__proto__', 'toString']) expect((await h.refuse(id)).data.rateLimited).toBeUndefined();
    expect((await h.refuse('constructor')).data.rateLimited).toBe(true);
    // A fourth person pushes out the one heard from longest ago (__proto__, since constructor was just seen).
    await h.refuse('someone-else');
    expect((await h.refuse('__proto__')).data.rateLimited).toBeUndefined();
  });

  it('when an entry is not a refusal, then it passes unmarked however often', async () => {
    const h = setup({ perPerson: 1 });
    for (let i = 0; i < 3; i++) {
      const e = await h.journal.append({ type: 'containment.requested', actor: { name: 'x', aadObjectId: 'aaa-1' }, requestId: `r-${i}`, data: {} });
      expect(e.data.rateLimited).toBeUndefined();
    }
  });
});
