import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import type { AuditJournal } from '../../src/audit/journal';
import { createOutbox, PostError, type ChannelPoster } from '../../src/audit/outbox';
import { auditEntryCard } from '../support/stored-request';
import { REPEAT_NOTE } from '../../src/cards/audit-entry-card';
import { interruptibleSleep } from '../../src/util/abortable-sleep';
import { cardText } from '../support/card-text';
import { memoryOutboxState, outboxOptions, virtualClock } from '../support/outbox-rig';

/** Deterministic PRNG (mulberry32) so the 30 % failure pattern is the same every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Posted {
  seq: number;
  thread: string;
  at: number;
  repeat: boolean;
}

function harness(opts: { failRate?: number; seed?: number; onPosted?: (count: number) => void } = {}) {
  const time = virtualClock();
  const random = prng(opts.seed ?? 7);
  const posted: Posted[] = [];
  let threads = 0;
  let failures = 0;
  const fail = () => {
    if (random() >= (opts.failRate ?? 0)) return;
    failures++;
    throw random() < 0.5 ? new PostError('throttled', 429, 2_500) : new PostError('bad gateway', 502);
  };
  const seqOf = (card: unknown) => Number(/#(\d+) /.exec(cardText(card))?.[1]);
  const repeat = (card: unknown) => cardText(card).includes(REPEAT_NOTE);
  const poster: ChannelPoster = {
    async startThread(card) {
      fail();
      const thread = `thread-${++threads}`;
      posted.push({ seq: seqOf(card), thread, at: time.now(), repeat: repeat(card) });
      opts.onPosted?.(posted.length);
      return { threadId: thread, activityId: `a-${posted.length}` };
    },
    async reply(thread, card) {
      fail();
      posted.push({ seq: seqOf(card), thread, at: time.now(), repeat: repeat(card) });
      opts.onPosted?.(posted.length);
      return { activityId: `a-${posted.length}` };
    },
  };
  const memory = memoryOutboxState();
  const base = (journal: AuditJournal) => outboxOptions(journal, poster, { state: memory.state, render: auditEntryCard, sleep: time.sleep, now: time.now, random });
  return { posted, sleeps: time.sleeps, base, failures: () => failures, saved: memory.saved };
}

async function fill(journal: AuditJournal, n: number) {
  for (let i = 1; i <= n; i++) {
    await journal.append({ type: i % 5 === 1 ? 'containment.requested' : 'containment.approved', actor: { name: `user ${i}` }, requestId: i % 7 === 0 ? undefined : `r${i % 4}`, data: { i } });
  }
}

describe('audit outbox', () => {
  it('when 30 % of posts fail (429 and 502), then every entry is delivered exactly once, in journal order', async () => {
    const h = harness({ failRate: 0.3 });
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 40);
    const outbox = createOutbox(h.base(journal));
    await outbox.drain();
    expect(h.failures()).toBeGreaterThan(5);
    expect(h.posted.map((p) => p.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(h.saved()).toMatchObject({ deliveredSeq: 40 });
    expect(h.saved().inFlight).toBeUndefined();
    expect(h.posted.some((p) => p.repeat)).toBe(false);
    await outbox.stop();
  });

  it('when a large backlog is delivered, then the journal is read in batches, not once per post', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 230);
    let reads = 0;
    const counting: AuditJournal = { ...journal, read: (options) => (reads++, journal.read(options)) };
    await createOutbox(h.base(counting)).drain();
    expect(h.posted).toHaveLength(230);
    // 5 batches of up to 50, the empty read that ends the run, and drain's own check.
    expect(reads).toBeLessThanOrEqual(8);
  });

  it('when a post is throttled, then the retry waits at least Retry-After', async () => {
    const h = harness({ failRate: 0.3 });
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 40);
    await createOutbox(h.base(journal)).drain();
    expect(h.sleeps.filter((ms) => ms >= 2_500).length).toBeGreaterThan(0);
  });

  it('when entries belong to a request, then they share one thread; entries without a request start their own', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 20);
    await createOutbox(h.base(journal)).drain();
    const entries = await journal.read({ since: 0, limit: 100 });
    const threadOf = new Map<string, Set<string>>();
    for (const p of h.posted) {
      const req = entries[p.seq - 1]?.requestId ?? `solo-${p.seq}`;
      threadOf.set(req, (threadOf.get(req) ?? new Set()).add(p.thread));
    }
    for (const threads of threadOf.values()) expect(threads.size).toBe(1);
    expect(new Set(h.posted.map((p) => p.thread)).size).toBe(threadOf.size);
  });

  it('when posting, then consecutive posts are at least a second apart', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 10);
    await createOutbox(h.base(journal)).drain();
    const gaps = h.posted.slice(1).map((p, i) => p.at - (h.posted[i] as Posted).at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it('when the bot stops mid-delivery and starts again, then nothing is lost or posted twice', async () => {
    let first: ReturnType<typeof createOutbox> | undefined;
    // The "kill": the process stops right after Teams accepted the 12th post.
    const h = harness({ failRate: 0.3, seed: 11, onPosted: (n) => void (n === 12 && first?.stop()) });
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 30);
    first = createOutbox(h.base(journal));
    first.kick();
    await first.drain();
    await first.stop();
    const deliveredBeforeRestart = h.saved().deliveredSeq;
    expect(deliveredBeforeRestart).toBeGreaterThanOrEqual(12);
    expect(deliveredBeforeRestart).toBeLessThan(30);
    await journal.append({ type: 'containment.succeeded', actor: { name: 'verdict' }, requestId: 'r1', data: {} });
    // A graceful stop saves the position of a post Teams took: nothing is in flight, nothing is marked.
    expect(h.saved().inFlight).toBeUndefined();
    const second = createOutbox(h.base(journal));
    await second.drain();
    expect(h.posted.map((p) => p.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(h.posted.some((p) => p.repeat)).toBe(false);
  });

  it('when new entries are appended while delivering, then a kick delivers them too', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 3);
    const outbox = createOutbox(h.base(journal));
    outbox.kick();
    await journal.append({ type: 'command.run', actor: { name: 'x' }, data: {} });
    outbox.kick();
    await outbox.drain();
    expect(h.posted.map((p) => p.seq)).toEqual([1, 2, 3, 4]);
  });

  it('when every post fails, then stop() returns without waiting out the backoff', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await fill(journal, 1);
    const down: ChannelPoster = { startThread: async () => Promise.reject(new PostError('down', 503)), reply: async () => Promise.reject(new PostError('down', 503)) };
    const state = { load: async () => ({ deliveredSeq: 0, threads: new Map() }), save: async () => {} };
    const outbox = createOutbox({ ...outboxOptions(journal, down, { state, render: auditEntryCard, sleep: interruptibleSleep, now: Date.now, minIntervalMs: 0 }), random: Math.random });
    outbox.kick();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await outbox.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('auditEntryCard', () => {
  it('when an entry carries hostile text, then it is escaped and the chain position is shown', async () => {
    const journal = createMemoryAuditJournal({ now: () => Date.parse('2026-11-21T10:00:00Z') });
    const entry = await journal.append({ type: 'containment.denied', actor: { name: '**Mallory** [x](http://evil)' }, requestId: 'r-9', data: { comment: '[click](http://evil)', nested: { a: 1 } } });
    const text = cardText(auditEntryCard(entry));
    expect(text).toContain('Denied');
    expect(text).toContain('\\*\\*Mallory\\*\\* \\[x\\](http://evil)');
    expect(text).toContain('request r-9');
    expect(text).toMatch(/#1 [0-9a-f]{16}/);
    // One level of nesting is flattened into its own line; never dumped as JSON.
    expect(text).toContain('nested.a');
    expect(text).not.toContain('{');
  });
});
