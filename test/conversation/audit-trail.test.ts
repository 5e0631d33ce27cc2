import type { Activity } from 'botbuilder';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { cardOf, cardText } from '../support/card-text';
import { startConnectorRecorder, type RecordedCall } from '../support/connector-recorder';
import { BOT, cardClick, startConversation, type Conversation } from '../support/conversation';

/*
 * The audit trail as the composition root wires it into the bot: an install turn through the real
 * VerdictBot decides the channel, and the real outbox posts through the real adapter to a
 * loopback connector (the recorder). The TestAdapter only carries the turns in.
 */
const TEAM = { id: '19:soc-team@thread.tacv2', name: 'SOC' };
const AUDIT_CHANNEL = '19:verdict-audit@thread.tacv2';
const { megan, lee } = DEMO_USERS;

type Connector = Awaited<ReturnType<typeof startConnectorRecorder>>;
let conv: Conversation | undefined;
let connector: Connector;

beforeEach(async () => {
  // The install turn's welcome goes back through the TestAdapter, never to the connector.
  connector = await startConnectorRecorder();
});
afterEach(async () => {
  // The bot first: stopping the connector under a post in flight would leave the SDK retrying it.
  await conv?.stop();
  conv = undefined;
  await connector.stop();
});

const start = (env: Record<string, string> = {}) => startConversation(env, { auditOutbox: { minIntervalMs: 1, maxBackoffMs: 50 } });

/** Teams' "bot added to a team" event. */
const installedBy = (user: { name: string; aadObjectId: string }, team = TEAM): Partial<Activity> => ({
  type: 'conversationUpdate',
  channelId: 'msteams',
  serviceUrl: connector.url,
  from: { id: '29:installer', name: user.name, aadObjectId: user.aadObjectId },
  recipient: BOT,
  conversation: { id: team.id, conversationType: 'channel', isGroup: true, name: '' },
  membersAdded: [{ id: BOT.id, name: BOT.name }],
  channelData: { eventType: 'teamMemberAdded', team, tenant: { id: DEMO_TENANT_ID } },
});

const newThreads = () => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
const textOf = (call: RecordedCall) => cardText(cardOf(call.body.activity as never));
const channelSets = async () => (await conv?.built.journal.read({ since: 0, limit: 50 }))?.filter((e) => e.type === 'audit.channel-set') ?? [];

describe('audit channel captured on install (no AUDIT_CHANNEL_ID)', () => {
  it("when a reader installs Verdict in a team, then the channel is not set, nothing is journaled and nothing is posted; when an approver does, then the choice is journaled and the team's General channel gets the trail", async () => {
    conv = await start();

    await conv.send(installedBy(lee, { id: '19:lees-team@thread.tacv2', name: 'Lee' }));
    expect(conv.built.trail.channel()).toBeUndefined();
    expect(await channelSets()).toEqual([]);

    await conv.send(installedBy(megan));
    expect(conv.built.trail.channel()).toMatchObject({ channelId: TEAM.id, serviceUrl: connector.url });
    const [set] = await channelSets();
    expect(set).toMatchObject({ actor: { aadObjectId: megan.aadObjectId, name: megan.name }, data: { channelId: TEAM.id, teamName: TEAM.name, how: 'installed in the team' } });

    const first = await connector.next();
    expect(first.path).toBe('/v3/conversations');
    expect(first.body).toMatchObject({ channelData: { channel: { id: TEAM.id } } });
    expect(textOf(first)).toContain('Verdict posts its audit trail in this channel');
    // Lee's install was never a channel: every thread started went to the approver's team.
    expect(newThreads().map((c) => (c.body.channelData as { channel?: { id?: string } }).channel?.id)).toEqual([TEAM.id]);
  });
});

describe('outbox delivery to a configured audit channel', () => {
  it('when a responder asks for an isolation, then its journal entry reaches the channel as a new thread showing its #seq and reason', async () => {
    conv = await start({ AUDIT_CHANNEL_ID: AUDIT_CHANNEL, AUDIT_SERVICE_URL: connector.url });
    await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: DEMO_MACHINES.workstation.id, reason: 'beaconing to a known C2' }));
    const [requested] = (await conv.built.journal.read({ since: 0, limit: 50 })).filter((e) => e.type === 'containment.requested');
    if (!requested) throw new Error('the request was not journaled');

    let post = await connector.next();
    while (!textOf(post).includes(`#${requested.seq} `)) post = await connector.next();
    expect(post.path).toBe('/v3/conversations');
    expect(post.body).toMatchObject({ channelData: { channel: { id: AUDIT_CHANNEL } } });
    expect(textOf(post)).toContain('beaconing to a known C2');
  });
});
