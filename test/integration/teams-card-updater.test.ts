import pino from 'pino';
import { createAdapter } from '../../src/teams/adapter';
import { createTeamsCardUpdater } from '../../src/teams/card-updater';
import { serviceUrlPolicy } from '../../src/teams/service-url';
import { startConnectorRecorder } from '../support/connector-recorder';
import { cardOf, cardText } from '../support/card-text';

const card = (text: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text }] });
const adapter = () => createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));

describe('Teams card updater (proactive updates through the real CloudAdapter)', () => {
  it('when a card is updated outside a turn, then the connector sees a PUT of that activity in that conversation', async () => {
    const connector = await startConnectorRecorder();
    try {
      const updater = createTeamsCardUpdater({ adapter: adapter(), appId: '', trustServiceUrl: serviceUrlPolicy(false) });
      await updater.update({ conversationId: 'a:personal-chat', serviceUrl: connector.url, activityId: 'act-7' }, card('isolated'));
      expect(connector.calls.map((c) => [c.method, c.path])).toEqual([['PUT', '/v3/conversations/a%3Apersonal-chat/activities/act-7']]);
      expect(cardText(cardOf(connector.calls[0]?.body as never))).toBe('isolated');
    } finally {
      await connector.stop();
    }
  });

  it('when Teams refuses the update (404: message deleted), then the caller gets the error rather than an error message posted in the chat', async () => {
    const connector = await startConnectorRecorder(() => ({ status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } }));
    try {
      const updater = createTeamsCardUpdater({ adapter: adapter(), appId: '', trustServiceUrl: serviceUrlPolicy(false) });
      const error = await updater.update({ conversationId: '19:soc@thread.tacv2', serviceUrl: connector.url, activityId: 'act-1' }, card('x')).catch((e: unknown) => e);
      expect((error as { statusCode?: number }).statusCode).toBe(404);
      expect(connector.calls.map((c) => c.method)).toEqual(['PUT']);
    } finally {
      await connector.stop();
    }
  });

  it('when the stored connector endpoint is not one Verdict trusts in this mode, then nothing is sent (no token leaves)', async () => {
    const connector = await startConnectorRecorder();
    try {
      const updater = createTeamsCardUpdater({ adapter: adapter(), appId: '', trustServiceUrl: serviceUrlPolicy(true) });
      await expect(updater.update({ conversationId: 'a:chat', serviceUrl: connector.url, activityId: 'act-1' }, card('x'))).rejects.toThrow(/does not trust/);
      expect(connector.calls).toEqual([]);
    } finally {
      await connector.stop();
    }
  });
});
