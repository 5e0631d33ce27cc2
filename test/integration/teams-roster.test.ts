import pino from 'pino';
import { createAdapter } from '../../src/teams/adapter';
import { createTeamsRoster } from '../../src/teams/roster';
import { serviceUrlPolicy } from '../../src/teams/service-url';
import { startConnectorRecorder } from '../support/connector-recorder';

/* Conversation members through the real CloudAdapter and a loopback Bot Connector. */
const adapter = () => createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
const roster = () => createTeamsRoster({ adapter: adapter(), appId: '', trustServiceUrl: serviceUrlPolicy(false) });
const people = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: `29:user-${from + i}`, aadObjectId: `aad-${from + i}`, name: `User ${from + i}` }));

describe('Teams roster (connector pagedmembers)', () => {
  it('when the members come in two pages, then both are read, and a channel thread is listed as its channel', async () => {
    const connector = await startConnectorRecorder((call) =>
      call.path.includes('continuationToken=page-2') ? { status: 200, body: { members: people(3, 5) } } : { status: 200, body: { members: people(0, 3), continuationToken: 'page-2' } },
    );
    try {
      const members = await roster().members({ conversationId: '19:soc@thread.tacv2;messageid=1700000000001', serviceUrl: connector.url }, 100);
      expect(members?.map((m) => m.id)).toEqual(people(0, 5).map((p) => p.id));
      expect(members?.[0]).toEqual({ id: '29:user-0', aadObjectId: 'aad-0', name: 'User 0' });
      expect(connector.calls.map((c) => [c.method, c.path.split('?')[0]])).toEqual([
        ['GET', '/v3/conversations/19%3Asoc%40thread.tacv2/pagedmembers'],
        ['GET', '/v3/conversations/19%3Asoc%40thread.tacv2/pagedmembers'],
      ]);
    } finally {
      await connector.stop();
    }
  });

  it('when there are more members than the limit, then the answer is "too many" and no further page is read', async () => {
    const connector = await startConnectorRecorder(() => ({ status: 200, body: { members: people(0, 3), continuationToken: 'more' } }));
    try {
      expect(await roster().members({ conversationId: '19:big@thread.tacv2', serviceUrl: connector.url }, 2)).toBeUndefined();
      expect(connector.calls).toHaveLength(1);
    } finally {
      await connector.stop();
    }
  });

  it('when the connector refuses (403), then the caller gets the error rather than a silent empty list', async () => {
    const connector = await startConnectorRecorder(() => ({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'no' } } }));
    try {
      const error = await roster().members({ conversationId: 'a:chat', serviceUrl: connector.url }, 100).catch((e: unknown) => e);
      expect((error as { statusCode?: number }).statusCode).toBe(403);
    } finally {
      await connector.stop();
    }
  });

  it('when the connector endpoint is not one Verdict trusts, then nothing is sent', async () => {
    await expect(roster().members({ conversationId: 'a:chat', serviceUrl: 'https://attacker.example/' }, 100)).rejects.toThrow(/does not trust/);
  });
});
