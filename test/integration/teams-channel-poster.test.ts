import pino from 'pino';
import { createAdapter } from '../../src/teams/adapter';
import { createTeamsChannelPoster } from '../../src/teams/channel-poster';
import { PostError } from '../../src/audit/outbox';
import { startConnectorRecorder } from '../support/connector-recorder';
import { cardOf, cardText } from '../support/card-text';

const card = (text: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text }] });
const AUDIT_CHANNEL = '19:verdict-demo-audit@thread.tacv2';

describe('Teams channel poster (proactive posts through the real CloudAdapter)', () => {
  it('when a thread is started and replied to, then the connector sees createConversation in the channel, then a post into that thread', async () => {
    const connector = await startConnectorRecorder();
    try {
      const adapter = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
      const poster = createTeamsChannelPoster({ adapter, appId: '', channelId: AUDIT_CHANNEL, serviceUrl: connector.url, tenantId: 'tenant-1' });

      const { threadId } = await poster.startThread(card('requested'));
      await poster.reply(threadId, card('approved'));

      const [create, reply] = connector.calls;
      expect(create?.path).toBe('/v3/conversations');
      expect(create?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: AUDIT_CHANNEL }, tenant: { id: 'tenant-1' } } });
      expect(cardText(cardOf(create?.body.activity as never))).toBe('requested');
      expect(threadId).toBe('sent-1');
      expect(reply?.path).toBe(`/v3/conversations/${threadId}/activities`);
      expect(cardText(cardOf(reply?.body as never))).toBe('approved');
    } finally {
      await connector.stop();
    }
  });

  it('when the connector is unreachable, then the failure is a transient PostError for the outbox to retry', async () => {
    const adapter = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
    const poster = createTeamsChannelPoster({ adapter, appId: '', channelId: AUDIT_CHANNEL, serviceUrl: 'http://127.0.0.1:9' });
    const error = await poster.startThread(card('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).transient).toBe(true);
  });
});
