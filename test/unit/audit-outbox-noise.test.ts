import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import type { AuditJournal } from '../../src/audit/journal';
import { createOutbox, type ChannelPoster, type OutboxState } from '../../src/audit/outbox';
import { REPEAT_NOTE } from '../../src/cards/audit-entry-card';
import { SUMMARY_TITLE } from '../../src/cards/audit-refusal-summary-card';
import { cardText } from '../support/card-text';
import { memoryOutboxState, outboxOptions, virtualClock } from '../support/outbox-rig';

/* Refusal noise is journaled one by one and posted as summaries, after everything else, each once. */
function harness(journal: AuditJournal) {
  const time = virtualClock();
  const posted: { text: string; at: number }[] = [];
  let dieAfterPost = (_text: string) => false;
  const poster: ChannelPoster = {
    async startThread(card) {
      posted.push({ text: cardText(card), at: time.now() });
      return { threadId: `t-${posted.length}`, activityId: `a-${posted.length}` };
    },
    async reply(_t, card) {
      posted.push({ text: cardText(card), at: time.now() });
      return {};
    },
  };
  const memory = memoryOutboxState();
  let dead = false;
  const life = () => {
    dead = false;
    const save = async (s: OutboxState) => {
      // A kill after a post Teams took, before its position was saved.
      if (dead || (!s.inFlight && posted.length > 0 && dieAfterPost(posted[posted.length - 1]?.text ?? ''))) {
        dead = true;
        void outbox.stop();
        throw new Error('killed');
      }
      memory.keep(s);
    };
    const outbox = createOutbox(outboxOptions(journal, poster, { state: { load: memory.state.load, save }, sleep: time.sleep, now: time.now }));
    return outbox;
  };
  const lines = () => posted.map((p) => (p.text.startsWith(SUMMARY_TITLE) ? /^[^\n]*/.exec(p.text)?.[0] : `#${/#(\d+) /.exec(p.text)?.[1]}`));
  return { posted, life, lines, saved: memory.saved, killAfter: (f: (text: string) => boolean) => void (dieAfterPost = f) };
}

const noise = (journal: AuditJournal, n: number, name = 'Mallory') =>
  (async () => {
    for (let i = 0; i < n; i++) await journal.append({ type: 'containment.refused', actor: { aadObjectId: `id-${name}`, name }, data: { verb: 'approve', reason: 'no-role' } });
  })();
const request = (journal: AuditJournal, type: 'containment.requested' | 'containment.approved' = 'containment.requested') =>
  journal.append({ type, actor: { name: 'Alex' }, requestId: 'request-0001', data: { kind: 'block-file' } });

describe('audit outbox: refusal noise', () => {
  it('when refusals come between a request and its approval, then both are posted first, in order, and the refusals as one summary, once', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await noise(journal, 30);
    await request(journal);
    await noise(journal, 20, 'Eve');
    await request(journal, 'containment.approved');
    const h = harness(journal);
    await h.life().drain();
    expect(h.lines()).toEqual(['#31', '#52', `${SUMMARY_TITLE}: 50 from 2 people`]);
    expect(h.saved()).toEqual({ deliveredSeq: 52, threads: expect.any(Map), roots: expect.any(Map) });
  });

  it('when refusals keep coming, then summaries are at most one a minute', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    const h = harness(journal);
    const outbox = h.life();
    for (let round = 0; round < 5; round++) {
      await noise(journal, 10);
      await outbox.drain();
    }
    const summaries = h.posted.filter((p) => p.text.startsWith(SUMMARY_TITLE));
    expect(summaries.length).toBe(5);
    summaries.slice(1).forEach((s, i) => expect(s.at - (summaries[i]?.at ?? 0)).toBeGreaterThanOrEqual(60_000));
  });

  it('when the bot dies after a summary was posted and before it was saved, then the restart posts it once more, marked, covering the same entries', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await noise(journal, 5);
    await request(journal);
    const h = harness(journal);
    h.killAfter((text) => text.startsWith(SUMMARY_TITLE));
    await h.life().drain();
    expect(h.saved()).toMatchObject({ deliveredSeq: 6, summarizedSeq: 0, inFlight: { seq: 6, summary: true } });
    await noise(journal, 3);
    h.killAfter(() => false);
    await h.life().drain();
    const summaries = h.posted.filter((p) => p.text.startsWith(SUMMARY_TITLE));
    expect(summaries.map((p) => [/^[^\n]*/.exec(p.text)?.[0], p.text.includes(REPEAT_NOTE)])).toEqual([
      [`${SUMMARY_TITLE}: 5 from 1 person`, false],
      [`${SUMMARY_TITLE}: 5 from 1 person`, true],
      [`${SUMMARY_TITLE}: 3 from 1 person`, false],
    ]);
    expect(h.saved()).toEqual({ deliveredSeq: 9, threads: expect.any(Map), roots: expect.any(Map) });
  });
});
