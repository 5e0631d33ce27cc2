import type { CloudAdapter } from 'botbuilder';
import type { CardUpdater } from '../app/card-updater';
import { cardActivity } from './card-activity';
import { connectorOf, inProactiveTurn } from './proactive';

/** The part of botframework-connector's ConnectorClient used here (not a direct dependency). */
interface Conversations {
  conversations: { sendToConversation(conversationId: string, activity: object): Promise<{ id?: string }> };
}

/**
 * Proactive card updates (continueConversation + updateActivity): how a card is redrawn when
 * nobody clicked, e.g. an isolation's MachineAction finished or a request expired.
 */
export function createTeamsCardUpdater(opts: { adapter: CloudAdapter; appId: string; trustServiceUrl: (url: string) => boolean }): CardUpdater {
  return {
    async update(ref, card) {
      // Checked again at use: stored data may predate the bot's current identity settings.
      if (!opts.trustServiceUrl(ref.serviceUrl)) throw new Error('not calling a connector endpoint Verdict does not trust in this mode');
      await inProactiveTurn({ adapter: opts.adapter, appId: opts.appId, serviceUrl: ref.serviceUrl, conversationId: ref.conversationId }, async (context) => {
        await context.updateActivity({ ...cardActivity(card), id: ref.activityId });
      });
    },
    async post(where, card) {
      if (!opts.trustServiceUrl(where.serviceUrl)) throw new Error('not calling a connector endpoint Verdict does not trust in this mode');
      await inProactiveTurn({ adapter: opts.adapter, appId: opts.appId, serviceUrl: where.serviceUrl, conversationId: where.conversationId }, async (context) => {
        // sendActivity would reply to the continuation's synthetic activity id (which the Agents
        // Playground refuses); a new message is a plain post into the conversation.
        const activity = { ...cardActivity(card), type: 'message', from: { id: opts.appId, name: 'Verdict' } };
        await connectorOf<Conversations>(opts.adapter, context).conversations.sendToConversation(where.conversationId, activity);
      });
    },
  };
}
