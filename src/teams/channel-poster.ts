import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Card } from '../cards/card';
import { PostError, type ChannelPoster } from '../audit/outbox';
import { cardActivity } from './card-activity';
import { channelOf, rootIdOf } from '../util/thread-id';
import { connectorOf, inProactiveTurn } from './proactive';

export interface ChannelPosterOptions {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' locally, where the connector takes unauthenticated calls). */
  appId: string;
  /** The audit channel's `19:…@thread.tacv2` id and its region's service URL. */
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
}

/** The part of botframework-connector's ConnectorClient used here (not a direct dependency). */
interface Conversations {
  conversations: { sendToConversation(conversationId: string, activity: object): Promise<{ id?: string }> };
}

/** The connector's HTTP status and Retry-After, so the outbox can tell transient failures. */
function postError(err: unknown): PostError {
  const e = err as { statusCode?: number; message?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
  return new PostError(e.message ?? 'post failed', e.statusCode, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
}

/** Proactive posts to a Teams channel: a new thread per request, replies into it. */
export function createTeamsChannelPoster(opts: ChannelPosterOptions): ChannelPoster {
  const channelData = { channel: { id: opts.channelId }, ...(opts.tenantId ? { tenant: { id: opts.tenantId } } : {}) };

  const inChannel = <T>(conversationId: string, work: (context: TurnContext) => Promise<T>) =>
    inProactiveTurn({ adapter: opts.adapter, appId: opts.appId, serviceUrl: opts.serviceUrl, conversationId, isGroup: true, conversationType: 'channel' }, work);

  /** Replaces a message in `conversationId`. */
  const updateIn = (conversationId: string, activityId: string, card: Card): Promise<void> =>
    inChannel(conversationId, async (context) => {
      await context.updateActivity({ ...cardActivity(card), id: activityId });
    });

  return {
    /**
     * A root post is addressed through its thread, as Teams' own references have it
     * (`<channel>;messageid=<root>`); a connector that keeps roots in the channel itself (the
     * Agents Playground's) answers 404 there, so the channel is tried next.
     */
    async updateRoot(threadId: string, activityId: string, card: Card) {
      try {
        await updateIn(threadId, activityId, card);
      } catch (err) {
        const channel = channelOf(threadId);
        if ((err as { statusCode?: number }).statusCode !== 404 || channel === threadId) throw postError(err);
        try {
          await updateIn(channel, activityId, card);
        } catch (again) {
          throw postError(again);
        }
      }
    },
    async startThread(card: Card) {
      let threadId: string | undefined;
      let activityId: string | undefined;
      try {
        await opts.adapter.createConversationAsync(
          opts.appId,
          'msteams',
          opts.serviceUrl,
          '',
          { isGroup: true, channelData, activity: cardActivity(card) as never, tenantId: opts.tenantId, bot: { id: opts.appId, name: 'Verdict' }, members: [] },
          async (context) => {
            threadId = context.activity.conversation?.id;
            // botbuilder drops createConversation's activityId (the continuation's id is the
            // conversation's); a channel thread's id names its root: `<channel>;messageid=<root>`.
            activityId = rootIdOf(threadId ?? '');
          },
        );
      } catch (err) {
        throw postError(err);
      }
      if (!threadId) throw new PostError('the connector returned no conversation id', 502);
      return { threadId, activityId };
    },
    async reply(threadId: string, card: Card) {
      try {
        const activityId = await inChannel(threadId, async (context) => {
          // sendActivity would reply to the synthetic activity id of the continuation; a thread
          // reply is a plain post into the thread's conversation.
          const activity = { ...cardActivity(card), type: 'message', from: { id: opts.appId, name: 'Verdict' } };
          return (await connectorOf<Conversations>(opts.adapter, context).conversations.sendToConversation(threadId, activity)).id;
        });
        return { activityId };
      } catch (err) {
        throw postError(err);
      }
    },
  };
}
