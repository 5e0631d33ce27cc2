import type { CloudAdapter } from 'botbuilder';
import type { CardUpdater } from '../app/card-updater';
import { cardActivity } from './card-activity';

/**
 * Proactive card updates (continueConversation + updateActivity): how a card is redrawn when
 * nobody clicked, e.g. an isolation's MachineAction finished or a request expired.
 */
export function createTeamsCardUpdater(opts: { adapter: CloudAdapter; appId: string; trustServiceUrl: (url: string) => boolean }): CardUpdater {
  return {
    async update(ref, card) {
      // Checked again at use: stored data may predate the bot's current identity settings.
      if (!opts.trustServiceUrl(ref.serviceUrl)) throw new Error('not calling a connector endpoint Verdict does not trust in this mode');
      let failure: unknown;
      await opts.adapter.continueConversationAsync(
        opts.appId,
        { channelId: 'msteams', serviceUrl: ref.serviceUrl, conversation: { id: ref.conversationId, isGroup: false, conversationType: '', name: '' }, bot: { id: opts.appId, name: 'Verdict' } },
        async (context) => {
          try {
            await context.updateActivity({ ...cardActivity(card), id: ref.activityId });
          } catch (err) {
            // The adapter's onTurnError would swallow it (and post an error message): carry it out.
            failure = err;
          }
        },
      );
      if (failure !== undefined) throw failure;
    },
  };
}
