import pino from 'pino';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { createOutbox, PostError, type ChannelPoster } from '../../src/audit/outbox';
import { auditEntryCard } from '../../src/cards/audit-entry-card';
import { SKIPPED_TITLE } from '../../src/cards/audit-skipped-card';
import { cardText } from '../support/card-text';
import { memoryOutboxState, outboxOptions, virtualClock } from '../support/outbox-rig';

/* No single entry may hold up the audit channel for good: one it will not take is replaced by a notice. */
function harness(fail: (text: string) => PostError | Error | undefined) {
  const time = virtualClock();
  const posted: string[] = [];
  const errors: string[] = [];
  const send = async (card: unknown) => {
    const text = cardText(card);
    const failure = fail(text);
    if (failure) throw failure;
    posted.push(text);
  };
  const poster: ChannelPoster = {
    startThread: async (card) => (await send(card), { threadId: `t-${posted.length}`, activityId: `a-${posted.length}` }),
    reply: async (_thread, card) => (await send(card), {}),
  };
  const memory = memoryOutboxState();
  const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line).msg) });
  const journal = createMemoryAuditJournal({ now: () => 0 });
  const outbox = (render = auditEntryCard) =>
    createOutbox(outboxOptions(journal, poster, { state: memory.state, render, sleep: time.sleep, now: time.now, logger }));
  return { journal, posted, errors, outbox, saved: memory.saved };
}

const append = (h: ReturnType<typeof harness>, name: string) => h.journal.append({ type: 'containment.refused', actor: { name }, requestId: `request-${h.journal.head().seq + 1}`, data: { verb: 'approve', reason: 'already-decided' } });

describe('audit outbox: an entry the channel will not take', () => {
  it('when Teams refuses one entry (400) every time, then a "could not post entry #n" notice takes its place, the next entries follow, and the error is logged', async () => {
    const h = harness((text) => (text.includes('poison') ? new PostError('bad request', 400) : undefined));
    for (const name of ['alice', 'poison', 'bob']) await append(h, name);
    await h.outbox().drain();
    expect(h.posted.map((t) => t.split('\n')[0])).toEqual(['Refused: the request was already decided', `${SKIPPED_TITLE} #2`, 'Refused: the request was already decided']);
    expect(h.posted[1]).toMatch(/#2 [0-9a-f]{16}/);
    expect(h.posted[1]).not.toContain('poison');
    expect(h.saved().deliveredSeq).toBe(3);
    expect(h.errors).toContain('could not post an audit entry; posting a notice in its place (the journal keeps the entry)');
  });

  it('when building an entry\'s card throws (an error in Verdict), then it is not retried without end', async () => {
    const h = harness(() => undefined);
    for (const name of ['alice', 'bob']) await append(h, name);
    let renders = 0;
    await h
      .outbox((entry, options) => {
        if (entry.seq === 1) {
          renders++;
          throw new TypeError("Cannot read properties of undefined (reading 'includes')");
        }
        return auditEntryCard(entry, options);
      })
      .drain();
    expect(renders).toBe(3);
    expect(h.posted.map((t) => t.split('\n')[0])).toEqual([`${SKIPPED_TITLE} #1`, 'Refused: the request was already decided']);
  });

  it('when Teams keeps failing one entry with 502, then it is retried for a long while, but not for ever', async () => {
    let failures = 0;
    const h = harness((text) => (text.includes('alice') ? (failures++, new PostError('bad gateway', 502)) : undefined));
    for (const name of ['alice', 'bob']) await append(h, name);
    await h.outbox().drain();
    expect(failures).toBe(20);
    expect(h.posted.map((t) => t.split('\n')[0])).toEqual([`${SKIPPED_TITLE} #1`, 'Refused: the request was already decided']);
  });

  it('when Teams throttles (429) a few times, then the entry itself is posted', async () => {
    let failures = 0;
    const h = harness((text) => (text.includes('alice') && failures < 5 ? (failures++, new PostError('throttled', 429, 1000)) : undefined));
    await append(h, 'alice');
    await h.outbox().drain();
    expect(h.posted.map((t) => t.split('\n')[0])).toEqual(['Refused: the request was already decided']);
  });
});

describe('audit outbox: the channel refusing Verdict itself (401/403)', () => {
  it('when Teams answers 401 or 403 for a while (an expired secret, the bot removed), then the entry is not replaced by a notice: it is posted once Teams takes posts again', async () => {
    let failures = 0;
    // Every post fails while Verdict's own access is refused; the notice would fail the same way.
    const h = harness(() => (failures < 12 ? new PostError('forbidden', failures++ % 2 ? 401 : 403) : undefined));
    for (const name of ['alice', 'bob']) await append(h, name);
    await h.outbox().drain();
    expect(failures).toBe(12);
    expect(h.posted.map((t) => t.split('\n')[0])).toEqual(['Refused: the request was already decided', 'Refused: the request was already decided']);
    expect(h.posted.join('\n')).not.toContain(SKIPPED_TITLE);
    expect(h.errors).toContain('the audit channel refuses Verdict itself (401/403); retrying the entry, not replacing it');
  });
});
