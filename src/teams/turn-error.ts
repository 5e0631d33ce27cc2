import { randomUUID } from 'node:crypto';
import { INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { internalErrorCard } from '../cards/error-card';
import { cardActivity } from './card-activity';

const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * The adapter's last resort, for an error the bot's own handlers did not catch: the same answer
 * as theirs (a card with a correlation id; the error itself goes to the log only). A card click
 * gets it as its invoke response, as the bot answers one, instead of botbuilder's bare 501; any
 * other invoke gets a 500 with a generic body.
 */
export function answerTurnError(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const correlationId = randomUUID();
    const activity = context.activity;
    logger.error({ err: error, correlationId, activityId: activity?.id, type: activity?.type }, 'unhandled turn error');
    try {
      if (activity?.type !== 'invoke') {
        await context.sendActivity(cardActivity(internalErrorCard({ correlationId })));
      } else if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
        const body =
          activity.name === 'adaptiveCard/action'
            ? { statusCode: 200, type: CARD, value: internalErrorCard({ correlationId }) }
            : { error: 'internal error', correlationId };
        const status = activity.name === 'adaptiveCard/action' ? 200 : 500;
        await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
      }
    } catch (sendErr) {
      logger.warn({ err: sendErr, correlationId }, 'could not tell the user about the turn error');
    }
  };
}
