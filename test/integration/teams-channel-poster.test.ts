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

  it('when Teams refuses the post (403), then the failure is a PostError with that status, not transient', async () => {
    const connector = await startConnectorRecorder(() => ({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'not a member' } } }));
    try {
      const adapter = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
      const poster = createTeamsChannelPoster({ adapter, appId: '', channelId: AUDIT_CHANNEL, serviceUrl: connector.url });
      const error = await poster.reply('19:thread', card('x')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostError);
      expect((error as PostError).status).toBe(403);
      expect((error as PostError).transient).toBe(false);
    } finally {
      await connector.stop();
    }
  });

  // The connector SDK retries a refused connection itself for about five seconds first.
  it('when the connector is unreachable, then the failure is a transient PostError for the outbox to retry', async () => {
    const adapter = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
    const poster = createTeamsChannelPoster({ adapter, appId: '', channelId: AUDIT_CHANNEL, serviceUrl: 'http://127.0.0.1:9' });
    const error = await poster.startThread(card('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).transient).toBe(true);
  }, 20_000);

  it('when a root post is redrawn, then it is PUT through its thread; a connector that answers 404 there (the Playground) gets it in the channel', async () => {
    const thread = `${AUDIT_CHANNEL};messageid=root-1`;
    const connector = await startConnectorRecorder((call) => (call.path.includes(encodeURIComponent(';')) ? { status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'no' } } } : { status: 200 }));
    try {
      const adapter = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
      const poster = createTeamsChannelPoster({ adapter, appId: '', channelId: AUDIT_CHANNEL, serviceUrl: connector.url });
      await poster.updateRoot?.(thread, 'root-1', card('decided'));
      expect(connector.calls.map((c) => [c.method, c.path])).toEqual([
        ['PUT', `/v3/conversations/${encodeURIComponent(thread)}/activities/root-1`],
        ['PUT', `/v3/conversations/${encodeURIComponent(AUDIT_CHANNEL)}/activities/root-1`],
      ]);
      expect(cardText(cardOf(connector.calls[1]?.body as never))).toBe('decided');
    } finally {
      await connector.stop();
    }
  });

  it('when the redraw is refused for another reason (403), then it is a PostError and the channel is not tried', async () => {
    const connector = await startConnectorRecorder(() => ({ status: 403, body: { error: { code: 'Forbidden', message: 'no' } } }));
    try {
      const adapter = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, pino({ level: 'silent' }));
      const poster = createTeamsChannelPoster({ adapter, appId: '', channelId: AUDIT_CHANNEL, serviceUrl: connector.url });
      const error = await poster.updateRoot?.(`${AUDIT_CHANNEL};messageid=root-1`, 'root-1', card('x')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostError);
      expect(connector.calls).toHaveLength(1);
    } finally {
      await connector.stop();
    }
  });
});
