import type { CloudAdapter, TurnContext } from 'botbuilder';

export interface ProactiveTarget {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' locally, where the connector takes unauthenticated calls). */
  appId: string;
  serviceUrl: string;
  conversationId: string;
  isGroup?: boolean;
  conversationType?: string;
}

/**
 * Runs `work` in a proactive turn (continueConversationAsync) of a conversation and returns what
 * it returns. A failure inside is carried out and thrown here: the adapter's onTurnError would
 * swallow it (and post an error message into the conversation), making a failed call look done.
 */
export async function inProactiveTurn<T>(target: ProactiveTarget, work: (context: TurnContext) => Promise<T>): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await target.adapter.continueConversationAsync(
    target.appId,
    {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: target.conversationId, isGroup: target.isGroup ?? false, conversationType: target.conversationType ?? '', name: '' },
      bot: { id: target.appId, name: 'Verdict' },
    },
    async (context) => {
      try {
        outcome = { ok: true, value: await work(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    },
  );
  if (!outcome) throw new Error('the proactive turn did not run');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** The Bot Connector client of a turn (botframework-connector's, not a direct dependency). */
export const connectorOf = <T>(adapter: CloudAdapter, context: TurnContext): T => context.turnState.get<T>(adapter.ConnectorClientKey);
