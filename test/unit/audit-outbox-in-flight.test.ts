import pino from 'pino';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import type { AuditJournal } from '../../src/audit/journal';
import { createOutbox, PostError, type ChannelPoster, type OutboxState } from '../../src/audit/outbox';
import { auditEntryCard, REPEAT_NOTE } from '../../src/cards/audit-entry-card';
import { cardText } from '../support/card-text';
import { memoryOutboxState, outboxOptions } from '../support/outbox-rig';

/** Never settles: the process died here (a SIGKILL leaves no promise to resolve). */
const dies = () => new Promise<never>(() => {});

interface Posted {
  seq: number;
  repeat: boolean;
  /** The state saved when Teams received the post. */
  savedAtPost: OutboxState;
}

/**
 * One "disk" (the saved state) shared by successive outboxes, as a process's restarts share
 * the state store. `lives[i]` scripts process i: fail or die at a given post or save.
 */
function machine(journal: AuditJournal) {
  const memory = memoryOutboxState();
  const saves: OutboxState[] = [];
  const posted: Posted[] = [];
  const warnings: { msg: string; seq?: number }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as { msg: string; seq?: number }) });

  function life(script: { failPost?: (seq: number) => PostError | 'die' | undefined; dieOnSave?: (s: OutboxState) => boolean; dieInBackoff?: boolean; failSave?: (s: OutboxState) => boolean } = {}) {
    const record = async (card: unknown): Promise<void> => {
      const text = cardText(card);
      const seq = Number(/#(\d+) /.exec(text)?.[1]);
      const failure = script.failPost?.(seq);
      if (failure === 'die') return dies();
      if (failure) throw failure;
      posted.push({ seq, repeat: text.includes(REPEAT_NOTE), savedAtPost: memory.saved() });
    };
    const poster: ChannelPoster = {
      startThread: async (card) => (await record(card), { threadId: `t-${posted.length}` }),
      reply: async (_thread, card) => (await record(card), {}),
    };
    const save = async (s: OutboxState) => {
      if (script.dieOnSave?.(s)) return dies();
      if (script.failSave?.(s)) throw new Error('disk full');
      saves.push(s);
      memory.keep(s);
    };
    const sleep = async () => (script.dieInBackoff ? dies() : undefined);
    return createOutbox(outboxOptions(journal, poster, { state: { load: memory.state.load, save }, sleep, minIntervalMs: 0, random: () => 0.5, logger }));
  }

  /** Runs one life until it has delivered everything, or died (then after a moment). */
  async function run(outbox: ReturnType<typeof life>): Promise<void> {
    await Promise.race([outbox.drain(), new Promise((r) => setTimeout(r, 50))]);
  }

  return { life, run, posted, saves, warnings, saved: memory.saved };
}

async function fill(journal: AuditJournal, n: number) {
  for (let i = 1; i <= n; i++) await journal.append({ type: 'containment.approved', actor: { name: `u${i}` }, requestId: `r${i % 2}`, data: { i } });
}

describe('audit outbox in-flight marker', () => {
  it('when an entry is posted, then its marker is saved before the post and cleared with the position', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 3);
    const m = machine(journal);
    await m.run(m.life());
    expect(m.posted.map((p) => [p.seq, p.savedAtPost.inFlight?.seq, p.savedAtPost.deliveredSeq])).toEqual([
      [1, 1, 0],
      [2, 2, 1],
      [3, 3, 2],
    ]);
    // Exactly one extra write per post.
    expect(m.saves.map((s) => [s.deliveredSeq, s.inFlight?.seq])).toEqual([
      [0, 1],
      [1, undefined],
      [1, 2],
      [2, undefined],
      [2, 3],
      [3, undefined],
    ]);
    expect(m.saved().inFlight).toBeUndefined();
  });

  it('when the bot dies after Teams took a post and before its position was saved, then that one entry is re-sent marked, and logged', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 5);
    const m = machine(journal);
    await m.run(m.life({ dieOnSave: (s) => s.deliveredSeq === 3 && !s.inFlight }));
    expect(m.saved()).toMatchObject({ deliveredSeq: 2, inFlight: { seq: 3 } });

    await m.run(m.life());
    expect(m.posted.map((p) => [p.seq, p.repeat])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [3, true],
      [4, false],
      [5, false],
    ]);
    expect(m.warnings.filter((w) => /possible repeat/.test(w.msg)).map((w) => w.seq)).toEqual([3]);
    expect(m.saved()).toEqual({ deliveredSeq: 5, threads: expect.any(Object) });
  });

  it('when the bot dies after the marker was saved but before the post left, then the entry is sent once, marked (the bot cannot tell)', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 2);
    const m = machine(journal);
    await m.run(m.life({ failPost: (seq) => (seq === 2 ? 'die' : undefined) }));
    expect(m.saved()).toMatchObject({ deliveredSeq: 1, inFlight: { seq: 2 } });
    await m.run(m.life());
    expect(m.posted.map((p) => [p.seq, p.repeat])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('when Teams refused the post (429) and the bot dies in the backoff, then the restart posts the entry once, unmarked', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 3);
    const m = machine(journal);
    await m.run(m.life({ failPost: (seq) => (seq === 2 ? new PostError('throttled', 429, 1000) : undefined), dieInBackoff: true }));
    expect(m.saved()).toEqual({ deliveredSeq: 1, threads: expect.any(Object) });

    await m.run(m.life());
    expect(m.posted.map((p) => [p.seq, p.repeat])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
  });

  it('when a post failed with a 502 (it may have gone through) and the bot dies in the backoff, then the restart marks the entry', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 2);
    const m = machine(journal);
    await m.run(m.life({ failPost: (seq) => (seq === 2 ? new PostError('bad gateway', 502) : undefined), dieInBackoff: true }));
    expect(m.saved().inFlight?.seq).toBe(2);
    await m.run(m.life());
    expect(m.posted.map((p) => [p.seq, p.repeat])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('when a restarted bot is refused again (429) and dies once more, then the old marker survives and the entry is still marked', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 2);
    const m = machine(journal);
    await m.run(m.life({ dieOnSave: (s) => s.deliveredSeq === 2 && !s.inFlight }));
    await m.run(m.life({ failPost: () => new PostError('throttled', 429, 1000), dieInBackoff: true }));
    expect(m.saved().inFlight?.seq).toBe(2);
    await m.run(m.life());
    expect(m.posted.map((p) => [p.seq, p.repeat])).toEqual([
      [1, false],
      [2, false],
      [2, true],
    ]);
  });

  it('when saving the position after a post fails, then only the save is retried: the post is not repeated', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 2);
    const m = machine(journal);
    let failures = 2;
    await m.run(m.life({ failSave: (s) => s.deliveredSeq === 1 && !s.inFlight && failures-- > 0 }));
    expect(m.posted.map((p) => p.seq)).toEqual([1, 2]);
    expect(m.saved()).toEqual({ deliveredSeq: 2, threads: expect.any(Object) });
  });
});

describe('auditEntryCard as a possible repeat', () => {
  it('when an entry is re-sent as a possible repeat, then the card says so; otherwise it does not', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    const entry = await journal.append({ type: 'containment.approved', actor: { name: 'a' }, requestId: 'r-1', data: {} });
    expect(cardText(auditEntryCard(entry, { possibleRepeat: true }))).toContain(REPEAT_NOTE);
    expect(cardText(auditEntryCard(entry))).not.toContain(REPEAT_NOTE);
  });
});
