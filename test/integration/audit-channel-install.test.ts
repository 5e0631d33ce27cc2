import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { startConnectorRecorder } from '../support/connector-recorder';
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
  const env = () => ({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir, AUDIT_CHANNEL_ID: '', AUDIT_SERVICE_URL: '' });
  const post = async (activity: object) => {
    const res = await fetch(`${app?.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
  };

  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'verdict-install-'));
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('when a reader installs it, then nothing is posted; when an approver does, the General channel gets the trail, and keeps it across a restart', async () => {
    const connector = await startConnectorRecorder();
    try {
      app = await startVerdict(env(), { logger: pino({ level: 'silent' }) });
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
      await app.stop();
      app = undefined;

      // Journaled while Verdict was down: posted to the captured channel after the restart.
      const journal = await openFileAuditJournal({ path: join(stateDir, 'audit.jsonl'), now: Date.now });
      await journal.append({ type: 'containment.refused', actor: { name: 'Lee Gu' }, data: { verb: 'approve', reason: 'not-allowed' } });
      await journal.close();
      app = await startVerdict(env(), { logger: pino({ level: 'silent' }) });
      const second = await connector.next();
      expect(second.body).toMatchObject({ channelData: { channel: { id: TEAM.id } } });
      expect(cardText(cardOf(second.body.activity as never))).toContain('Refused');
      expect(connector.calls.filter((c) => JSON.stringify(c.body).includes('other-team'))).toEqual([]);
    } finally {
      await connector.stop();
    }
  });

  it('when AUDIT_CHANNEL_ID is configured, then an install does not move the trail', async () => {
    const connector = await startConnectorRecorder();
    try {
      app = await startVerdict({ ...env(), AUDIT_CHANNEL_ID: '19:configured@thread.tacv2', AUDIT_SERVICE_URL: connector.url }, { logger: pino({ level: 'silent' }) });
      await post(installedBy(DEMO_USERS.megan, connector.url));
      await new Promise((r) => setTimeout(r, 300));
      expect(connector.calls).toEqual([]);
    } finally {
      await connector.stop();
    }
  });
});
