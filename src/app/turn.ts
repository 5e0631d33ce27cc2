import type { Logger } from 'pino';
import type { Card } from '../cards/card';

/** Who is acting. Only `aadObjectId` and `tenantId` are ever used for authority. */
export interface TurnUser {
  /** Teams MRI ("29:…"). */
  id: string;
  /** Entra object id; absent outside Teams-like channels. */
  aadObjectId?: string;
  name?: string;
}

/** What the bot edge hands to the app: a small, SDK-free view of one incoming activity. */
export interface Turn {
  user: TurnUser;
  tenantId?: string;
  /** `serviceUrl`: the Bot Connector endpoint the activity came through (for later proactive updates). */
  conversation: { id: string; type?: string; serviceUrl?: string };
  /** Message text with the bot @mention removed and whitespace trimmed ('' for card actions). */
  text: string;
  /** Present when a card button was clicked: the verb and its (untrusted) data. */
  action?: { verb: string; data: Record<string, unknown> };
  /** The message whose card was clicked (the activity's replyToId), when the client says. */
  clickedActivityId?: string;
  /** Sends a card as a new message; resolves to the sent activity id when the channel returns one. */
  reply(card: Card): Promise<string | undefined>;
  /** Replaces a previously sent message's card. */
  update(activityId: string, card: Card): Promise<void>;
  log: Logger;
}
