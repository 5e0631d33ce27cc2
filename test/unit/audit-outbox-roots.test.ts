import type { Card } from '../../src/cards/card';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import type { AuditEntryInput, AuditJournal } from '../../src/audit/journal';
import { createOutbox, PostError, type ChannelPoster } from '../../src/audit/outbox';
import { auditChannelCard, auditRootCard } from '../../src/cards/audit-channel-card';
import { cardText } from '../support/card-text';
import { memoryOutboxState, outboxOptions, virtualClock } from '../support/outbox-rig';

/*
 * A request's first card in the audit channel (the thread's root) carries Approve / Deny while
 * the request waits; once the request moves on, the root is redrawn without them, saying where it
 * stands, so no live button is left on a decided request.
 */
interface Call {
  op: 'start' | 'reply' | 'update';
  thread: string;
  activityId?: string;
  text: string;
  at: number;
  card: Card;
}

function harness(opts: { failUpdates?: boolean } = {}) {
  const time = virtualClock();
  const calls: Call[] = [];
  let threads = 0;
  const where = { channel: '19:audit@thread.tacv2' };
  const poster: ChannelPoster = {
    async startThread(card) {
      const thread = `${where.channel};messageid=root-${++threads}`;
      calls.push({ op: 'start', thread, text: cardText(card), at: time.now(), card });
      return { threadId: thread, activityId: `root-${threads}` };
    },
    async reply(thread, card) {
      calls.push({ op: 'reply', thread, text: cardText(card), at: time.now(), card });
      return { activityId: `reply-${calls.length}` };
    },
    async updateRoot(thread, activityId, card) {
      calls.push({ op: 'update', thread, activityId, text: cardText(card), at: time.now(), card });
      if (opts.failUpdates) throw new PostError('message deleted', 404);
    },
  };
  const memory = memoryOutboxState();
  const options = (journal: AuditJournal) => outboxOptions(journal, poster, { state: memory.state, render: auditChannelCard, renderRoot: auditRootCard, sleep: time.sleep, now: time.now });
  return { calls, options, saved: memory.saved, where };
}

const entries = (requestId: string): AuditEntryInput[] => [
  { type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId, data: { kind: 'block-file' } },
  { type: 'containment.refused', actor: { name: 'Alex Wilber' }, requestId, data: { verb: 'approve', reason: 'four-eyes' } },
  { type: 'containment.approved', actor: { name: 'Megan Bowen' }, requestId, data: {} },
  { type: 'containment.succeeded', actor: { name: 'verdict' }, requestId, data: { mdeId: '42' } },
];

const actionsOf = (card: Card) => ((card as { actions?: { title?: string }[] }).actions ?? []).map((a) => a.title);

describe('audit channel: the request root follows its request', () => {
  it('when a request is approved and done, then its root loses Approve/Deny and says where it stands; a refusal changes nothing', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    for (const e of entries('req-1')) await journal.append(e);
    await createOutbox(h.options(journal)).drain();

    expect(h.calls.map((c) => c.op)).toEqual(['start', 'reply', 'reply', 'update', 'reply', 'update']);
    const [root, , , afterApproval, , afterSuccess] = h.calls;
    expect(actionsOf(root?.card as Card)).toEqual(expect.arrayContaining(['Approve', 'Deny']));
    expect(afterApproval).toMatchObject({ thread: root?.thread, activityId: 'root-1' });
    expect(afterApproval?.text).toMatch(/Now: Approved \(Megan Bowen/);
    expect(afterSuccess?.text).toMatch(/Now: Defender accepted \(verdict/);
    for (const update of [afterApproval, afterSuccess]) {
      expect(actionsOf(update?.card as Card)).not.toContain('Approve');
      expect((update?.card as { refresh?: unknown }).refresh).toBeUndefined();
      expect(update?.text).toContain('Containment requested');
    }
    // Redraws are paced like posts.
    const gaps = h.calls.slice(1).map((c, i) => c.at - (h.calls[i] as Call).at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it('when the outbox restarts before the decision, then the root is still redrawn (read back from the journal)', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    const [requested, , approved] = entries('req-2');
    await journal.append(requested as AuditEntryInput);
    const first = createOutbox(h.options(journal));
    await first.drain();
    await first.stop();
    expect(h.saved().roots).toEqual(new Map([['req-2', { activityId: 'root-1', seq: 1 }]]));

    await journal.append(approved as AuditEntryInput);
    await createOutbox(h.options(journal)).drain();
    expect(h.calls.map((c) => c.op)).toEqual(['start', 'reply', 'update']);
    expect(h.calls[2]?.text).toMatch(/Now: Approved/);
  });

  it('when Teams refuses the redraw, then delivery goes on: every entry is still posted once, in order', async () => {
    const h = harness({ failUpdates: true });
    const journal = createMemoryAuditJournal({ now: () => 0 });
    for (const e of [...entries('req-3'), ...entries('req-4')]) await journal.append(e);
    await createOutbox(h.options(journal)).drain();
    expect(h.calls.filter((c) => c.op !== 'update')).toHaveLength(8);
    expect(h.saved().deliveredSeq).toBe(8);
  });

  it('when the trail moved to another channel mid-request, then the request continues in a new thread there, not in the old channel', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    const [requested, , approved, succeeded] = entries('req-6');
    await journal.append(requested as AuditEntryInput);
    const before = createOutbox(h.options(journal));
    await before.drain();
    await before.stop();
    await journal.append(approved as AuditEntryInput);
    await journal.append(succeeded as AuditEntryInput);
    // Verdict left the team of 19:audit; the trail is now in 19:new-home (its threads are named after it).
    h.where.channel = '19:new-home@thread.tacv2';
    await createOutbox({ ...h.options(journal), channelId: h.where.channel }).drain();
    const after = h.calls.slice(1);
    expect(after.map((c) => c.op)).toEqual(['start', 'reply', 'update']);
    expect(after.every((c) => !c.thread.startsWith('19:audit@thread.tacv2;'))).toBe(true);
    expect(h.saved().roots?.get('req-6')).toMatchObject({ seq: 2 });
  });

  it('when entries have no request, then nothing is redrawn', async () => {
    const h = harness();
    const journal = createMemoryAuditJournal({ now: () => 0 });
    await journal.append({ type: 'audit.channel-set', actor: { name: 'Megan Bowen' }, data: { channelId: '19:audit@thread.tacv2' } });
    await journal.append({ type: 'command.run', actor: { name: 'Alex Wilber' }, data: {} });
    await createOutbox(h.options(journal)).drain();
    expect(h.calls.map((c) => c.op)).toEqual(['start', 'start']);
    expect(h.saved().roots).toBeUndefined();
  });
});

describe('auditChannelCard for a request', () => {
  it('when the channel approvers are known and Teams gives per-user views, then the posted root has no Approve/Deny and its refresh names them', async () => {
    const journal = createMemoryAuditJournal({ now: () => 0 });
    const entry = await journal.append({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'req-5', data: {} });
    const viewers = { userIds: ['29:megan'], approverNames: ['Megan Bowen'] };
    const shared = auditChannelCard(entry, { viewers, perUserViews: false }) as Card & { refresh?: { userIds?: string[] } };
    expect(actionsOf(shared)).toEqual(['Approve', 'Deny']);
    expect(shared.refresh?.userIds).toEqual(['29:megan']);
    const perUser = auditChannelCard(entry, { viewers, perUserViews: true }) as Card & { refresh?: { userIds?: string[] } };
    expect(actionsOf(perUser)).toEqual([]);
    expect(perUser.refresh?.userIds).toEqual(['29:megan']);
    expect(cardText(perUser)).toMatch(/Can decide here\s+Megan Bowen/);
  });
});
