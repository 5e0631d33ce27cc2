import { auditChannelRender } from '../../src/app/audit-channel-render';
import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { createAuditTrail, type AuditTrail } from '../../src/audit/audit-trail';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import type { ChannelPoster } from '../../src/audit/outbox';
import type { Leadership } from '../../src/util/leadership';
import { everyoneIs } from '../support/app-deps';

/** The trail's cards as main.ts hands them in, without containment: the plain ones. */
const cards = auditChannelRender(undefined, everyoneIs('approver'), pino({ level: 'silent' }));

/* Several instances, one store: the install may land on an instance that does not post. */
const leads = (leader: boolean): Leadership => ({ isLeader: () => leader, onChange: (l) => (l(leader), () => undefined), stop: async () => undefined });
/** Waits for `what`, giving up (a failure, not a hang) after 1,000 looks. */
const until = async (what: () => boolean) => {
  for (let i = 0; !what(); i++) {
    if (i > 1000) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('audit trail with several instances', () => {
  let trails: AuditTrail[] = [];
  afterEach(async () => {
    await Promise.all(trails.map((t) => t.stop()));
    trails = [];
  });

  it('when an approver installs Verdict through an instance that does not lead, then the leading instance posts to that channel, and stops once another instance is removed from the team', async () => {
    const store = new MemoryStorage();
    const journal = createMemoryAuditJournal({ now: Date.now });
    const posted: string[] = [];
    const posterFor = (to: { channelId: string }): ChannelPoster => ({
      startThread: async () => (posted.push(to.channelId), { threadId: `${to.channelId};messageid=${posted.length}`, activityId: String(posted.length) }),
      reply: async () => ({}),
    });
    const make = (leader: boolean) =>
      createAuditTrail({ journal, store, posterFor, roles: everyoneIs('approver'), logger: pino({ level: 'silent' }), trustServiceUrl: () => true, pace: { minIntervalMs: 0 }, leadership: { leadership: leads(leader), pollMs: 10 } });
    const [leader, follower] = [make(true), make(false)];
    trails = [leader, follower];
    await leader.start(cards);
    await follower.start(cards);

    await follower.installedInTeam({ channelId: '19:soc@thread.tacv2', teamName: 'SOC', serviceUrl: 'https://smba.example/emea/', by: { aadObjectId: 'm1', name: 'Megan' } });
    await until(() => posted.length === 1);
    expect(posted).toEqual(['19:soc@thread.tacv2']);
    expect(leader.channel()?.channelId).toBe('19:soc@thread.tacv2');

    await follower.removedFromTeam('19:soc@thread.tacv2');
    await until(() => leader.channel() === undefined);
    await journal.append({ type: 'command.run', actor: { name: 'after' } });
    leader.kick();
    await new Promise((r) => setTimeout(r, 50));
    // The channel-set entry was posted; nothing after the removal went to the team Verdict left.
    expect(posted).toEqual(['19:soc@thread.tacv2']);
  });
});
