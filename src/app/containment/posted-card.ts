import type { Card } from '../../cards/card';
import type { CardUpdater } from '../card-updater';
import type { Turn } from '../turn';

/** A card posted in a conversation; the connector's serviceUrl when it is known. */
export interface PostedCard {
  conversationId: string;
  serviceUrl?: string;
  activityId: string;
}

/**
 * Replaces a posted card for everyone: in `turn` while it lasts and is that card's conversation
 * (botbuilder revokes a turn's context once its invoke is answered, so callers pass it only
 * then), else proactively through the connector. False when neither is possible; a refusal by
 * Teams is thrown for the caller to log in its own words.
 */
export async function replacePosted(cards: CardUpdater | undefined, turn: Turn | undefined, where: PostedCard, card: Card): Promise<boolean> {
  const { conversationId, serviceUrl, activityId } = where;
  if (turn && turn.conversation.id === conversationId) {
    await turn.update(activityId, card);
    return true;
  }
  if (!cards || !serviceUrl) return false;
  await cards.update({ conversationId, serviceUrl, activityId }, card);
  return true;
}
