import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Card } from '../cards/card';

/** A message activity carrying one Adaptive Card. */
export function cardActivity(card: Card): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
