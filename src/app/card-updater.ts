import type { Card } from '../cards/card';

/** Where a posted card is: enough to replace it outside any turn (a proactive update). */
export interface CardRef {
  conversationId: string;
  /** The Bot Connector endpoint of the conversation's region, from the activity that started it. */
  serviceUrl: string;
  activityId: string;
}

/** Replaces a posted card for everyone. Implemented in src/teams over the adapter. */
export interface CardUpdater {
  update(ref: CardRef, card: Card): Promise<void>;
  /** Posts a new message into a conversation outside any turn (a requester's news). */
  post?(where: Omit<CardRef, 'activityId'>, card: Card): Promise<void>;
}
