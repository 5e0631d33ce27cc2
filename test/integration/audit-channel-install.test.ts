import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { startConnectorRecorder, type RecordedCall } from '../support/connector-recorder';

type Connector = Awaited<ReturnType<typeof startConnectorRecorder>>;
import { cardOf, cardText } from '../support/card-text';

const BOT_ID = '28:verdict-bot';
const TEAM = { id: '19:soc-team@thread.tacv2', name: 'SOC' };

/** Teams' "bot added to a team" event, as the connector posts it to /api/messages. */
function installedBy(user: { name: string; aadObjectId: string }, serviceUrl: string, team = TEAM) {
  return {
    type: 'conversationUpdate',
    id: `evt-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:installer', name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'Verdict' },
    conversation: { id: team.id, conversationType: 'channel', isGroup: true },
    membersAdded: [{ id: BOT_ID }],
    channelData: { eventType: 'teamMemberAdded', team, tenant: { id: DEMO_TENANT_ID } },
  };
}

describe('audit channel captured when an approver installs Verdict in a team (no AUDIT_CHANNEL_ID)', () => {
  let stateDir: string;
  let app: RunningVerdict | undefined;
  let connector: Connector;
  const env = () => ({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir, AUDIT_CHANNEL_ID: '', AUDIT_SERVICE_URL: '' });
  const start = async (extra: Record<string, string> = {}) => {
    app = await startVerdict({ ...env(), ...extra }, { logger: pino({ level: 'silent' }) });
  };
  const post = async (activity: object) => {
    const res = await fetch(`${app?.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
  };
  /** The channel each new thread was started in (createConversation's channelData). */
  const threadChannels = (calls: RecordedCall[]) => calls.filter((c) => c.path === '/v3/conversations').map((c) => (c.body.channelData as { channel?: { id?: string } }).channel?.id);

  beforeEach(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'verdict-install-'));
    // The install turn's welcome reply is not part of the trail (test/conversation/welcome covers it).
    connector = await startConnectorRecorder(undefined, (call) => JSON.stringify(call.body).includes('Welcome to Verdict'));
  });
  // The bot first: stopping the connector under a post in flight would leave the bot's SDK retrying it.
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await connector.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('when a reader installs it, then nothing is posted; when an approver does, the General channel gets the trail, and keeps it across a restart', async () => {
    await start();
    await post(installedBy(DEMO_USERS.lee, connector.url, { id: '19:lees-team@thread.tacv2', name: 'Lee' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls.filter((c) => c.path === '/v3/conversations')).toEqual([]);

    await post(installedBy(DEMO_USERS.megan, connector.url));
    const first = await connector.next();
    expect(first.path).toBe('/v3/conversations');
    expect(first.body).toMatchObject({ channelData: { channel: { id: TEAM.id } } });
    expect(cardText(cardOf(first.body.activity as never))).toContain('Verdict posts its audit trail in this channel');

    // A second team later does not move the trail.
    await post(installedBy(DEMO_USERS.megan, connector.url, { id: '19:other-team@thread.tacv2', name: 'Other' }));
    await app?.stop();
    app = undefined;

    // Journaled while Verdict was down: posted to the captured channel after the restart.
    const journal = await openFileAuditJournal({ path: join(stateDir, 'audit.jsonl'), now: Date.now });
    await journal.append({ type: 'containment.refused', actor: { name: 'Lee Gu' }, data: { verb: 'approve', reason: 'not-allowed' } });
    await journal.close();
    await start();
    const second = await connector.next();
    expect(second.body).toMatchObject({ channelData: { channel: { id: TEAM.id } } });
    expect(cardText(cardOf(second.body.activity as never))).toContain('Refused');
    expect(connector.calls.filter((c) => JSON.stringify(c.body).includes('other-team'))).toEqual([]);
  });

  it('when AUDIT_CHANNEL_ID is configured, then an install does not move the trail', async () => {
    await start({ AUDIT_CHANNEL_ID: '19:configured@thread.tacv2', AUDIT_SERVICE_URL: connector.url });
    await post(installedBy(DEMO_USERS.megan, connector.url));
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls).toEqual([]);
  });

  it('when an install names a connector that is not on loopback (no authentication locally), then it is refused, and a later loopback install is the one captured', async () => {
    await start();
    const refused = await fetch(`${app?.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(installedBy(DEMO_USERS.megan, 'https://attacker.example/')) });
    expect(refused.status).toBe(403);
    await post(installedBy(DEMO_USERS.megan, connector.url));
    expect((await connector.next()).body).toMatchObject({ channelData: { channel: { id: TEAM.id } } });
    expect(connector.calls.every((c) => !JSON.stringify(c.body).includes('attacker.example'))).toBe(true);
  });

  it('when an activity is posted as a form rather than JSON, then it is refused (415) before it reaches the bot', async () => {
    await start();
    const res = await fetch(`${app?.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=conversationUpdate&serviceUrl=https://attacker.example/' });
    expect(res.status).toBe(415);
  });

  it('when Verdict is removed from the team that holds the captured channel, then nothing more is posted there, and the next approver install gets the trail', async () => {
    await start();
    await post(installedBy(DEMO_USERS.megan, connector.url));
    await connector.next();
    await post({ ...installedBy(DEMO_USERS.megan, connector.url), membersAdded: [], membersRemoved: [{ id: BOT_ID }], channelData: { eventType: 'teamMemberRemoved', team: TEAM, tenant: { id: DEMO_TENANT_ID } } });
    // Journaled while there is no channel: it waits for the next one.
    const journaled = () => readFileSync(join(stateDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; data: { channelId?: string | null } });
    expect(journaled().map((e) => [e.type, e.data.channelId])).toEqual([
      ['audit.channel-set', TEAM.id],
      ['audit.channel-set', null],
    ]);
    await new Promise((r) => setTimeout(r, 1200));
    const before = connector.calls.length;
    expect(before).toBe(1);

    const other = { id: '19:new-home@thread.tacv2', name: 'SOC 2' };
    await post(installedBy(DEMO_USERS.megan, connector.url, other));
    await connector.next();
    await connector.next();
    const after = connector.calls.slice(before);
    // The removal entry, then the new "posts here" entry: both new threads in the new channel, nothing in the old one.
    expect(threadChannels(after)).toEqual([other.id, other.id]);
    expect(after.map((c) => cardText(cardOf(c.body.activity as never)))).toEqual([expect.stringContaining('Verdict was removed from the team'), expect.stringContaining('Verdict posts its audit trail in this channel')]);
    expect(cardText(cardOf(after[0]?.body.activity as never))).not.toContain('Verdict posts its audit trail in this channel');
  });
});
