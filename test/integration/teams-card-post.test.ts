import pino from 'pino';
import { createAdapter } from '../../src/teams/adapter';
import { createTeamsCardUpdater } from '../../src/teams/card-updater';
import { serviceUrlPolicy } from '../../src/teams/service-url';
import { startConnectorRecorder } from '../support/connector-recorder';
import { cardOf, cardText } from '../support/card-text';

const card = (text: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text }] });
const adapter = () => createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));

describe('Teams card updater: a new message outside a turn (the requester’s news)', () => {
  it('when a card is posted, then the connector sees a plain POST into the conversation, not a reply to a synthetic activity', async () => {
    const connector = await startConnectorRecorder();
    try {
      const updater = createTeamsCardUpdater({ adapter: adapter(), appId: '', trustServiceUrl: serviceUrlPolicy(false) });
      await updater.post?.({ conversationId: 'a:personal-chat', serviceUrl: connector.url }, card('approved'));
      expect(connector.calls.map((c) => [c.method, c.path])).toEqual([['POST', '/v3/conversations/a%3Apersonal-chat/activities']]);
      expect(cardText(cardOf(connector.calls[0]?.body as never))).toBe('approved');
    } finally {
      await connector.stop();
    }
  });

  it('when the stored connector endpoint is not one Verdict trusts in this mode, then nothing is sent', async () => {
    const connector = await startConnectorRecorder();
    try {
      const updater = createTeamsCardUpdater({ adapter: adapter(), appId: '', trustServiceUrl: serviceUrlPolicy(true) });
      await expect(updater.post?.({ conversationId: 'a:chat', serviceUrl: connector.url }, card('x'))).rejects.toThrow(/does not trust/);
      expect(connector.calls).toEqual([]);
    } finally {
      await connector.stop();
    }
  });
});
